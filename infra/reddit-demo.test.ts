// `npm start` in demo mode runs a simulated Reddit (packages/testkit fake-reddit-demo), writes its
// `reddit:` section and routes into HERALD_CONFIG, and registers the demo's accounts. Here: every app
// accepts that file, the registrations hold, and the built reddit-poller and notifier really announce
// the story's high score, suspension and return in the fake Discord's #general, once each.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QueueName } from '@herald/contracts';
import { createSqlPool } from '@herald/db/sql';
import { createTestDatabase, createTestRedisPrefix, DemoGuild, demoRedditRegistrations, demoRedditSettings, FakeDiscord, RedditDemo, redditDemoStory, redditDemoUsers, type FakeDiscordMessage } from '@herald/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig as loadIbcPollerConfig } from '../apps/ibc-poller/src/config.js';
import { loadConfig as loadNotifierConfig } from '../apps/notifier/src/config.js';
import { loadConfig as loadRedditPollerConfig, type PollerConfig as RedditPollerConfig } from '../apps/reddit-poller/src/config.js';
import { loadConfig as loadPollerConfig } from '../apps/servatrice-poller/src/config.js';
import { loadWebConfig } from '../apps/web/src/config.js';
import { compileRouter } from '../packages/pipeline/src/index.js';
import * as redditPackage from '../packages/reddit/src/index.js';
import { demoHeraldYaml } from '../scripts/lib/ibc-demo.mjs';
import { redditSetupInEnv, registerRedditDemo, wantsRedditPoller, type RedditDemoState } from '../scripts/lib/reddit-demo.mjs';
import { AppProcess } from '../tests/e2e/harness.js';
import { waitForQuiet } from '../tests/e2e/quiet.js';
import { repoPath } from './compose-file.js';

const general = DemoGuild.channels.general.id;

