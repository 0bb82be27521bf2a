// One-off helper used while laying out the workspace: writes package.json/tsconfig for a package.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
const [dir, name, deps = '', devDeps = ''] = process.argv.slice(2);
mkdirSync(`${dir}/src`, { recursive: true });
const toObj = (s) => Object.fromEntries(s.split(',').filter(Boolean).map((d) => [d, d.startsWith('@herald/') ? 'workspace:*' : 'catalog:']));
const isApp = dir.startsWith('apps/');
const pkg = {
  name, version: '0.1.0', private: true, type: 'module',
  ...(isApp ? { main: './dist/main.js' } : {
    exports: { '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
  }),
  scripts: { build: 'tsc -p tsconfig.build.json', typecheck: 'tsc -p tsconfig.json --noEmit' },
  dependencies: toObj(deps),
  devDependencies: { '@types/node': 'catalog:', typescript: 'catalog:', ...toObj(devDeps) },
};
if (!existsSync(`${dir}/package.json`)) writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist', noEmit: false }, include: ['src'] }, null, 2) + '\n');
writeFileSync(`${dir}/tsconfig.build.json`, JSON.stringify({ extends: './tsconfig.json', exclude: ['src/**/*.test.ts', 'src/**/*.itest.ts'] }, null, 2) + '\n');
