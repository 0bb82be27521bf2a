// Test support: what each deployable app reads, taken from the apps' own config modules (they
// start nothing on import), so compose is checked against the code rather than against a copy.
import { readdirSync, readFileSync } from 'node:fs';
import * as ibcPollerConfig from '../apps/ibc-poller/src/config.js';
import * as notifierConfig from '../apps/notifier/src/config.js';
import * as redditPollerConfig from '../apps/reddit-poller/src/config.js';
import * as pollerConfig from '../apps/servatrice-poller/src/config.js';
import * as webConfig from '../apps/web/src/config.js';
import { repoPath } from './compose-file.js';

export interface PackageJson {
  name: string;
  main?: string;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
}

export const readPackageJson = (dir: string): PackageJson => JSON.parse(readFileSync(repoPath(dir, 'package.json'), 'utf8')) as PackageJson;

/** Directories under apps/ that are packages: each must be deployed by docker-compose.yml. */
export const appDirs = (): string[] =>
  readdirSync(repoPath('apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(repoPath('apps', entry.name)).includes('package.json'))
    .map((entry) => entry.name)
    .sort();

const webEnvVars = webConfig.envVars;

interface AppContract {
  /** Every environment variable the app reads. */
  envVars: readonly string[];
  /** Loads the app's configuration exactly as its main.ts does; throws on a missing or bad setting. */
  load(env: Record<string, string>): unknown;
  /**
   * Settings only the user can give (their own accounts' secrets), which the README tells them to set
   * in .env before starting the app, with sample values; infra/.env.example leaves them empty.
   */
  userSettings?: Record<string, string>;
}

export const apps: Record<string, AppContract> = {
  notifier: { envVars: notifierConfig.envVars, load: (env) => notifierConfig.loadConfig(env) },
  'servatrice-poller': { envVars: pollerConfig.envVars, load: (env) => pollerConfig.loadConfig([], env) },
  'ibc-poller': { envVars: ibcPollerConfig.envVars, load: (env) => ibcPollerConfig.loadConfig([], env) },
  'reddit-poller': {
    envVars: redditPollerConfig.envVars,
    load: (env) => redditPollerConfig.loadConfig([], env),
    // The Reddit app's credentials: without them (or DAB_CONFIG's) the poller refuses to start.
    userSettings: {
      REDDIT_CLIENT_ID: 'sample-client-id',
      REDDIT_CLIENT_SECRET: 'sample-client-secret',
      REDDIT_USERNAME: 'SampleBot',
      REDDIT_PASSWORD: 'sample-password',
      REDDIT_USER_AGENT: '{{.OS}}:herald:v{{.Version}} (by /u/SampleBot)',
    },
  },
  web: { envVars: webEnvVars, load: (env) => webConfig.loadWebConfig(env) },
};

export type PollerConfig = ReturnType<typeof pollerConfig.loadConfig>;
export type WebConfig = ReturnType<typeof webConfig.loadWebConfig>;
export type NotifierConfig = ReturnType<typeof notifierConfig.loadConfig>;
export type IbcPollerConfig = ReturnType<typeof ibcPollerConfig.loadConfig>;
export type RedditPollerConfig = ReturnType<typeof redditPollerConfig.loadConfig>;

/** The workspace packages an app needs at run time (production dependencies, transitively). */
export function runtimeWorkspacePackages(appDir: string): Map<string, PackageJson> {
  const byName = new Map<string, { dir: string; pkg: PackageJson }>();
  for (const root of ['apps', 'packages']) {
    for (const entry of readdirSync(repoPath(root), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      try {
        const pkg = readPackageJson(`${root}/${entry.name}`);
        byName.set(pkg.name, { dir: `${root}/${entry.name}`, pkg });
      } catch {
        // not a package
      }
    }
  }
  const found = new Map<string, PackageJson>();
  const visit = (pkg: PackageJson) => {
    for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
      const target = byName.get(name);
      if (!spec.startsWith('workspace:') || !target || found.has(target.dir)) continue;
      found.set(target.dir, target.pkg);
      visit(target.pkg);
    }
  };
  visit(readPackageJson(`apps/${appDir}`));
  return found;
}
