import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { stringify } from 'yaml';
import { QueueName } from '@herald/contracts';
import {
  FakeDiscord,
  createTestDatabase,
  createTestRedisPrefix,
  startFakeReddit,
  type FakeDiscordWebhook,
  type FakeGuild,
  type FakeReddit,
  type FakeRedditOptions,
  type TestDatabase,
  type TestRedisPrefix,
} from '@herald/testkit';
import { runApp, stackEnv, startApp, type AppName, type AppProcess } from './harness.js';
import { eventually } from './ibc-harness.js';

export interface RedditStack {
  pg: TestDatabase;
  redis: TestRedisPrefix;
  discord: FakeDiscord;
  reddit: FakeReddit;
  /** Where `reddit.user.*` (deaths, returns) and `reddit.comment.highscore` are routed. */
  graveyard: FakeDiscordWebhook;
  highscores: FakeDiscordWebhook;
  dir: string;
  env: Record<string, string>;
  /** Writes HERALD_CONFIG: the `reddit` settings given (API base and credentials of the fake added), and the routes. */
  configure(reddit?: Record<string, unknown>, extra?: Record<string, unknown>): void;
  start(name: AppName, args?: string[], env?: Record<string, string>): AppProcess;
  run(name: AppName, args: string[], env?: Record<string, string>): Promise<{ code: number | null; output: string }>;
  /** Descriptions of the embeds posted to a webhook, oldest first. */
  texts(webhook: FakeDiscordWebhook): string[];
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs one of the poller's scheduled jobs now, as its scheduler would (`reddit.resurrections`, `reddit.inactivity`). */
  runJob(name: 'reddit.resurrections' | 'reddit.inactivity'): Promise<void>;
  close(): Promise<void>;
}

/** An isolated Reddit stack: own Postgres DB, Redis prefix, fake Reddit and fake Discord. */
export async function createRedditStack(options: { reddit?: FakeRedditOptions; guild?: FakeGuild } = {}): Promise<RedditStack> {
  const [db, discord, reddit] = await Promise.all([
    createTestDatabase('herald_reddit_e2e'),
    FakeDiscord.start(options.guild ? { guild: options.guild } : {}),
    startFakeReddit(options.reddit ?? {}),
  ]);
  const redis = createTestRedisPrefix();
  const graveyard = discord.createWebhook({ name: 'graveyard' });
  const highscores = discord.createWebhook({ name: 'highscores' });
  const dir = mkdtempSync(join(tmpdir(), 'herald-reddit-e2e-'));
  const configPath = join(dir, 'herald.yaml');
  const env: Record<string, string> = { ...stackEnv(db, redis, discord), HERALD_CONFIG: configPath };
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const apps: AppProcess[] = [];
  const configure = (settings: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const destinations = { graveyard: { webhook: graveyard.url, label: 'graveyard' }, highscores: { webhook: highscores.url, label: 'highscores' } };
    const routes = [
      { events: 'reddit.user.*', to: ['graveyard'] },
      { events: 'reddit.comment.highscore', to: ['highscores'] },
    ];
    const credentials = {
      clientId: reddit.client.id,
      clientSecret: reddit.client.secret,
      username: reddit.account.username,
      password: reddit.account.password,
      userAgent: '{{.OS}}:herald-e2e:v{{.Version}} (by /u/HeraldBot)',
      apiBase: reddit.url,
    };
    writeFileSync(configPath, stringify({ destinations, routes, ...extra, reddit: { ...credentials, scanInterval: '1s', ...settings } }));
  };
  configure();
  return {
    pg: db,
    redis,
    discord,
    reddit,
    graveyard,
    highscores,
    dir,
    env,
    configure,
    start(name, args = [], extraEnv = {}) {
      const app = startApp(name, args, { ...env, ...extraEnv });
      apps.push(app);
      return app;
    },
    run: (name, args, extraEnv = {}) => runApp(name, args, { ...env, ...extraEnv }, 60_000),
    texts(webhook) {
      return discord.messages({ webhookId: webhook.id }).flatMap((m) => (m.embeds as Array<{ description?: string }>).map((e) => e.description ?? ''));
    },
    async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      return (await pool.query<R>(sql, params)).rows;
    },
    async runJob(name) {
      const queue = new Queue(QueueName.redditPoll, { connection: { url: redis.url }, prefix: redis.prefix });
      try {
        const job = await queue.add(name, {});
        await eventuallyDone(queue, job.id!);
      } finally {
        await queue.close();
      }
    },
    async close() {
      await Promise.all(apps.map((a) => (a.child.exitCode === null && a.child.signalCode === null ? a.kill('SIGKILL') : undefined)));
      await pool.end();
      await Promise.all([discord.close(), reddit.close()]);
      await Promise.all([db.drop(), redis.cleanup()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the job has completed; rejects with its reason if it failed. */
async function eventuallyDone(queue: Queue, id: string): Promise<void> {
  const state = await eventually(() => queue.getJobState(id), (s) => s === 'completed' || s === 'failed', 30_000, `job ${id} done`);
  if (state === 'failed') throw new Error(`job ${id} failed: ${(await queue.getJob(id))?.failedReason}`);
}
