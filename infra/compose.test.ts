import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bindMounts,
  commandOf,
  composeDurationMs,
  dependenciesOf,
  environmentOf,
  interpolate,
  interpolatedEnvironment,
  loadCompose,
  readDotenv,
  repoPath,
  variablesUsed,
  type ComposeService,
} from './compose-file.js';
import { execForm, instructionsOf, readHeraldDockerfile } from './dockerfile-parse.js';
import { appDirs, apps, readPackageJson, type IbcPollerConfig, type NotifierConfig, type PollerConfig, type RedditPollerConfig, type WebConfig } from './herald-apps.js';

const { services, volumes: namedVolumes = {} } = loadCompose();
const exampleVars = readDotenv(repoPath('infra/.env.example'));
const finalStage = readHeraldDockerfile().stages.at(-1)!;
const imageCmd = execForm(instructionsOf(finalStage, 'CMD').at(-1)?.args ?? '[]');
const imageUsesTini = (execForm(instructionsOf(finalStage, 'ENTRYPOINT').at(-1)?.args ?? '[]') ?? [])[0]?.endsWith('/tini') ?? false;

const isOneShot = (service: ComposeService) => service.restart === 'no';
const heraldServices = Object.entries(services).filter(([, service]) => service.build?.dockerfile === 'infra/Dockerfile');
const appServices = heraldServices.filter(([, service]) => !isOneShot(service));
const appOf = (service: ComposeService): string => service.build?.args?.APP ?? '';

/** The servatrice-poller mounts the user's infra/monitor.ini (git-ignored); tests use its example. */
const committedFile = (path: string) => (path === 'infra/monitor.ini' ? 'infra/monitor.ini.example' : path);

/** The environment a service gets from compose, with mounted container paths mapped to the repository files. */
function environmentForTest(service: ComposeService, vars: Record<string, string>): Record<string, string> {
  const env = interpolatedEnvironment(service, vars);
  const mounts = bindMounts(service, vars);
  for (const [key, value] of Object.entries(env)) {
    const mount = mounts.get(value);
    if (mount) env[key] = mount.source.startsWith('/') ? mount.source : repoPath(committedFile(mount.source));
  }
  return env;
}

function postgresCredentials(vars: Record<string, string>) {
  const env = interpolatedEnvironment(services.postgres!, vars);
  return { user: env.POSTGRES_USER, password: env.POSTGRES_PASSWORD, database: env.POSTGRES_DB };
}

