import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FakeDiscord,
  createServatriceDatabase,
  createTestDatabase,
  createTestRedisPrefix,
  registerServatriceAccount,
  type FakeDiscordWebhook,
  type ServatriceDatabase,
  type TestDatabase,
  type TestRedisPrefix,
} from '@herald/testkit';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export type AppName = 'servatrice-poller' | 'ibc-poller' | 'reddit-poller' | 'notifier' | 'web';

/** A started app process: its output is kept so tests can wait for a log line instead of sleeping. */
export class AppProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get text(): string {
    return this.output.join('');
  }

  /** Resolves when the output matches; rejects with the output so far if the process exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(this.text)) return done(resolve);
      };
      const done = (fn: () => void) => {
        this.waiters.delete(check);
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.name}: no ${pattern} within ${timeoutMs} ms. Output:\n${this.text.slice(-4000)}`))), timeoutMs);
      void this.exited.then(({ code, signal }) => {
        if (!pattern.test(this.text)) done(() => reject(new Error(`${this.name} exited (${code ?? signal}) before ${pattern}. Output:\n${this.text.slice(-4000)}`)));
      });
      this.waiters.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL') {
    this.child.kill(signal);
    return this.exited;
  }
}

/** A port nothing listens on right now, for an app under test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What every app of a test stack is given: its own Postgres database, Redis prefix and fake Discord; reconciliation every 2 s. */
export function stackEnv(pg: { url: string }, redis: { url: string; prefix: string }, discord: { apiBaseUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    HERALD_REDIS_PREFIX: redis.prefix,
    DISCORD_API_BASE_URL: discord.apiBaseUrl,
    NOTIFIER_RECONCILE_INTERVAL: '2s',
    LOG_LEVEL: 'info',
  };
}

export function startApp(name: AppName, args: string[], env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [join(repoRoot, 'apps', name, 'dist', 'main.js'), ...args], {
    // The production images' V8 tuning (infra/Dockerfile), so tests and benchmarks run what ships.
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '--max-semi-space-size=4', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new AppProcess(name, child);
}

/**
 * The built web app on a free loopback port, against `databaseUrl` and `redis`, with `env` added
 * (admin login, backup path, time zone…); resolves once it listens. `base` is its `http://127.0.0.1:<port>`.
 */
export async function startWebApp(databaseUrl: string, redis: { url: string; prefix: string }, env: Record<string, string> = {}): Promise<{ web: AppProcess; base: string }> {
  const port = await freePort();
  const web = startApp('web', [], {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HERALD_REDIS_PREFIX: redis.prefix,
    HERALD_WEB_HOST: '127.0.0.1',
    HERALD_WEB_PORT: String(port),
    LOG_LEVEL: 'info', // requests are logged at debug only (QuietRequestLogController)
    ...env,
  });
  try {
    await web.waitFor(/listening/i, 30_000);
  } catch (error) {
    await web.kill();
    throw error;
  }
  return { web, base: `http://127.0.0.1:${port}` };
}

/** Runs an app to completion (for one-shot modes such as --dry-run). */
export async function runApp(name: AppName, args: string[], env: Record<string, string>, timeoutMs = 20_000) {
  const app = startApp(name, args, env);
  const timer = setTimeout(() => app.child.kill('SIGKILL'), timeoutMs);
  const { code } = await app.exited;
  clearTimeout(timer);
  return { code, output: app.text };
}

export interface Stack {
  pg: TestDatabase;
  redis: TestRedisPrefix;
  servatrice: ServatriceDatabase;
  discord: FakeDiscord;
  webhook: FakeDiscordWebhook;
  monitor: { user: string; password: string };
  dir: string;
  iniPath: string;
  /** Environment for every app: Herald settings plus the Servatrice ini. */
  env: Record<string, string>;
  register(name: string, extra?: { realName?: string; email?: string }): Promise<number>;
  apps: AppProcess[];
  start(name: AppName, args?: string[], env?: Record<string, string>): AppProcess;
  close(): Promise<void>;
}

/** Everything one end-to-end test needs, isolated: its own Postgres DB, Redis prefix, MariaDB DB, fake Discord. */
export async function createStack(options: { pollInterval?: string; prefix?: string; discordLimits?: ConstructorParameters<typeof Object>[0] } = {}): Promise<Stack> {
  const [pg, servatrice, discord] = await Promise.all([
    createTestDatabase('herald_e2e'),
    createServatriceDatabase({ prefix: options.prefix ?? 'cockatrice' }),
    FakeDiscord.start(),
  ]);
  const redis = createTestRedisPrefix();
  const monitor = await servatrice.createReadOnlyUser();
  const webhook = discord.createWebhook({ name: 'signups' });
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  const iniPath = join(dir, 'monitor.ini');
  // A real-format webhook URL in the Qt-escaped form Servatrice's ini may hold.
  writeFileSync(
    iniPath,
    `[database]\nhostname=${servatrice.host}\nport=${servatrice.port}\ndatabase=${servatrice.name}\nuser=${monitor.user}\npassword=${monitor.password}\nprefix=${servatrice.prefix}\n\n[discord]\nnew_user_activation_webhook="${webhook.url.replace('https://', 'https\\://')}"\n`,
  );
  const env = { ...stackEnv(pg, redis, discord), CONFIG_FILE: iniPath, SERVATRICE_POLL_INTERVAL: options.pollInterval ?? '200ms' };
  const apps: AppProcess[] = [];
  return {
    pg,
    redis,
    servatrice,
    discord,
    webhook,
    monitor,
    dir,
    iniPath,
    env,
    apps,
    register: (name, extra = {}) => registerServatriceAccount(servatrice.admin, servatrice.prefix, { name, email: `${name}@example.org`, ...extra }),
    start(name, args = [], extraEnv = {}) {
      const app = startApp(name, args, { ...env, ...extraEnv });
      apps.push(app);
      return app;
    },
    async close() {
      await Promise.all(apps.map((a) => (a.child.exitCode === null && a.child.signalCode === null ? a.kill('SIGKILL') : undefined)));
      await discord.close();
      await Promise.all([pg.drop(), servatrice.drop(), redis.cleanup()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `node apps/notifier/dist/register-commands.js`, as the README tells an operator to run it. */
export function registerCommands(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'apps/notifier/dist/register-commands.js')], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (code) => resolve({ code, output }));
  });
}
