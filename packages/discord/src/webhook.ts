/** Where a webhook message goes. The token is a secret: never log or display it. */
export interface WebhookTarget {
  id: string;
  token: string;
  /** Post into this thread of the webhook's channel (the URL's `?thread_id=`). */
  threadId?: string;
}

/**
 * `/api[/vN]/webhooks/<id>/<token>`, optionally behind a path prefix (self-hosted proxies) and with a trailing
 * slash. Anything after the token (`/slack`, `/github`, `/messages/…`) is a different endpoint and is rejected.
 */
const webhookPath = /\/api(?:\/v\d+)?\/webhooks\/(\d{1,25})\/([A-Za-z0-9._-]{1,256})\/?$/;
const snowflake = /^\d{1,25}$/;

/** Thrown for unusable webhook URLs. The message never repeats the URL, because it would contain the token. */
export class InvalidWebhookUrlError extends Error {
  constructor(reason: string) {
    super(`Invalid Discord webhook URL (${reason}); expected https://discord.com/api/webhooks/<id>/<token>`);
    this.name = 'InvalidWebhookUrlError';
  }
}

/**
 * Reads id, token and optional thread id from a webhook URL as Discord shows it
 * (`https://discord.com/api/webhooks/<id>/<token>`; also discordapp.com, ptb./canary., `/v10`, `?thread_id=`)
 * or from any http(s) host with the same path. The host is not kept: the client sends to its own `apiBaseUrl`.
 */
export function parseWebhookTarget(url: string): WebhookTarget {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new InvalidWebhookUrlError('not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InvalidWebhookUrlError('not http(s)');
  const match = webhookPath.exec(parsed.pathname);
  if (!match) throw new InvalidWebhookUrlError('path is not /api/webhooks/<id>/<token>');
  const [, id = '', token = ''] = match;
  const target: WebhookTarget = { id, token };
  const threadId = parsed.searchParams.get('thread_id');
  if (threadId !== null) {
    if (!snowflake.test(threadId)) throw new InvalidWebhookUrlError('thread_id is not a numeric id');
    target.threadId = threadId;
  }
  return target;
}

function shorten(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/**
 * A label safe for pages and logs, e.g. `webhook 1234…5678` or `webhook 1234…5678 (thread 9876…4321)`.
 * Never shows the token; an unparsable URL gives `webhook (invalid URL)`.
 */
export function webhookLabel(urlOrTarget: string | Pick<WebhookTarget, 'id' | 'threadId'>): string {
  let target: Pick<WebhookTarget, 'id' | 'threadId'>;
  if (typeof urlOrTarget === 'string') {
    try {
      target = parseWebhookTarget(urlOrTarget);
    } catch {
      return 'webhook (invalid URL)';
    }
  } else {
    target = urlOrTarget;
  }
  const thread = target.threadId === undefined ? '' : ` (thread ${shorten(target.threadId)})`;
  return `webhook ${shorten(target.id)}${thread}`;
}
