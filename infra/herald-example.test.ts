import { describe, expect, it } from 'vitest';
import { loadConfig as loadNotifierConfig } from '../apps/notifier/src/config.js';
import { loadConfig as loadPollerConfig } from '../apps/servatrice-poller/src/config.js';
import { loadWebConfig } from '../apps/web/src/config.js';
import { loadConfig as loadIbcPollerConfig } from '../apps/ibc-poller/src/config.js';
import { loadConfig as loadRedditPollerConfig, type PollerConfig as RedditPollerConfig } from '../apps/reddit-poller/src/config.js';
import { compileRouter } from '../packages/pipeline/src/index.js';
import { repoPath } from './compose-file.js';

// The documented example must be accepted by every app, and each value must land where the README says.
const env = {
  HERALD_CONFIG: repoPath('infra', 'herald.example.yaml'),
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/123456789012345678/token-token-token',
  DB_USER: 'account_monitor',
  DB_PASSWORD: 'secret',
  DISCORD_BOT_TOKEN: 'bot-token',
  SIGNUPS_WEBHOOK_URL: 'https://discord.com/api/webhooks/223456789012345678/token-token-token',
};

describe('infra/herald.example.yaml', () => {
  it('is accepted by the poller, with durations parsed', () => {
    const config = loadPollerConfig([], env);
    expect(config.herald.servatrice).toEqual({ source: 'default', pollInterval: 1000, batchSize: 500, gapGrace: 10_000, gapRecheck: 86_400_000, showEmail: true, showRealName: true });
    expect(config.herald.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'herald' });
    expect(config.herald.log).toEqual({ level: 'info', format: 'auto' });
  });
  it('is accepted by the notifier, with the bot settings', () => {
    const config = loadNotifierConfig(env);
    expect(config.notifier).toEqual({ concurrency: 16, reconcileInterval: 15_000, batchSize: 10, scrubDelivered: true, invalidRequests: { windowMs: 600_000, slowAt: 2500, stopAt: 5000 } });
    expect(config.discord.bot).toEqual({ token: 'bot-token', guildId: '100000000000000001', privilegedRole: '100000000000000200', messageContent: false, prefix: '!' });
    const day = 86_400_000;
    expect(config.retention).toEqual({ events: 90 * day, deliveries: 90 * day, attempts: 30 * day, personalData: 30 * day, interval: 3_600_000, batchSize: 1000 });
  });
  it('routes servatrice sign-ups to a webhook and to a channel with a role mention', () => {
    const { herald } = loadPollerConfig([], env);
    expect(herald.destinations.signups).toEqual({ webhook: env.SIGNUPS_WEBHOOK_URL });
    expect(herald.routes[1]).toEqual({
      events: ['servatrice.*'],
      to: [{ destination: 'moderators', mentions: { roles: ['100000000000000200'], users: [] }, minSeverity: 'info' }],
    });
  });
  it('needs the bot token in the notifier once a destination is a channel', () => {
    expect(() => loadNotifierConfig({ ...env, DISCORD_BOT_TOKEN: '' })).toThrow(/DISCORD_BOT_TOKEN/);
  });
  it('is accepted by the web app, and the environment wins over the file', () => {
    const config = loadWebConfig({ ...env, HERALD_WEB_PORT: '8080' });
    expect(config.web).toEqual({ host: '127.0.0.1', port: 8080, public: false, defaultLimit: 100, maxLimit: 1000 });
  });
  it('is accepted by the ibc-poller: chains, both monitor modes, thresholds and the status channel', () => {
    const { ibc } = loadIbcPollerConfig([], env).herald;
    expect(ibc.chains.map((c) => [c.chainId, c.rpc.length, c.bech32Prefix, c.denom, c.displayDenom, c.exponent])).toEqual([
      ['cosmoshub-4', 2, 'cosmos', 'uatom', 'ATOM', 6],
      ['osmosis-1', 1, 'osmo', 'uosmo', 'OSMO', 6],
    ]);
    expect(ibc.monitor).toEqual([
      { chainId: 'cosmoshub-4', connections: 'all' },
      { chainId: 'osmosis-1', connections: ['connection-0', 'connection-1257'] },
    ]);
    expect(ibc.thresholds).toEqual({ warningElapsed: 0.8, criticalLeft: 86_400_000 });
    expect([ibc.pollInterval, ibc.expiredPollInterval, ibc.walletInterval, ibc.requestTimeout, ibc.reminderInterval]).toEqual([60_000, 3_600_000, 300_000, 10_000, 21_600_000]);
    expect(ibc.statusDestinations).toEqual(['relayers']);
  });
  it('routes ibc.* events to the relayers channel with the seed role_id mention', () => {
    const { herald } = loadPollerConfig([], env);
    expect(herald.routes.at(-1)).toEqual({
      events: ['ibc.*'],
      to: [{ destination: 'relayers', mentions: { roles: ['100000000000000300'], users: [] }, minSeverity: 'info' }],
    });
    expect(Object.keys(herald.destinations)).toContain('relayers');
  });
  it('is accepted by the reddit-poller, with the credentials from the environment and the durations parsed', () => {
    const credentials = {
      REDDIT_CLIENT_ID: 'client-id',
      REDDIT_CLIENT_SECRET: 'client-secret',
      REDDIT_USERNAME: 'HeraldBot',
      REDDIT_PASSWORD: 'password',
      REDDIT_USER_AGENT: '{{.OS}}:herald:v{{.Version}} (by /u/HeraldBot)',
    };
    const { reddit } = (loadRedditPollerConfig([], { ...env, ...credentials }) as RedditPollerConfig).herald;
    expect(reddit.credentials).toMatchObject({ clientId: 'client-id', username: 'HeraldBot' });
    const hour = 3_600_000;
    expect(reddit).toMatchObject({
      apiBase: 'https://oauth.reddit.com',
      scanInterval: 60_000,
      fullScanInterval: 6 * hour,
      inactivityThreshold: 2200 * hour,
      maxAge: 24 * hour,
      maxBatches: 5,
      resurrectionsInterval: hour,
      highscoreThreshold: -1000,
      hidePrefix: 'hide/',
      requestTimeout: 30_000,
      concurrency: 4,
      retry: { times: 10, maxInterval: 300_000, resetAfter: hour },
    });
    // Without them the other apps accept the file (no Reddit), and the reddit-poller says what to set.
    expect(() => loadRedditPollerConfig([], env)).toThrow(/reddit\.clientId: the Reddit source is off: .*REDDIT_CLIENT_ID/);
  });
  it('routes Reddit high scores to #highscores and suspensions, deletions and returns to #graveyard, as the seed posted them', () => {
    const { herald } = loadPollerConfig([], env);
    const ids = new Map(Object.keys(herald.destinations).map((name, i) => [name, i + 1]));
    const route = compileRouter(herald.routes, ids);
    const none = null; // no route pings anyone
    expect(route({ type: 'reddit.comment.highscore', severity: 'info' })).toEqual([{ destinationId: ids.get('highscores'), mentions: none }]);
    for (const type of ['reddit.user.suspended', 'reddit.user.deleted', 'reddit.user.resurrected'] as const) {
      expect(route({ type, severity: 'info' })).toEqual([{ destinationId: ids.get('graveyard'), mentions: none }]);
    }
  });
});
