import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { posix, relative } from 'node:path';
import { defaultMigrationsDir } from '@herald/db/migrate';
import { describe, expect, it } from 'vitest';
import { loadCompose, repoPath } from './compose-file.js';
import { copyParts, execForm, instructionsOf, readHeraldDockerfile, type Instruction } from './dockerfile-parse.js';
import { appDirs, readPackageJson, runtimeWorkspacePackages } from './herald-apps.js';

const dockerfile = readHeraldDockerfile();
const { stages } = dockerfile;
const buildStage = stages[0]!;
const finalStage = stages.at(-1)!;
const runs = (stage = buildStage) => instructionsOf(stage, 'RUN').map((i) => i.args);
const firstLine = (stage: typeof buildStage, pattern: RegExp): Instruction | undefined => stage.instructions.find((i) => i.keyword === 'RUN' && pattern.test(i.args));

describe('infra/Dockerfile: stages', () => {
  it('is multi-stage: a build stage and a separate runtime stage, both on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage.name).toBe('build');
    expect(stages.map((stage) => stage.image)).toEqual(stages.map(() => 'node:20-bookworm-slim'));
  });

  it('the runtime stage takes only built output from the build stage, never sources from the context', () => {
    const copies = [...instructionsOf(finalStage, 'COPY'), ...instructionsOf(finalStage, 'ADD')].map((i) => copyParts(i.args));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.flags.from).toBe(buildStage.name);
  });

  it('runs as the unprivileged node user with NODE_ENV=production', () => {
    expect(instructionsOf(finalStage, 'USER').at(-1)?.args).toBe('node');
    expect(instructionsOf(finalStage, 'ENV').map((i) => i.args).join(' ')).toMatch(/\bNODE_ENV=production\b/);
  });

  it('has tini as PID 1 (installed from apt in the runtime stage), or compose gives every app init: true', () => {
    const entrypoint = execForm(instructionsOf(finalStage, 'ENTRYPOINT').at(-1)?.args ?? '[]');
    if (entrypoint?.[0] === '/usr/bin/tini') {
      expect(entrypoint).toEqual(['/usr/bin/tini', '--']);
      expect(runs(finalStage).some((run) => /apt-get install\b.*\btini\b/.test(run))).toBe(true);
    } else {
      const apps = Object.values(loadCompose().services).filter((s) => s.build?.dockerfile === 'infra/Dockerfile' && s.restart !== 'no');
      for (const service of apps) expect(service.init).toBe(true);
    }
  });

  it("CMD runs each app's package.json main from the deployed app directory (WORKDIR)", () => {
    expect(instructionsOf(finalStage, 'WORKDIR').at(-1)?.args).toBe('/app');
    const cmd = execForm(instructionsOf(finalStage, 'CMD').at(-1)!.args);
    for (const app of appDirs()) expect(cmd, app).toEqual(['node', posix.normalize(readPackageJson(`apps/${app}`).main!)]);
  });
});

