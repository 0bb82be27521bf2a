// Follows the README's Compose steps literally, against docker-compose.yml and the apps' own
// configuration code: the files it copies exist and land where compose mounts them, the profiles
// it names exist, every app it starts loads its configuration from what the user was told to set,
// and every environment variable the README documents reaches each service whose app reads it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bindMounts,
  envFilesOf,
  interpolate,
  interpolatedEnvironment,
  loadCompose,
  readDotenv,
  repoPath,
  repoRoot,
  variablesUsed,
  type ComposeService,
} from './compose-file.js';
import { apps, type PollerConfig } from './herald-apps.js';
import { backtickedNames, composeInvocation, markdownTable, readmeSection, readmeText, shBlocks, shellSteps, variableNames, type ShellStep } from './readme-steps.js';

const compose = loadCompose();
const { services } = compose;
const readme = readmeText();
const composeSection = readmeSection(readme, 'Running it in production');
const exampleVars = readDotenv(repoPath('infra/.env.example'));
const composeVars = variablesUsed(compose);
const profilesInCompose = new Set(Object.values(services).flatMap((service) => service.profiles ?? []));
const appServices = Object.entries(services).filter(([, service]) => service.build?.dockerfile === 'infra/Dockerfile' && service.restart !== 'no');
const appOf = (service: ComposeService): string => service.build?.args?.APP ?? '';

