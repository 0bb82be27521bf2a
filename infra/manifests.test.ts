import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every workspace package declares exactly what its code imports: a missing dependency only resolves
 * by accident (hoisting, the root's devDependencies) and breaks a package built or deployed alone;
 * an unused one is installed into every image for nothing.
 */
const root = new URL('..', import.meta.url).pathname;
const workspaces = ['apps', 'packages'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(dir, name)));

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Source files (TypeScript and ES modules) under a folder, generated code included (Prisma's client imports its runtime), build output not. */
function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs|js)$/.test(entry) && !entry.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), or null for relative and built-in ones. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

// A module specifier after `from`, `import`, `import(`, `require(` or `vi.mock(`: a package name (scoped or not, with a
// subpath), a relative path or a `node:` module — so text such as `from ' value='` in a template is not taken for one.
const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)['"]((?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.@/-]*)?|\.{1,2}\/[^'"\s]*|node:[\w/]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => packageOf(m[1]!)).filter((p): p is string => p !== null);
}

/**
 * Declared packages no source imports but which are used all the same, each with why: tools run by
 * a script, type packages, and the test runner of a package with tests.
 */
function usedWithoutImport(manifest: Manifest, pkgDir: string, dependency: string, files: string[]): boolean {
  if (dependency === 'typescript' || dependency === '@types/node') return true; // every package's build and type check
  if (dependency.startsWith('@types/')) {
    // @types/d3-scale is used by importing d3-scale.
    const typed = dependency.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2');
    return files.some((f) => importsOf(f).includes(typed));
  }
  const scripts = Object.values(manifest.scripts ?? {}).join('\n');
  if (new RegExp(`\\b${dependency.replace(/^@[^/]+\//, '')}\\b`).test(scripts)) return true; // e.g. prisma in db's scripts
  if (dependency === 'vitest') return files.some((f) => f.endsWith('.test.ts')) || /vitest/.test(readConfigs(pkgDir));
  return false;
}

function readConfigs(pkgDir: string): string {
  return readdirSync(pkgDir)
    .filter((f) => /\.(json|ts|mjs)$/.test(f) && f !== 'package.json')
    .map((f) => readFileSync(join(pkgDir, f), 'utf8'))
    .join('\n');
}

describe('workspace package manifests', () => {
  for (const workspace of workspaces) {
    const pkgDir = join(root, workspace);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Manifest;
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    // Code outside src/ (db's scripts/ and bin/, its prisma config) counts as the package's too.
    const files = sourceFiles(pkgDir);

    it(`${manifest.name} declares every package its code imports, and imports every package it declares`, () => {
      const imported = new Set(files.flatMap(importsOf));
      imported.delete(manifest.name); // its own exports, by name
      const missing = [...imported].filter((p) => !declared.has(p)).sort();
      const unused = [...declared].filter((d) => !imported.has(d) && !usedWithoutImport(manifest, pkgDir, d, files)).sort();
      expect({ missing, unused }).toEqual({ missing: [], unused: [] });
    });
  }

  it('looks at every workspace package and finds imports (the checks above are not vacuous)', () => {
    expect(workspaces.length).toBeGreaterThanOrEqual(18);
    const web = sourceFiles(join(root, 'apps/web'));
    expect(web.flatMap(importsOf)).toContain('fastify');
  });
});
