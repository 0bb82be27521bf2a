import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadHeraldSettings, parseConfig } from '@herald/config';
import { redditEnvMapping, redditSection, requireRedditCredentials } from './settings.js';

const hour = 3_600_000;
const schema = z.object({ reddit: redditSection });
const fromEnv = (env: Record<string, string>) => parseConfig(schema, loadHeraldSettings(env, redditEnvMapping)).reddit;
const credentialsEnv = {
  REDDIT_CLIENT_ID: 'XaiUdR5UBKl_FY',
  REDDIT_CLIENT_SECRET: 'D8PvhefS9ZTZFOUxK',
  REDDIT_USERNAME: 'AGreatUsername',
  REDDIT_PASSWORD: 'hunter2',
  REDDIT_USER_AGENT: '{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)',
};

describe('reddit: section', () => {
  it("defaults are the seed's (§3.13), with Herald's scheduling settings", () => {
    expect(parseConfig(schema, {}).reddit).toEqual({
      apiBase: 'https://oauth.reddit.com',
      fullScanInterval: 6 * hour,
      inactivityThreshold: 2200 * hour,
      maxAge: 24 * hour,
      maxBatches: 5,
      resurrectionsInterval: 0,
      highscoreThreshold: -1000,
      retry: { times: 10, maxInterval: 300_000, resetAfter: hour },
      hidePrefix: 'hide/',
      requestTimeout: 30_000,
      concurrency: 4,
      scanInterval: 60_000,
      credentials: undefined,
    });
  });

  it('every variable sets its setting', () => {
    const reddit = fromEnv({
      ...credentialsEnv,
      REDDIT_API_BASE: 'http://127.0.0.1:9999',
      REDDIT_FULL_SCAN_INTERVAL: '2h',
      REDDIT_INACTIVITY_THRESHOLD: '48h',
      REDDIT_MAX_AGE: '72h',
      REDDIT_MAX_BATCHES: '10',
      REDDIT_RESURRECTIONS_INTERVAL: '15m',
      REDDIT_HIGHSCORE_THRESHOLD: '-500',
      REDDIT_RETRY_TIMES: '-1',
      REDDIT_RETRY_MAX_INTERVAL: '1m',
      REDDIT_RETRY_RESET_AFTER: '2h',
      REDDIT_HIDE_PREFIX: 'h:',
      REDDIT_REQUEST_TIMEOUT: '10s',
      REDDIT_CONCURRENCY: '8',
      REDDIT_SCAN_INTERVAL: '30s',
    });
    expect(reddit).toEqual({
      credentials: { clientId: 'XaiUdR5UBKl_FY', clientSecret: 'D8PvhefS9ZTZFOUxK', username: 'AGreatUsername', password: 'hunter2', userAgent: credentialsEnv.REDDIT_USER_AGENT },
      apiBase: 'http://127.0.0.1:9999',
      fullScanInterval: 2 * hour,
      inactivityThreshold: 48 * hour,
      maxAge: 72 * hour,
      maxBatches: 10,
      resurrectionsInterval: 900_000,
      highscoreThreshold: -500,
      retry: { times: -1, maxInterval: 60_000, resetAfter: 2 * hour },
      hidePrefix: 'h:',
      requestTimeout: 10_000,
      concurrency: 8,
      scanInterval: 30_000,
    });
    expect(Object.keys(redditEnvMapping)).toHaveLength(19);
  });

  it.each([
    ['REDDIT_FULL_SCAN_INTERVAL', '59m', 'must be at least 1h (got 59m)'],
    ['REDDIT_INACTIVITY_THRESHOLD', '23h', 'must be at least 1d (got 23h)'],
    ['REDDIT_MAX_AGE', '23h', 'must be at least 1d (got 23h)'],
    ['REDDIT_MAX_BATCHES', '0', 'must be at least 1'],
    ['REDDIT_RESURRECTIONS_INTERVAL', '59s', 'must be 0 (disabled) or at least 1m'],
    ['REDDIT_HIGHSCORE_THRESHOLD', '0', 'must be at most -1'],
    ['REDDIT_RETRY_TIMES', '-2', 'must be at least -1'],
    ['REDDIT_CONCURRENCY', '0', 'must be at least 1'],
    ['REDDIT_API_BASE', 'ftp://x', 'must be a URL starting with http:// or https://'],
    ['REDDIT_USER_AGENT', '{{.OS}} {{.Arch}}', 'is not a valid template: {{.Arch}} is not available: only {{.OS}}, {{.Version}} may be used'],
  ])('%s=%s is refused, named by the variable', (name, value, message) => {
    expect(() => fromEnv({ ...credentialsEnv, [name]: value })).toThrow(`${name}: ${message}`);
  });

  it('minimums are inclusive; 0 disables resurrections', () => {
    const reddit = fromEnv({ REDDIT_FULL_SCAN_INTERVAL: '1h', REDDIT_INACTIVITY_THRESHOLD: '24h', REDDIT_MAX_BATCHES: '1', REDDIT_HIGHSCORE_THRESHOLD: '-1', REDDIT_RESURRECTIONS_INTERVAL: '1m' });
    expect(reddit).toMatchObject({ fullScanInterval: hour, inactivityThreshold: 24 * hour, maxBatches: 1, highscoreThreshold: -1, resurrectionsInterval: 60_000 });
    expect(() => parseConfig(schema, { reddit: { hidePrefix: '' } })).toThrow('reddit.hidePrefix: may not be empty');
  });

  it('credentials are all set or none: a partial set names each missing one', () => {
    const { REDDIT_PASSWORD: _password, REDDIT_USER_AGENT: _agent, ...partial } = credentialsEnv;
    expect(() => fromEnv(partial)).toThrow(
      'reddit.password: missing (REDDIT_PASSWORD sets it too): the Reddit credentials (clientId, clientSecret, username, password, userAgent) are all set or none, and clientId, clientSecret, username are set\n' +
        'reddit.userAgent: missing (REDDIT_USER_AGENT sets it too)',
    );
    // No secret value appears in the message.
    expect(() => fromEnv(partial)).not.toThrow(/D8Pv|XaiU/);
    expect(fromEnv({}).credentials).toBeUndefined();
    expect(() => requireRedditCredentials(fromEnv({}))).toThrow(/^reddit\.clientId: the Reddit source is off: set reddit\.clientId/);
    expect(requireRedditCredentials(fromEnv(credentialsEnv)).username).toBe('AGreatUsername');
  });
});
