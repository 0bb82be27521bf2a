import { existsSync, readFileSync } from 'node:fs';

/** Settings that point the servatrice-poller at a Servatrice server (its ini, or the environment's overrides). */
const servatriceVars = ['CONFIG_FILE', 'DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DISCORD_WEBHOOK_URL'];

/**
 * Whether the real (non-demo) mode runs the servatrice-poller: a Servatrice ini (CONFIG_FILE), any
 * of its database or webhook variables, or a `servatrice:` section in HERALD_CONFIG. An operator who
 * runs only the IBC or Reddit source has none, and no process runs for Servatrice (the poller would
 * stop Herald asking for an ini it does not need).
 */
export async function wantsServatricePoller(env) {
  if (servatriceVars.some((name) => (env[name] ?? '') !== '')) return true;
  const path = env.HERALD_CONFIG;
  if (!path) return false;
  // Missing, unreadable or not YAML: started, so that its configuration check names HERALD_CONFIG.
  if (!existsSync(path)) return true;
  const { parse } = await import('yaml');
  try {
    const settings = parse(readFileSync(path, 'utf8'));
    return typeof settings?.servatrice === 'object' && settings.servatrice !== null;
  } catch {
    return true;
  }
}