/** `node apps/<app>/dist/main.js` with only `env` (and PATH), as the end-to-end tests start the built apps. */
function startBuilt(app: 'notifier' | 'reddit-poller', env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [repoPath('apps', app, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '--max-semi-space-size=4', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new AppProcess(app, child);
}
const { highscore, suspension, threshold } = redditDemoStory;

describe('the demo HERALD_CONFIG written by npm start: the simulated Reddit', () => {
  let demo: RedditDemo;
  let state: RedditDemoState;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    demo = await RedditDemo.start();
    state = { reddit: demoRedditSettings(demo.fake), users: demoRedditRegistrations(demo.fake) };
    dir = mkdtempSync(join(tmpdir(), 'herald-reddit-demo-config-'));
    writeFileSync(join(dir, 'herald.yaml'), await demoHeraldYaml(DemoGuild, undefined, state.reddit));
    env = {
      HERALD_CONFIG: join(dir, 'herald.yaml'),
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald_demo',
      DISCORD_BOT_TOKEN: 'demo-bot-token',
      CONFIG_FILE: repoPath('infra/monitor.ini.example'),
    };
  });
  afterAll(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is accepted by the reddit-poller, pointed at the simulated Reddit with the story's settings", () => {
    const { herald } = loadRedditPollerConfig([], env) as RedditPollerConfig;
    expect(herald.reddit).toMatchObject({ apiBase: demo.fake.url, highscoreThreshold: threshold, scanInterval: 20_000, resurrectionsInterval: 60_000, fullScanInterval: 3_600_000 });
    expect(herald.reddit.credentials).toMatchObject({ clientId: demo.fake.client.id, username: demo.fake.account.username });
  });

  it('routes every reddit.* event to #general without a ping, and sign-ups to #alerts as before', () => {
    const { herald } = loadPollerConfig([], env);
    const route = compileRouter(herald.routes, new Map([['alerts', 1], ['general', 2]]));
    for (const type of ['reddit.comment.highscore', 'reddit.user.suspended', 'reddit.user.deleted', 'reddit.user.resurrected'] as const) {
      expect(route({ type, severity: 'info' })).toEqual([{ destinationId: 2, mentions: null }]);
    }
    expect(route({ type: 'servatrice.account.registered', severity: 'info' })).toEqual([{ destinationId: 1, mentions: { roles: [DemoGuild.roles.moderator.id], users: [] } }]);
    expect(herald.destinations.general).toEqual({ channel: general, label: '#general' });
  });

  it('is accepted by the notifier, the web app (which shows the demo client’s budget) and the IBC poller too', () => {
    expect(loadNotifierConfig(env).discord.bot?.token).toBe('demo-bot-token');
    expect(loadWebConfig(env).reddit.clientId).toBe(demo.fake.client.id);
    expect(() => loadIbcPollerConfig([], env)).not.toThrow();
  });

  it('makes npm start run the reddit-poller; outside the demo only Reddit credentials or DAB_CONFIG do', async () => {
    expect(await wantsRedditPoller(env)).toBe(true);
    expect(await wantsRedditPoller({ HERALD_CONFIG: repoPath('infra/herald.yaml') })).toBe(false);
    expect(await wantsRedditPoller({})).toBe(false);
    expect(await wantsRedditPoller({ DAB_CONFIG: '/etc/dab.conf.json' })).toBe(true);
    expect(await wantsRedditPoller({ REDDIT_CLIENT_ID: 'abc' })).toBe(true);
    // Any of them is a real setup, not the demo; empty values are unset.
    expect(redditSetupInEnv({ REDDIT_PASSWORD: 'x' })).toBe(true);
    expect(redditSetupInEnv({ REDDIT_CLIENT_ID: '', DAB_CONFIG: '' })).toBe(false);
  });

  it('registers the demo accounts as the members typed them (canonical case, hidden, who), and may run again at the next start', async () => {
    const database = await createTestDatabase('herald_reddit_demo');
    const pool = createSqlPool({ url: database.url, max: 1 });
    try {
      const first = await registerRedditDemo(database.url, state, redditPackage);
      expect(first.map((r) => r.kind)).toEqual(redditDemoUsers.map(() => 'added'));
      const again = await registerRedditDemo(database.url, state, redditPackage);
      expect(again.map((r) => r.kind)).toEqual(redditDemoUsers.map(() => 'exists'));
      const { rows } = await pool.query<{ name: string; hidden: boolean; registered_by: string; suspended: boolean }>(
        'SELECT name, hidden, registered_by, suspended FROM reddit_users ORDER BY name',
      );
      expect(rows).toEqual([...redditDemoUsers].sort((a, b) => (a.name < b.name ? -1 : 1)).map((u) => ({ name: u.name, hidden: u.hidden, registered_by: u.registeredBy, suspended: false })));
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

describe('the demo announces the simulated Reddit’s story (built reddit-poller and notifier, fake Discord)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('a high score once, the suspension once and the return once, in #general', { timeout: 120_000 }, async () => {
    const [database, discord, demo] = await Promise.all([createTestDatabase('herald_reddit_demo'), FakeDiscord.start(), RedditDemo.start()]);
    const redis = createTestRedisPrefix();
    const dir = mkdtempSync(join(tmpdir(), 'herald-reddit-demo-'));
    cleanups.push(() => database.drop(), () => discord.close(), () => demo.close(), () => redis.cleanup(), async () => rmSync(dir, { recursive: true, force: true }));
    const state = { reddit: demoRedditSettings(demo.fake), users: demoRedditRegistrations(demo.fake) };
    writeFileSync(join(dir, 'herald.yaml'), await demoHeraldYaml(DemoGuild, undefined, state.reddit));
    await registerRedditDemo(database.url, state, redditPackage);
    // The back-fill on the demo's 30 requests a minute is the dashboard's business; here it must not
    // hold the story up, and scans are every second instead of every 20 s.
    demo.fake.setBudget({ requests: 1000, windowMs: 60_000 });
    const env = {
      HERALD_CONFIG: join(dir, 'herald.yaml'),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      HERALD_REDIS_PREFIX: redis.prefix,
      DISCORD_API_BASE_URL: discord.apiBaseUrl,
      DISCORD_BOT_TOKEN: 'demo-bot-token',
      NOTIFIER_RECONCILE_INTERVAL: '2s',
      REDDIT_SCAN_INTERVAL: '1s',
      LOG_LEVEL: 'info',
    };
    const apps = [startBuilt('notifier', env), startBuilt('reddit-poller', env)];
    cleanups.push(() => Promise.all(apps.map((app) => (app.child.exitCode === null && app.child.signalCode === null ? app.kill('SIGKILL') : undefined))));
    const poller = apps[1]!;
    await poller.waitFor(/reddit poller started/, 30_000);

    const inGeneral = () => discord.messages({ channelId: general });
    const texts = (messages: FakeDiscordMessage[]) => messages.map((m) => (m.embeds as Array<{ description?: string }>).map((e) => e.description).join(' | '));
    const at = (s: number) => new Date(demo.start.getTime() + s * 1000);
    const scansOf = (name: string) => demo.fake.stats().byUser[name.toLowerCase()] ?? 0;
    /** Resolves after the poller has read `name`'s listing `n` more times (it then saw what the fake showed before). */
    const scanned = async (name: string, n = 2) => {
      const before = scansOf(name);
      await expect.poll(() => scansOf(name), { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(before + n);
    };

    // The comment sinks past the threshold: one message, and none more as it sinks further.
    const lastBefore = highscore.steps.findIndex((step) => step.score <= threshold);
    demo.tick(at(highscore.steps[lastBefore - 1]!.atSeconds));
    await scanned(highscore.author);
    expect(inGeneral()).toEqual([]);
    demo.tick(at(highscore.steps[lastBefore]!.atSeconds));
    const [announced] = await discord.waitForMessages(1, { filter: { channelId: general }, timeoutMs: 30_000 });
    const id = demo.sinkingComment()!;
    const permalink = demo.fake.comments(highscore.author, { limit: 5 }).children.find((c) => c.id === id)!.permalink;
    expect(texts([announced!])).toEqual([`a comment by /u/${highscore.author} has reached ${highscore.steps[lastBefore]!.score}: https://www.reddit.com${permalink}`]);
    demo.tick(at(highscore.steps.at(-1)!.atSeconds));
    await scanned(highscore.author);

    // Suspended: announced once (the account is no longer scanned), then back at the watcher's next run.
    // The polls below only wait for progress; the count is asserted once, at the end, when the pipeline is quiet.
    demo.tick(at(suspension.suspendAtSeconds));
    await expect.poll(() => texts(inGeneral()).length, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(2);
    demo.tick(at(suspension.backAtSeconds));
    // The watcher's next run, now rather than at its interval (at least a minute): as its scheduler adds it.
    const pollQueue = new Queue(QueueName.redditPoll, { connection: { url: redis.url }, prefix: redis.prefix });
    cleanups.push(() => pollQueue.close());
    await pollQueue.add('reddit.resurrections', {});
    await expect.poll(() => texts(inGeneral()).length, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    // Two more scans of the returned account (a second suspension or return would be found by them),
    // then nothing owed to Discord even after a reconciliation: only then is the list final.
    await scanned(suspension.user);
    await waitForQuiet({ pg: { url: database.url }, redis }, 30_000);
    expect(texts(inGeneral())).toEqual([
      `a comment by /u/${highscore.author} has reached ${highscore.steps[lastBefore]!.score}: https://www.reddit.com${permalink}`,
      'RIP /u/Suspicious\\_Sam 🙏 (suspended)',
      '🌈 /u/Suspicious\\_Sam has been resurrected! 🌈',
    ]);
    // Reddit's budget was never exceeded.
    expect(demo.fake.stats().tooManyRequests).toBe(0);
  });
});
