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

/**
 * Whether the web app will ask for the admin login on every page: `{ user, publicPages }` when a login
 * is configured (both HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD, or admin.* in HERALD_CONFIG), with
 * `publicPages` the effective `web.public` (HERALD_WEB_PUBLIC or the file's, read by the app's own rule:
 * 1/true/yes/on, any case); undefined without a login. Read by the web app's own settings code
 * (its built apps/web/dist/config.js), so the banner cannot disagree with the app. Call it after the
 * configuration check passed: it throws the app's ConfigErrors for settings that do not load.
 */
export async function webLogin(env) {
  const { adminCredentials, loadWebConfig } = await import('../../apps/web/dist/config.js');
  const admin = adminCredentials(loadWebConfig(env));
  return admin === undefined ? undefined : { user: admin.user, publicPages: admin.publicPages };
}
