export * from './types.js';
export { SnoowrapRedditClient, type SnoowrapClientOptions } from './snoowrap-client.js';
export type { LoginRetry } from './login.js';
export { renderUserAgent, goosName, USER_AGENT_FIELDS } from './user-agent.js';
export { isValidRedditName, InvalidRedditNameError } from './names.js';
export { RedditNetworkError } from './errors.js';
export { RedditResponseError } from './map.js';
export { parseRateLimitHeaders } from './rate-headers.js';
