/** Talking to the fake Discord's control API (`/_fake/*`): one place for URLs, timeouts and error wording. */

/** `<base>/_fake<path>`, whatever trailing slashes the configured base URL has. */
export function controlUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/_fake${path}`;
}

export interface ControlRequest {
  method?: 'GET' | 'POST';
  /** Sent as a JSON body. */
  json?: unknown;
  timeoutMs: number;
}

/**
 * fetch() with a timeout; a network failure becomes an Error with a short, operator-readable message
 * (no stack, no URL: the page shows it as is). HTTP error statuses are returned, not thrown.
 */
export async function fetchControl(url: string, init: ControlRequest): Promise<Response> {
  const { timeoutMs, json, method = 'GET' } = init;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method,
      headers,
      ...(json !== undefined && { body: JSON.stringify(json) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`the demo Discord did not answer (${(error as Error).name === 'TimeoutError' ? 'timed out' : 'connection failed'})`);
  }
}

/** The body as JSON, or undefined when it is not JSON. */
export async function jsonBody(response: Response): Promise<unknown> {
  return response.json().catch(() => undefined);
}
