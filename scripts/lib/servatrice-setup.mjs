import { readHeraldConfig } from './herald-settings.mjs';

/** Settings that point the servatrice-poller at a Servatrice server (its ini, or the environment's overrides). */
const servatriceVars = ['CONFIG_FILE', 'DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DISCORD_WEBHOOK_URL'];

/**
 * Whether the real (non-demo) mode runs the servatrice-poller: a Servatrice ini (CONFIG_FILE), any
 * of its database or webhook variables, or a `servatrice:` section in HERALD_CONFIG. An operator who
 * runs only the IBC or Reddit source has none, and no process runs for Servatrice (the poller would
 * stop Herald asking for an ini it does not need). An unreadable HERALD_CONFIG starts it, so that
 * its configuration check names the file.
 */
export async function wantsServatricePoller(env) {
  if (servatriceVars.some((name) => (env[name] ?? '') !== '')) return true;
  const read = await readHeraldConfig(env);
  if (read.kind === 'unreadable') return true;
  return read.kind === 'ok' && typeof read.settings.servatrice === 'object' && read.settings.servatrice !== null;
}
