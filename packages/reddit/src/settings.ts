import { z } from 'zod';
import { ConfigError, duration, goTemplate, intFromString, urlWithProtocol } from '@herald/config';
import { USER_AGENT_FIELDS } from './client/user-agent.js';

/**
 * The `reddit:` section of HERALD_CONFIG (and REDDIT_* variables; a `dab.conf.json` in DAB_CONFIG
 * feeds the same settings, see dab-config/). Defaults and minimums are the seed's (seed-behaviour
 * §3.13) in both formats; durations are Herald's (`6h`, `90s`, or milliseconds).
 */

const hour = 3_600_000;
const minute = 60_000;

/** Fields the User-Agent template may use, as the seed's (§3.13 `reddit.user_agent`; rendered by the client). */
export const userAgentFields = USER_AGENT_FIELDS;

/** An empty value (`clientId: ""`) is "not set", as the seed treats an empty credential. */
const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Names of the credentials as written in the YAML (and their variables), all set or none. */
export const credentialSettings = [
  ['clientId', 'REDDIT_CLIENT_ID'],
  ['clientSecret', 'REDDIT_CLIENT_SECRET'],
  ['username', 'REDDIT_USERNAME'],
  ['password', 'REDDIT_PASSWORD'],
  ['userAgent', 'REDDIT_USER_AGENT'],
] as const;

const DEFAULT_API_BASE = 'https://oauth.reddit.com';

export const redditSection = z
  .strictObject({
    /** The Reddit app's id and secret ("script" app, https://www.reddit.com/prefs/apps). */
    clientId: optionalText(z.string().trim().min(1)),
    clientSecret: optionalText(z.string().min(1)),
    /** The bot account that logs in with the password grant. */
    username: optionalText(z.string().trim().min(1)),
    password: optionalText(z.string().min(1)),
    /** A Go template: `{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)` (Reddit wants `<platform>:<app>:<version> (by /u/<user>)`). */
    userAgent: optionalText(goTemplate(userAgentFields)),
    /** Where the API is (tests, proxies); when not Reddit's, the token endpoint is `<apiBase>/api/v1/access_token` too. */
    apiBase: urlWithProtocol(['http', 'https']).default(DEFAULT_API_BASE),
    /** Inactive users are scanned only this often (§3.3). */
    fullScanInterval: duration({ min: hour }).default(6 * hour),
    /** A user whose newest stored comment is older than this is inactive (§3.2 Inactivity). */
    inactivityThreshold: duration({ min: 24 * hour }).default(2200 * hour),
    /** Comments younger than this have their score refreshed; paging stops past it (§3.3). */
    maxAge: duration({ min: 24 * hour }).default(24 * hour),
    /** Pages of 100 comments fetched for one user per scan (§3.3). */
    maxBatches: intFromString({ min: 1, max: 100 }).default(5),
    /** How often suspended and deleted users are checked for a return; `0` (the default) never (§3.4). */
    resurrectionsInterval: duration({ min: 0 })
      .refine((ms) => ms === 0 || ms >= minute, 'must be 0 (disabled) or at least 1m')
      .default(0),
    /** A comment whose score reaches this is announced once (§3.2 High scores). */
    highscoreThreshold: intFromString({ max: -1 }).default(-1000),
    /** Login retries (§3.12): `times` (-1 forever), the backoff's ceiling, and the run after which the count starts again. */
    retry: z
      .strictObject({
        times: intFromString({ min: -1 }).default(10),
        maxInterval: duration({ min: 1 }).default(5 * minute),
        // DAB's `reset_after`, accepted for its files: every login starts its retries afresh, so it changes nothing.
        resetAfter: duration({ min: 0 }).default(hour),
      })
      .prefault({}),
    /** Typed before a name (`hide/name`) to register the user hidden from the reports (§3.5). */
    hidePrefix: z.string().min(1, 'may not be empty').default('hide/'),
    /** One API call, login included. */
    requestTimeout: duration({ min: 1000, max: 5 * minute }).default(30_000),
    /** Users scanned at once by one poller process (lanes); the shared budget bounds the requests. */
    concurrency: intFromString({ min: 1, max: 64 }).default(4),
    /** The least time between two scans of an active user (`0`: as often as the budget allows). */
    scanInterval: duration({ min: 0 }).default(minute),
  })
  .superRefine((reddit, ctx) => {
    const set = credentialSettings.filter(([key]) => reddit[key] !== undefined);
    if (set.length === 0 || set.length === credentialSettings.length) return;
    for (const [key, envName] of credentialSettings) {
      if (reddit[key] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `missing (${envName} sets it too): the Reddit credentials (clientId, clientSecret, username, password, userAgent) are all set or none, and ${set.map(([k]) => k).join(', ')} ${set.length === 1 ? 'is' : 'are'} set`,
      });
    }
  })
  .transform(({ clientId, clientSecret, username, password, userAgent, ...rest }) => ({
    ...rest,
    /** All five, or undefined: the Reddit source is off. */
    credentials:
      clientId !== undefined && clientSecret !== undefined && username !== undefined && password !== undefined && userAgent !== undefined
        ? { clientId, clientSecret, username, password, userAgent }
        : undefined,
  }))
  .prefault({});
export type RedditSettings = z.infer<typeof redditSection>;
export type RedditCredentials = NonNullable<RedditSettings['credentials']>;

/** Environment variables for the `reddit:` section. */
export const redditEnvMapping = {
  REDDIT_CLIENT_ID: 'reddit.clientId',
  REDDIT_CLIENT_SECRET: 'reddit.clientSecret',
  REDDIT_USERNAME: 'reddit.username',
  REDDIT_PASSWORD: 'reddit.password',
  REDDIT_USER_AGENT: 'reddit.userAgent',
  REDDIT_API_BASE: 'reddit.apiBase',
  REDDIT_FULL_SCAN_INTERVAL: 'reddit.fullScanInterval',
  REDDIT_INACTIVITY_THRESHOLD: 'reddit.inactivityThreshold',
  REDDIT_MAX_AGE: 'reddit.maxAge',
  REDDIT_MAX_BATCHES: 'reddit.maxBatches',
  REDDIT_RESURRECTIONS_INTERVAL: 'reddit.resurrectionsInterval',
  REDDIT_HIGHSCORE_THRESHOLD: 'reddit.highscoreThreshold',
  REDDIT_RETRY_TIMES: 'reddit.retry.times',
  REDDIT_RETRY_MAX_INTERVAL: 'reddit.retry.maxInterval',
  REDDIT_RETRY_RESET_AFTER: 'reddit.retry.resetAfter',
  REDDIT_HIDE_PREFIX: 'reddit.hidePrefix',
  REDDIT_REQUEST_TIMEOUT: 'reddit.requestTimeout',
  REDDIT_CONCURRENCY: 'reddit.concurrency',
  REDDIT_SCAN_INTERVAL: 'reddit.scanInterval',
};

/**
 * The credentials, or a ConfigError (exit 2 through runMain) saying the Reddit source is off and how
 * to turn it on: the seed ran without its reddit component then (§3.1); a reddit-poller has nothing to do.
 */
export function requireRedditCredentials(settings: RedditSettings): RedditCredentials {
  if (settings.credentials) return settings.credentials;
  throw new ConfigError(
    'reddit.clientId',
    'the Reddit source is off: set reddit.clientId, clientSecret, username, password and userAgent (REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, REDDIT_USERNAME, REDDIT_PASSWORD, REDDIT_USER_AGENT), or reddit.id, secret, username, password and user_agent in the dab.conf.json named by DAB_CONFIG',
  );
}