/** What the test types where the README says "set X" or shows a placeholder such as `<token>`. */
function sampleValue(name: string): string {
  if (name.endsWith('WEBHOOK_URL')) return 'https://discord.com/api/webhooks/123456789012345678/readme-sample-token';
  return `readme-sample-${name.toLowerCase().replaceAll('_', '-')}`;
}
const isPlaceholder = (value: string) => /<[^>]*>|…/.test(value);
/** A file the user copied from an example holds a secret if the example does (a password or a webhook URL). */
const holdsSecrets = (path: string) => /password\s*=\s*\S|discord(app)?\.com\/api\/webhooks\/\d+\//i.test(readFileSync(repoPath(path), 'utf8'));
const gitIgnored = (path: string): boolean => {
  try {
    execFileSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: repoRoot, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The user's working copy while following the steps. */
interface UserState {
  /** The root .env, once copied, with what the user was told to set in it. */
  dotenv: Record<string, string>;
  /** Files copied by the steps: destination -> the repository file it is a copy of. */
  copies: Map<string, string>;
  /** Variables the README told the user to set in .env so far. */
  told: Set<string>;
  /** Services running after the last `up`. */
  running: string[];
}

/** A host path as the test can read it: a copy made by the steps is read from its example. */
function hostFile(state: UserState, source: string): string {
  const path = posix.normalize(source);
  if (state.copies.has(path)) return repoPath(state.copies.get(path)!);
  return path.startsWith('/') ? path : repoPath(path);
}

/** The environment a service's container gets: its env_file .env, overridden by its interpolated `environment`. */
function containerEnvironment(service: ComposeService, dotenv: Record<string, string>, shell: Record<string, string> = {}): Record<string, string> {
  const fromFile = envFilesOf(service).some((file) => posix.normalize(file) === '.env') ? dotenv : {};
  return { ...fromFile, ...interpolatedEnvironment(service, { ...dotenv, ...shell }) };
}

/** That environment with each mounted container path replaced by the file it is on the host. */
function environmentAsTheAppSeesIt(service: ComposeService, state: UserState, shell: Record<string, string>): Record<string, string> {
  const vars = { ...state.dotenv, ...shell };
  const env = containerEnvironment(service, state.dotenv, shell);
  const mounts = bindMounts(service, vars);
  for (const [key, value] of Object.entries(env)) {
    const mount = mounts.get(value);
    if (mount) env[key] = hostFile(state, mount.source);
  }
  return env;
}

/** Services `docker compose up` starts with these profiles. */
const servicesUp = (profiles: string[]) =>
  Object.entries(services)
    .filter(([, service]) => service.profiles === undefined || service.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);

/** The service a `run`/`exec` names: its first argument that is neither a flag nor a flag's value. */
function targetService(args: string[]): string | undefined {
  const takesValue = new Set(['-v', '--volume', '-e', '--env', '-w', '--workdir', '-u', '--user', '--name', '--entrypoint']);
  for (let i = 0; i < args.length; i++) {
    if (takesValue.has(args[i]!)) i++;
    else if (!args[i]!.startsWith('-')) return args[i];
  }
  return undefined;
}

/** Checks one step against the state before it (failing expectations name the step) and returns the state after it. */
function follow(step: ShellStep, before: UserState): UserState {
  const state: UserState = { dotenv: { ...before.dotenv }, copies: new Map(before.copies), told: new Set(before.told), running: [...before.running] };
  const where = `README step \`${step.text}\``;
  const [command, ...args] = step.words;
  if (command === 'cp') {
    const [from, to] = args.map((a) => posix.normalize(a)) as [string, string];
    expect(existsSync(repoPath(from)), `${where}: ${from} exists`).toBe(true);
    if (to === '.env') state.dotenv = readDotenv(repoPath(from));
    else {
      const mounted = new Set(Object.values(services).flatMap((service) => [...bindMounts(service, state.dotenv).values()].map((m) => m.source)));
      expect([...mounted], `${where}: compose mounts ${to} (with the .env so far)`).toContain(to);
    }
    if (holdsSecrets(from)) expect(gitIgnored(to), `${where}: ${to} holds secrets, so it must be git-ignored`).toBe(true);
    state.copies.set(to, from);
  }
  for (const name of variableNames(step.comment)) {
    state.told.add(name);
    state.dotenv[name] = sampleValue(name);
  }
  const shell = Object.fromEntries(Object.entries(step.assignments).map(([name, value]) => [name, isPlaceholder(value) ? sampleValue(name) : value]));
  for (const [name, value] of Object.entries(shell)) {
    expect(composeVars, `${where}: ${name} is used by docker-compose.yml`).toContain(name);
    if (value.startsWith('./')) expect(existsSync(repoPath(value)), `${where}: ${value} exists`).toBe(true);
  }
  const invocation = composeInvocation(step.words);
  if (!invocation) return state;
  for (const profile of invocation.profiles) expect([...profilesInCompose], `${where}: profile ${profile}`).toContain(profile);
  const redirect = args.indexOf('<');
  if (redirect !== -1) expect(existsSync(repoPath(args[redirect + 1]!)), `${where}: ${args[redirect + 1]} exists`).toBe(true);
  if (invocation.subcommand === 'exec' || invocation.subcommand === 'run') {
    const target = targetService(invocation.args);
    expect(Object.keys(services), `${where}: service ${target}`).toContain(target);
    if (invocation.subcommand === 'exec') expect(state.running, `${where}: ${target} is running after the previous steps`).toContain(target);
  }
  if (invocation.subcommand === 'up') {
    state.running = servicesUp(invocation.profiles);
    for (const [name, service] of appServices.filter(([name]) => state.running.includes(name))) {
      const env = environmentAsTheAppSeesIt(service, state, shell);
      let config: unknown;
      expect(() => (config = apps[appOf(service)]!.load(env)), `${where}: ${name} starts with what the README told the user to set`).not.toThrow();
      if (name === 'servatrice-poller') {
        const host = (config as PollerConfig).servatrice.db.host;
        if (services[host]) expect(state.running, `${where}: the poller's database ${host} runs in these profiles`).toContain(host);
      }
    }
    for (const name of state.told) {
      const reached = state.running.some((running) => {
        const service = services[running]!;
        const env = containerEnvironment(service, state.dotenv, shell);
        return Object.values(env).some((value) => value.includes(state.dotenv[name]!)) || JSON.stringify(interpolatedSpec(service, { ...state.dotenv, ...shell })).includes(state.dotenv[name]!);
      });
      expect(reached, `${where}: ${name}, which the README says to set in .env, reaches a running service`).toBe(true);
    }
  }
  return state;
}

/** The parts of a service a variable can reach besides its environment: mounts and published ports. */
const interpolatedSpec = (service: ComposeService, vars: Record<string, string>) => ({
  mounts: [...bindMounts(service, vars).values()].map((m) => m.source),
  ports: (service.ports ?? []).map((port) => interpolate(port, vars)),
});

const composeSteps = shBlocks(composeSection).flatMap(shellSteps);

describe('README: Running it in production (followed literally)', () => {
  it('has steps: copy .env and the ini, then docker compose up', () => {
    expect(composeSteps.map((s) => s.words.slice(0, 3).join(' '))).toEqual(expect.arrayContaining(['cp infra/.env.example .env', 'docker compose up']));
  });

  it('every step works on the state the steps before it left', () => {
    let state: UserState = { dotenv: {}, copies: new Map(), told: new Set(), running: [] };
    for (const step of composeSteps) state = follow(step, state);
    expect(state.running.length).toBeGreaterThan(0);
  });

  it('every docker compose command anywhere in the README names existing profiles and services', () => {
    const everywhere = shBlocks(readme).flatMap(shellSteps);
    const invocations = everywhere.map((step) => ({ step, invocation: composeInvocation(step.words) })).filter((i) => i.invocation);
    expect(invocations.length).toBeGreaterThan(composeSteps.filter((step) => composeInvocation(step.words)).length);
    for (const { step, invocation } of invocations) {
      for (const profile of invocation!.profiles) expect([...profilesInCompose], `\`${step.text}\`: profile ${profile}`).toContain(profile);
      if (invocation!.subcommand === 'run' || invocation!.subcommand === 'exec') expect(Object.keys(services), `\`${step.text}\``).toContain(targetService(invocation!.args));
      for (const name of Object.keys(step.assignments)) expect(composeVars, `\`${step.text}\`: ${name} is used by docker-compose.yml`).toContain(name);
    }
  });
});

describe('README: every documented environment variable reaches the services that read it under Compose', () => {
  const wired = markdownTable(composeSection, ['the apps read', 'set in `.env`']).map(([read = '', set = '']) => ({ read: backtickedNames(read), set: backtickedNames(set) }));
  const wiredByCompose = new Map(wired.flatMap((row) => row.read.map((name) => [name, row.set] as const)));
  const readByApps = new Set(Object.values(apps).flatMap((app) => app.envVars));
  const documented = variableNames(readme).filter((name) => readByApps.has(name));
  const sentinel = (name: string) => `readme-${name.toLowerCase()}`;

  it('the README documents the apps’ variables, and its table of variables Compose wires names real ones', () => {
    expect(documented.length).toBeGreaterThan(20);
    for (const name of wiredByCompose.keys()) expect([...readByApps], `${name} in the README's Compose table`).toContain(name);
    for (const name of [...wiredByCompose.values()].flat()) expect(Object.keys(exampleVars), `${name} in infra/.env.example`).toContain(name);
  });

  it.each(appServices)('%s: each documented variable its app reads, set in .env, arrives (or the README says what to set instead)', (_name, service) => {
    const reads = documented.filter((name) => apps[appOf(service)]!.envVars.includes(name));
    expect(reads.length).toBeGreaterThan(0);
    for (const name of reads) {
      const instead = wiredByCompose.get(name);
      if (instead === undefined) {
        const env = containerEnvironment(service, { ...exampleVars, [name]: sentinel(name) });
        expect(env[name], `${name} set in .env`).toBe(sentinel(name));
        continue;
      }
      // Wired by compose: the app gets its own value, built from what the README says to set instead.
      // Path-like, since some name a file on the host (a mount source).
      const vars = { ...exampleVars, ...Object.fromEntries(instead.map((other) => [other, `./${sentinel(other)}`])) };
      const value = containerEnvironment(service, vars)[name] ?? '';
      const mounted = bindMounts(service, vars).get(value)?.source ?? '';
      const seen = [value, mounted, ...interpolatedSpec(service, vars).ports].join(' ');
      if (instead.length === 0) expect(value, `${name} is set by compose`).not.toBe('');
      for (const other of instead) expect(seen, `${name}: ${other} set in .env reaches it`).toContain(sentinel(other));
    }
  });
});
