import type { Logger } from '@herald/logging';
import type { RedditCredentials, RedditSettings } from '../settings.js';
import { SnoowrapRedditClient } from './snoowrap-client.js';
import type { RedditApi, RequestGate } from './types.js';

/** Reddit's own API base: the client's default, so only another one (tests, a proxy) is passed on. */
const RedditApiBase = 'https://oauth.reddit.com';

/** The Reddit client every app uses, from the `reddit:` settings, on the shared request budget `gate`. */
export function createRedditClient(settings: RedditSettings, credentials: RedditCredentials, deps: { gate: RequestGate; version: string; logger: Logger }): RedditApi {
  return new SnoowrapRedditClient({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    username: credentials.username,
    password: credentials.password,
    userAgent: { template: credentials.userAgent, version: deps.version },
    gate: deps.gate,
    ...(settings.apiBase.replace(/\/+$/, '') !== RedditApiBase && { apiBase: settings.apiBase }),
    requestTimeoutMs: settings.requestTimeout,
    retry: { times: settings.retry.times, maxIntervalMs: settings.retry.maxInterval },
    logger: deps.logger,
  });
}