describe('docker-compose.yml: Herald app services', () => {
  it('deploys every app under apps/, each with the shared Dockerfile', () => {
    expect(appServices.map(([, service]) => appOf(service)).sort()).toEqual(appDirs());
    expect(Object.keys(apps).sort()).toEqual(appDirs());
  });

  describe.each(appServices)('%s', (_name, service) => {
    const app = appOf(service);

    it('builds apps/<APP> from the repository root with infra/Dockerfile', () => {
      expect(service.build?.context).toBe('.');
      expect(existsSync(repoPath(service.build!.dockerfile!))).toBe(true);
      expect(existsSync(repoPath('apps', app, 'package.json')), `apps/${app}/package.json`).toBe(true);
      expect(readPackageJson(`apps/${app}`).name).toBe(`@herald/${app}`);
    });

    it("runs the app's main entry (compose command or the image's CMD)", () => {
      const main = readPackageJson(`apps/${app}`).main;
      expect(main, `apps/${app}/package.json main`).toBeDefined();
      expect(commandOf(service) ?? imageCmd).toEqual(['node', posix.normalize(main!)]);
      // dist/main.js is compiled from src/main.ts (rootDir src, outDir dist).
      expect(existsSync(repoPath('apps', app, main!.replace(/^(\.\/)?dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
    });

    it('sets only environment variables the app reads (a typo fails here)', () => {
      const unknown = Object.keys(environmentOf(service)).filter((key) => !apps[app]!.envVars.includes(key));
      expect(unknown, `not read by apps/${app} (see its src/config.ts envVars)`).toEqual([]);
    });

    it('leaves every setting the user has not set in .env to the settings file: no variable passed with a value of its own', () => {
      // A non-empty default here would win over herald.yaml (the environment wins), silently: `LOG_LEVEL: ${LOG_LEVEL:-info}`
      // made `log.level: debug` in the file do nothing. Only values that are compose's own wiring may be fixed.
      const wiring = ['HERALD_CONFIG', 'CONFIG_FILE', 'DATABASE_URL', 'REDIS_URL', 'HERALD_WEB_HOST', 'HERALD_WEB_PORT', 'DAB_CONFIG', 'SERVATRICE_INI', 'DB_SSL_CA', 'BACKUP_PATH'];
      const withValue = Object.entries(environmentOf(service))
        .filter(([name, value]) => !wiring.includes(name) && !/^\$\{[A-Z0-9_]+:-\}$/.test(value))
        .map(([name, value]) => `${name}: ${value}`);
      expect(withValue).toEqual([]);
    });

    it('.env.example sets none of the variables that override the settings file (commented out, or empty)', () => {
      const set = Object.entries(exampleVars)
        .filter(([name, value]) => value !== '' && apps[app]!.envVars.includes(name) && !['HERALD_CONFIG', 'DATABASE_URL', 'REDIS_URL'].includes(name))
        .map(([name, value]) => `${name}=${value}`);
      expect(set).toEqual([]);
    });

    it('provides what the app cannot start without: its configuration loads from the compose environment', () => {
      // Plus what only the user can give (e.g. their Reddit app's credentials), which the README has them set in .env.
      const env = environmentForTest(service, { ...exampleVars, ...apps[app]!.userSettings });
      const db = new URL(env.DATABASE_URL ?? 'missing:');
      const credentials = postgresCredentials(exampleVars);
      expect(db.protocol).toBe('postgresql:');
      expect(services[db.hostname], `DATABASE_URL host ${db.hostname} is a compose service`).toBeDefined();
      expect([decodeURIComponent(db.username), decodeURIComponent(db.password), db.pathname]).toEqual([credentials.user, credentials.password, `/${credentials.database}`]);
      const redis = new URL(env.REDIS_URL ?? 'missing:');
      expect(redis.protocol).toBe('redis:');
      expect(services[redis.hostname], `REDIS_URL host ${redis.hostname} is a compose service`).toBeDefined();
      expect(() => apps[app]!.load(env)).not.toThrow();
    });

    it('restarts, stops within the grace period and starts after Redis, Postgres and the migrations', () => {
      expect(['unless-stopped', 'always']).toContain(service.restart);
      // handleShutdown (@herald/queue) exits after at most 8 s; Docker must not SIGKILL before that.
      expect(composeDurationMs(service.stop_grace_period ?? '10s')).toBeGreaterThan(8000);
      const deps = dependenciesOf(service);
      expect(deps.redis?.condition).toBe('service_healthy');
      expect(deps.postgres?.condition).toBe('service_healthy');
      expect(deps.migrate?.condition).toBe('service_completed_successfully');
    });

    it('runs under an init that forwards SIGTERM (tini ENTRYPOINT or init: true)', () => {
      expect(imageUsesTini || service.init === true).toBe(true);
    });
  });
});

describe('docker-compose.yml: health and restart policies', () => {
  it.each(Object.entries(services).filter(([, service]) => !isOneShot(service)))(
    '%s restarts and is health-checked, or documents why it is not',
    (_name, service) => {
      expect(['unless-stopped', 'always']).toContain(service.restart);
      const test = service.healthcheck?.test;
      const hasCheck = service.healthcheck?.disable !== true && (Array.isArray(test) ? test.length > 1 : Boolean(test));
      const reason = service['x-healthcheck-exception'] ?? '';
      expect(hasCheck || reason.length > 40, 'a healthcheck, or x-healthcheck-exception saying why none').toBe(true);
    },
  );

  it('web is published and probed on the port it listens on, at /healthz', () => {
    const web = services.web!;
    const config = apps.web!.load(environmentForTest(web, exampleVars)) as WebConfig;
    const published = (web.ports ?? []).map((port) => interpolate(port, exampleVars));
    expect(published).toEqual([`127.0.0.1:3000:${config.web.port}`]);
    const probe = (web.healthcheck?.test as string[]).join(' ');
    expect(probe).toContain(`http://127.0.0.1:${config.web.port}/healthz`);
  });
});

describe('docker-compose.yml: infrastructure', () => {
  it('redis keeps queued jobs: append-only file fsynced every second, and no eviction', () => {
    const redis = services.redis!;
    expect(redis.image).toMatch(/^redis:7(-|$)/);
    const command = commandOf(redis)!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('postgres creates the herald database with credentials from .env and reports readiness', () => {
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:15(-|$)/);
    expect(postgresCredentials({}).database).toBe('herald');
    expect(environmentOf(postgres).POSTGRES_PASSWORD).toMatch(/\$\{POSTGRES_PASSWORD/);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect((postgres.healthcheck?.test as string[]).join(' ')).toContain('pg_isready');
  });

  it('migrate is one-shot, runs @herald/db migrate-cli from an app image, and needs only DATABASE_URL', () => {
    const migrate = services.migrate!;
    expect(isOneShot(migrate)).toBe(true);
    expect(dependenciesOf(migrate).postgres?.condition).toBe('service_healthy');
    expect(migrate.healthcheck).toBeUndefined();
    expect(migrate.ports).toBeUndefined();
    const app = appOf(migrate);
    expect(readPackageJson(`apps/${app}`).dependencies?.['@herald/db'], `apps/${app} depends on @herald/db`).toMatch(/^workspace:/);
    const [node, script, ...rest] = commandOf(migrate)!;
    const bin = readPackageJson('packages/db').bin?.['herald-migrate'];
    expect([node, script, rest]).toEqual(['node', posix.join('node_modules/@herald/db', bin!), []]);
    expect(Object.keys(environmentOf(migrate))).toEqual(['DATABASE_URL']);
    expect(environmentOf(migrate).DATABASE_URL).toBe(environmentOf(services.notifier!).DATABASE_URL);
  });

  it('every named volume is declared and every bind-mounted file exists in the repository', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        if (typeof volume === 'string' && !volume.startsWith('.') && !volume.startsWith('/')) {
          expect(namedVolumes, `${name}: volume ${volume}`).toHaveProperty(volume.split(':')[0]!);
        }
      }
      for (const { source } of bindMounts(service, exampleVars).values()) {
        const path = source.startsWith('/') ? source : repoPath(committedFile(source));
        expect(existsSync(path), `${name}: ${source}`).toBe(true);
      }
    }
  });

  it('infra/.env.example documents exactly the variables docker-compose.yml uses', () => {
    expect([...variablesUsed(loadCompose())].sort()).toEqual(Object.keys(exampleVars).sort());
  });
});

describe('docker-compose.yml: servatrice-poller settings', () => {
  const poller = services['servatrice-poller']!;

  it('reads a servatrice-style ini mounted read-only at CONFIG_FILE', () => {
    const env = interpolatedEnvironment(poller, exampleVars);
    expect(env.CONFIG_FILE).toBe('/config/monitor.ini');
    expect(bindMounts(poller, exampleVars).get('/config/monitor.ini')).toEqual({ source: 'infra/monitor.ini', readOnly: true });
  });

  it('with .env.example and monitor.ini.example, takes the database and webhook from the ini', () => {
    const config = apps['servatrice-poller']!.load(environmentForTest(poller, exampleVars)) as PollerConfig;
    expect(config.servatrice.db).toMatchObject({ host: 'servatrice-db.example.internal', database: 'servatrice', user: 'account_monitor', prefix: 'cockatrice' });
    expect(config.servatrice.webhook?.id).toBe('123456789012345678');
    expect(config.herald.servatrice.pollInterval).toBe(1000);
  });

  it('lets .env override the webhook and the database password without editing the ini', () => {
    const webhook = 'https://discord.com/api/webhooks/987654321098765432/from-dotenv';
    const vars = { ...exampleVars, DISCORD_WEBHOOK_URL: webhook, DB_PASSWORD: 'from-dotenv' };
    const config = apps['servatrice-poller']!.load(environmentForTest(poller, vars)) as PollerConfig;
    expect(config.servatrice.webhookUrl).toBe(webhook);
    expect(config.servatrice.db.password).toBe('from-dotenv');
  });

  it('the notifier gets the same Postgres and Redis as the poller', () => {
    const notifier = apps.notifier!.load(environmentForTest(services.notifier!, exampleVars)) as NotifierConfig;
    const pollerConfig = apps['servatrice-poller']!.load(environmentForTest(poller, exampleVars)) as PollerConfig;
    expect(notifier.postgres.url).toBe(pollerConfig.herald.postgres?.url);
    expect(notifier.redis).toEqual(pollerConfig.herald.redis);
  });
});

describe('docker-compose.yml: ibc-poller', () => {
  const ibc = services['ibc-poller']!;

  it('runs only with the ibc profile: an installation without IBC runs nothing for it', () => {
    expect(ibc.profiles).toEqual(['ibc']);
    const always = Object.entries(services).filter(([, service]) => service.profiles === undefined).map(([name]) => name);
    expect(always).not.toContain('ibc-poller');
  });

  it('passes every IBC_* variable the poller reads, each empty by default (the settings file or the default applies)', () => {
    const ibcVars = apps['ibc-poller']!.envVars.filter((name) => name.startsWith('IBC_'));
    expect(ibcVars.length).toBeGreaterThan(0);
    const env = environmentOf(ibc);
    for (const name of ibcVars) expect(env[name], name).toBe(`\${${name}:-}`);
    expect(Object.keys(interpolatedEnvironment(ibc, exampleVars)).filter((k) => k.startsWith('IBC_')).sort()).toEqual([...ibcVars].sort());
  });

  it('reads the ibc: section of the mounted settings file, with .env overrides winning', () => {
    const vars = { ...exampleVars, HERALD_CONFIG_FILE: './infra/herald.example.yaml', IBC_POLL_INTERVAL: '30s' };
    const env = {
      ...environmentForTest(ibc, vars),
      // What the example's ${NAME} references need (see infra/herald-example.test.ts).
      SIGNUPS_WEBHOOK_URL: 'https://discord.com/api/webhooks/223456789012345678/token-token-token',
      DISCORD_BOT_TOKEN: 'bot-token',
    };
    const config = apps['ibc-poller']!.load(env) as IbcPollerConfig;
    expect(config.herald.ibc.chains.map((c) => c.chainId)).toEqual(['cosmoshub-4', 'osmosis-1']);
    expect(config.herald.ibc.pollInterval).toBe(30_000);
    expect(config.mode).toEqual({ kind: 'run', once: false });
  });
});

describe('docker-compose.yml: reddit-poller', () => {
  const reddit = services['reddit-poller']!;
  const credentials = {
    REDDIT_CLIENT_ID: 'client-id',
    REDDIT_CLIENT_SECRET: 'client-secret',
    REDDIT_USERNAME: 'HeraldBot',
    REDDIT_PASSWORD: 'password',
    REDDIT_USER_AGENT: '{{.OS}}:herald:v{{.Version}} (by /u/HeraldBot)',
  };

  it('runs only with the reddit profile: an installation without Reddit runs nothing for it', () => {
    expect(reddit.profiles).toEqual(['reddit']);
    const always = Object.entries(services).filter(([, service]) => service.profiles === undefined).map(([name]) => name);
    expect(always).not.toContain('reddit-poller');
  });

  it('passes every REDDIT_* variable the poller reads, each empty by default (the settings file or the default applies)', () => {
    const redditVars = apps['reddit-poller']!.envVars.filter((name) => name.startsWith('REDDIT_'));
    expect(redditVars).toEqual(expect.arrayContaining(Object.keys(credentials)));
    const env = environmentOf(reddit);
    for (const name of redditVars) expect(env[name], name).toBe(`\${${name}:-}`);
    expect(Object.keys(interpolatedEnvironment(reddit, exampleVars)).filter((k) => k.startsWith('REDDIT_')).sort()).toEqual([...redditVars].sort());
  });

  it('with the credentials in .env, runs with the settings file’s reddit: section, .env overrides winning', () => {
    const vars = { ...exampleVars, ...credentials, HERALD_CONFIG_FILE: './infra/herald.example.yaml', REDDIT_SCAN_INTERVAL: '30s' };
    const env = {
      ...environmentForTest(reddit, vars),
      // What the example's ${NAME} references need (see infra/herald-example.test.ts).
      SIGNUPS_WEBHOOK_URL: 'https://discord.com/api/webhooks/223456789012345678/token-token-token',
      DISCORD_BOT_TOKEN: 'bot-token',
    };
    const config = apps['reddit-poller']!.load(env) as RedditPollerConfig;
    expect(config.mode).toEqual({ kind: 'run' });
    expect('reddit' in config.herald && config.herald.reddit).toMatchObject({ credentials: { clientId: 'client-id', username: 'HeraldBot' }, scanInterval: 30_000, resurrectionsInterval: 3_600_000 });
  });

  it('mounts the dab.conf.json named by DAB_CONFIG read-only into every app that reads it, named by its container path; unset, none is read', () => {
    const readers = appServices.filter(([, service]) => apps[appOf(service)]!.envVars.includes('DAB_CONFIG'));
    expect(readers.map(([name]) => name).sort()).toEqual(expect.arrayContaining(['notifier', 'reddit-poller']));
    const dir = mkdtempSync(join(tmpdir(), 'herald-compose-dab-'));
    try {
      const file = join(dir, 'dab.conf.json');
      writeFileSync(file, JSON.stringify({ reddit: { id: 'dab-client-id', secret: 'dab-secret', username: 'DabBot', password: 'dab-password', user_agent: '{{.OS}}:dab:v{{.Version}} (by /u/DabBot)' } }));
      const vars = { ...exampleVars, DAB_CONFIG: file };
      for (const [name, service] of readers) {
        expect(interpolatedEnvironment(service, exampleVars).DAB_CONFIG, name).toBe('');
        expect(bindMounts(service, exampleVars).get('/config/dab.conf.json')?.source, name).toBe('/dev/null');
        expect(interpolatedEnvironment(service, vars).DAB_CONFIG, name).toBe('/config/dab.conf.json');
        expect(bindMounts(service, vars).get('/config/dab.conf.json'), name).toEqual({ source: file, readOnly: true });
        expect(() => apps[appOf(service)]!.load(environmentForTest(service, vars)), name).not.toThrow();
      }
      const config = apps['reddit-poller']!.load(environmentForTest(reddit, vars)) as RedditPollerConfig;
      expect('reddit' in config.herald && config.herald.reddit.credentials).toMatchObject({ clientId: 'dab-client-id', username: 'DabBot' });
      expect((apps.web!.load(environmentForTest(services.web!, vars)) as WebConfig).reddit.clientId).toBe('dab-client-id');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
