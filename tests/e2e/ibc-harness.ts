import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import {
  FakeCosmosChain,
  FakeDiscord,
  createTestDatabase,
  createTestRedisPrefix,
  type FakeDiscordWebhook,
  type FakeGuild,
  type TestDatabase,
  type TestRedisPrefix,
} from '@herald/testkit';
import { stackEnv, startApp, type AppName, type AppProcess } from './harness.js';

/** A fake chain as the `ibc.chains` entry that points Herald at it. */
export function chainEntry(chain: FakeCosmosChain, overrides: Record<string, unknown> = {}) {
  return {
    chainId: chain.chainId,
    name: chain.chainId.split('-')[0]!.toUpperCase(),
    rpc: chain.endpoints.map((e) => e.url),
    bech32Prefix: 'cosmos',
    denom: 'uatom',
    displayDenom: 'ATOM',
    exponent: 6,
    ...overrides,
  };
}

export interface IbcStack {
  pg: TestDatabase;
  redis: TestRedisPrefix;
  discord: FakeDiscord;
  /** Where every ibc.* alert is routed. */
  alerts: FakeDiscordWebhook;
  dir: string;
  env: Record<string, string>;
  /** Writes HERALD_CONFIG: the `ibc` section given, with routes of every ibc.* event to `alerts`. */
  configure(ibc: Record<string, unknown>, extra?: Record<string, unknown>): void;
  start(name: AppName, args?: string[], env?: Record<string, string>): AppProcess;
  /** Embeds posted to the alerts webhook, oldest first, as `<title> | <description>`. */
  alertTexts(): string[];
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** An isolated IBC stack: own Postgres DB, Redis prefix and fake Discord; the test brings its fake chains. */
export async function createIbcStack(options: { guild?: FakeGuild } = {}): Promise<IbcStack> {
  const [db, discord] = await Promise.all([createTestDatabase('herald_ibc_e2e'), FakeDiscord.start(options.guild ? { guild: options.guild } : {})]);
  const redis = createTestRedisPrefix();
  const alerts = discord.createWebhook({ name: 'ibc-alerts' });
  const dir = mkdtempSync(join(tmpdir(), 'herald-ibc-e2e-'));
  const configPath = join(dir, 'herald.yaml');
  const env: Record<string, string> = { ...stackEnv(db, redis, discord), HERALD_CONFIG: configPath };
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const apps: AppProcess[] = [];
  return {
    pg: db,
    redis,
    discord,
    alerts,
    dir,
    env,
    configure(ibc, extra = {}) {
      const destinations = { alerts: { webhook: alerts.url, label: 'ibc alerts' }, ...((extra.destinations as object | undefined) ?? {}) };
      const routes = [{ events: 'ibc.*', to: ['alerts'] }, ...((extra.routes as unknown[] | undefined) ?? [])];
      writeFileSync(configPath, stringify({ ...extra, destinations, routes, ibc }));
    },
    start(name, args = [], extraEnv = {}) {
      const app = startApp(name, args, { ...env, ...extraEnv });
      apps.push(app);
      return app;
    },
    alertTexts() {
      return discord
        .messages({ webhookId: alerts.id })
        .flatMap((m) => (m.embeds as Array<{ title?: string; description?: string }>).map((e) => `${e.title ?? ''} | ${e.description ?? ''}`));
    },
    async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      return (await pool.query<R>(sql, params)).rows;
    },
    async close() {
      await Promise.all(apps.map((a) => (a.child.exitCode === null && a.child.signalCode === null ? a.kill('SIGKILL') : undefined)));
      await pool.end();
      await discord.close();
      await Promise.all([db.drop(), redis.cleanup()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `predicate` holds, polling `read` every 100 ms; rejects with the last value after `timeoutMs`. */
export async function eventually<T>(read: () => T | Promise<T>, predicate: (value: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value, null, 1)?.slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
