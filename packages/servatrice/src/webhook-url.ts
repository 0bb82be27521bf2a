import { ConfigError } from '@herald/config';

export interface ParsedWebhookUrl {
  id: string;
  token: string;
  /** From `?thread_id=…`: post into that thread of a forum or text channel. */
  threadId?: string;
}

const webhookPath = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([A-Za-z0-9._-]+)\/?$/;

/**
 * Splits a Discord webhook URL into id and token. Accepted:
 * `http(s)://<any host>[:port]/api[/v<N>]/webhooks/<digits>/<token>[?thread_id=<digits>]`.
 * Any host is accepted (discord.com, discordapp.com, ptb./canary. and self-hosted proxies) because
 * the host is never used: Herald sends to its configured Discord API base URL. Other query
 * parameters (e.g. `wait=true`) are ignored; Herald sets its own.
 *
 * Errors never contain the URL: its token is a secret.
 */
export function parseWebhookUrl(url: string, key = 'webhook URL'): ParsedWebhookUrl {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ConfigError(key, 'is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(key, 'does not look like an http(s) URL');
  }
  const match = webhookPath.exec(parsed.pathname);
  if (!match) {
    throw new ConfigError(key, 'is not a Discord webhook URL (expected https://discord.com/api/webhooks/<id>/<token>)');
  }
  const result: ParsedWebhookUrl = { id: match[1]!, token: match[2]! };
  const threadId = parsed.searchParams.get('thread_id');
  if (threadId !== null) {
    if (!/^\d+$/.test(threadId)) throw new ConfigError(key, 'has a thread_id that is not a number');
    result.threadId = threadId;
  }
  return result;
}
