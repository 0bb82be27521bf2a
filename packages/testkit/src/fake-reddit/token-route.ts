import { redditError, type Answer } from './http.js';
import { basicCredentials, type FakeRedditAccount, type FakeRedditClient, type TokenRegistry } from './tokens.js';

export interface TokenState {
  clients: readonly FakeRedditClient[];
  accounts: readonly FakeRedditAccount[];
  tokens: TokenRegistry;
}

/**
 * `POST /api/v1/access_token` (`https://www.reddit.com`), the password grant: HTTP Basic
 * `client_id:secret` (unknown or wrong → 401, as Reddit), form `grant_type=password&username&password`.
 * Wrong account credentials answer **200** `{"error": "invalid_grant"}`, as Reddit does; another grant
 * type answers 200 `{"error": "unsupported_grant_type"}`. Not counted in the request budget.
 */
export function routeToken(state: TokenState, method: string, authorization: string | undefined, rawBody: string): Answer {
  if (method !== 'POST') return redditError(405);
  const credentials = basicCredentials(authorization);
  const client = state.clients.find((c) => c.id === credentials?.id);
  if (credentials === undefined || client === undefined || client.secret !== credentials.secret) return redditError(401);
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'password') return { status: 200, body: { error: 'unsupported_grant_type' } };
  const username = form.get('username') ?? '';
  const account = state.accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
  if (account === undefined || account.password !== form.get('password')) return { status: 200, body: { error: 'invalid_grant' } };
  return {
    status: 200,
    body: { access_token: state.tokens.issue(client.id, account.username), token_type: 'bearer', expires_in: state.tokens.ttlSeconds, scope: '*' },
  };
}