describe('infra/Dockerfile: build stage', () => {
  it('installs pnpm 10 (the packageManager version) with npm, not corepack', () => {
    const packageManager = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { packageManager: string }).packageManager;
    const install = runs().map((run) => /\bnpm (?:i|install) (?:-g|--global) pnpm@(\S+)/.exec(run)?.[1]).find(Boolean);
    expect(install).toMatch(/^10\./);
    expect(`pnpm@${install}`).toBe(packageManager);
    expect(dockerfile.instructions.filter((i) => /corepack/i.test(i.args))).toEqual([]);
  });

  it('copies every workspace manifest before `pnpm install --frozen-lockfile`, and the sources after it', () => {
    const install = firstLine(buildStage, /\bpnpm install --frozen-lockfile\b/);
    expect(install).toBeDefined();
    const copied = (before: boolean) =>
      instructionsOf(buildStage, 'COPY')
        .filter((i) => (before ? i.line < install!.line : i.line > install!.line))
        .flatMap((i) => copyParts(i.args).sources);
    const manifests = ['apps', 'packages'].flatMap((root) =>
      readdirSync(repoPath(root)).filter((dir) => existsSync(repoPath(root, dir, 'package.json'))).map((dir) => `${root}/${dir}/package.json`),
    );
    expect(copied(true)).toEqual(expect.arrayContaining(['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', ...manifests]));
    expect(copied(false)).toEqual(expect.arrayContaining(['apps', 'packages']));
  });

  it('every COPY source exists in the repository and is not excluded by .dockerignore', () => {
    const ignored = readFileSync(repoPath('.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
      .map(globToRegExp);
    const sources = stages.flatMap((stage) => instructionsOf(stage, 'COPY').map((i) => copyParts(i.args)).filter((c) => !c.flags.from).flatMap((c) => c.sources));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(repoPath(source)), source).toBe(true);
      expect(ignored.filter((pattern) => pattern.test(source)), `${source} is excluded by .dockerignore`).toEqual([]);
    }
  });

  it(".dockerignore keeps the host's node_modules and build output out of the image", () => {
    const lines = readFileSync(repoPath('.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(lines).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', 'packages/db/src/generated']));
  });

  it('builds the selected app and its workspace dependencies with turbo', () => {
    expect(dockerfile.instructions.find((i) => i.keyword === 'ARG' && i.args === 'APP')).toBeDefined();
    expect(runs().some((run) => /pnpm exec turbo run build --filter="?@herald\/\$\{APP\}\.\.\."?/.test(run))).toBe(true);
  });

  it('deploys a pruned production tree with pnpm 10 (needs --legacy without inject-workspace-packages) into the dir the runtime copies', () => {
    const deploy = runs().find((run) => /\bpnpm deploy\b/.test(run));
    expect(deploy).toBeDefined();
    expect(deploy).toMatch(/--filter="?@herald\/\$\{APP\}"?/);
    expect(deploy).toMatch(/--prod\b/);
    const workspace = readFileSync(repoPath('pnpm-workspace.yaml'), 'utf8') + readFileSync(repoPath('.npmrc'), 'utf8');
    if (!/inject-?workspace-?packages\s*[:=]\s*true/i.test(workspace)) expect(deploy).toMatch(/--legacy\b/);
    const target = /\s(\/\S+)(?:\s|$)/.exec(deploy!.replace(/--\S+/g, ''))?.[1];
    const copied = instructionsOf(finalStage, 'COPY').map((i) => copyParts(i.args)).flatMap((c) => c.sources);
    expect(copied).toContain(target);
  });
});

describe('infra/Dockerfile: what `pnpm deploy` puts in each image', () => {
  // Deploy copies a workspace package's files as `npm pack` would: its package.json "files", else
  // everything not excluded by its own .npmignore/.gitignore.
  const packedPaths = (dir: string): ((path: string) => boolean) => {
    const { files } = readPackageJson(dir);
    if (files) return (path) => files.some((entry) => path === entry || path.startsWith(`${entry.replace(/\/$/, '')}/`));
    const ignoreFile = ['.npmignore', '.gitignore'].map((name) => repoPath(dir, name)).find(existsSync);
    const ignored = ignoreFile ? readFileSync(ignoreFile, 'utf8').split('\n').map((l) => l.trim().replace(/^\//, '').replace(/\/$/, '')) : [];
    return (path) => !ignored.includes(path.split('/')[0]!);
  };

  it.each(appDirs())('%s: every workspace package it runs on ships its compiled dist/', (app) => {
    const packages = runtimeWorkspacePackages(app);
    expect(packages.size).toBeGreaterThan(0);
    for (const dir of packages.keys()) expect(packedPaths(dir)('dist/index.js'), `${dir} would be deployed without dist/`).toBe(true);
  });

  it('@herald/db ships its migrations and the migrate CLI, at the paths its code resolves them', () => {
    const db = 'packages/db';
    const migrations = relative(repoPath(db), defaultMigrationsDir).split('\\').join('/');
    expect(migrations).toBe('prisma/migrations');
    expect(readdirSync(defaultMigrationsDir).length).toBeGreaterThan(0);
    expect(packedPaths(db)(`${migrations}/x/migration.sql`)).toBe(true);
    expect(packedPaths(db)(posix.normalize(readPackageJson(db).bin!['herald-migrate']!))).toBe(true);
  });
});

/** .dockerignore patterns (Go filepath.Match plus **), matched against a path and its parents. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((part) => (part === '**' ? '(?:[^/]+/)*' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
    .join('');
  return new RegExp(`^${body.replace(/\/$/, '')}(?:/|$)`);
}
