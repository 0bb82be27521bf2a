import { existsSync, readFileSync } from 'node:fs';

/**
 * HERALD_CONFIG as npm start reads it before the apps do: `{ kind: 'none' }` (not set),
 * `{ kind: 'unreadable' }` (missing, unreadable or not YAML: the apps' configuration check names
 * it), or `{ kind: 'ok', settings }`.
 */
export async function readHeraldConfig(env) {
  const file = env.HERALD_CONFIG;
  if (!file) return { kind: 'none' };
  if (!existsSync(file)) return { kind: 'unreadable' };
  const { parse } = await import('yaml');
  try {
    return { kind: 'ok', settings: parse(readFileSync(file, 'utf8')) ?? {} };
  } catch {
    return { kind: 'unreadable' };
  }
}

/**
 * A setting as HERALD_CONFIG writes it (`postgres.url` → ['postgres', 'url']), with a `${NAME}`
 * reference read from `env` as the apps read it; undefined when the file, the key or the variable
 * is missing or the file is unreadable (the apps' configuration check then names the problem).
 */
export async function heraldSetting(env, path) {
  const read = await readHeraldConfig(env);
  if (read.kind !== 'ok') return undefined;
  const value = path.reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), read.settings);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value.trim())?.[1];
  return reference === undefined ? value : env[reference] || undefined;
}
