import type { FakeReddit } from './fake-reddit.js';

/** Logs in with the fake's default client and account (plain fetch) and returns the bearer token. */
export async function fetchToken(fake: FakeReddit, client = fake.client): Promise<string> {
  const res = await fetch(`${fake.url}/api/v1/access_token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: fake.account.username, password: fake.account.password }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** GET on the fake's OAuth API with a bearer token. */
export function apiGet(fake: FakeReddit, token: string, path: string): Promise<Response> {
  return fetch(`${fake.url}${path}`, { headers: { Authorization: `bearer ${token}` } });
}

/** The `data` of a listing answer. */
export interface ListingBody {
  kind: string;
  data: { after: string | null; before: null; children: Array<{ kind: string; data: Record<string, unknown> & { id: string; name: string; body: string; author: string; score: number; created_utc: number } }> };
}

/** The X-Ratelimit-* headers of an answer, as strings. */
export function rateHeaders(res: Response): { used: string | null; remaining: string | null; reset: string | null } {
  return { used: res.headers.get('x-ratelimit-used'), remaining: res.headers.get('x-ratelimit-remaining'), reset: res.headers.get('x-ratelimit-reset') };
}
