// The demo's Reddit part, for `npm start`: a simulated Reddit (packages/testkit fake-reddit-demo),
// Herald's settings for it, and the demo's tracked accounts registered as the demo server's members
// would; and, outside the demo, whether the reddit-poller has anything to do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstJsonLine } from './ibc-demo.mjs';

// Dependencies (yaml, @herald/*) are imported where used: start.mjs loads this module before it
// has installed them on a fresh clone.

/** The environment variables that give the Reddit source its credentials (all five, or DAB_CONFIG's file). */
const redditCredentialVars = ['REDDIT_CLIENT_ID', 'REDDIT_CLIENT_SECRET', 'REDDIT_USERNAME', 'REDDIT_PASSWORD', 'REDDIT_USER_AGENT'];
const redditCredentialKeys = ['clientId', 'clientSecret', 'username', 'password', 'userAgent'];

/**
 * Whether the environment sets up a real Reddit source: a Reddit credential or the Down Arrows
 * Bot's dab.conf.json (DAB_CONFIG). Either means "not the demo" (the demo's fake credentials would
 * be overridden by these) and runs the reddit-poller.
 */
export function redditSetupInEnv(env) {
  return [...redditCredentialVars, 'DAB_CONFIG'].some((name) => (env[name] ?? '') !== '');
}

/**
 * Whether the real (non-demo) mode runs the reddit-poller: Reddit credentials or DAB_CONFIG in the
 * environment, or a credential under `reddit:` in HERALD_CONFIG. A partial set still starts it, so its
 * configuration check names what is missing instead of Reddit being silently off. Without any, no
 * process runs for Reddit (the compose file's `reddit` profile makes the same choice).
 */
export async function wantsRedditPoller(env) {
  if (redditSetupInEnv(env)) return true;
  const path = env.HERALD_CONFIG;
  if (!path || !existsSync(path)) return false;
  const { parse } = await import('yaml');
  let settings;
  try {
    settings = parse(readFileSync(path, 'utf8'));
  } catch {
    return false; // unreadable or not YAML: every app's configuration check names HERALD_CONFIG
  }
  const reddit = settings?.reddit;
  return typeof reddit === 'object' && reddit !== null && redditCredentialKeys.some((key) => reddit[key] !== undefined && reddit[key] !== null && reddit[key] !== '');
}

/** Starts the simulated Reddit as a child process (`launch` as in start.mjs); resolves to its {reddit, users}. */
export async function startRedditSimulator(launch, dir) {
  const child = launch('reddit-sim', 'packages/testkit/dist/fake-reddit-demo/cli.js', ['--state-file', join(dir, 'reddit.json')]);
  return firstJsonLine(child, 'the simulated Reddit');
}

/**
 * Registers the demo's tracked accounts as the demo server's members would (`/register u/name`,
 * the hide prefix included), through the Reddit package's own functions, each with who registered it.
 * Reddit's answer to `/about` is the simulator's (its state: canonical name, creation date), so no
 * request is spent. Registering again at the next start is harmless: an account already tracked is
 * left as it is (and one a moderator unregistered stays unregistered). Resolves to each registration.
 */
export async function registerRedditDemo(databaseUrl, state, reddit = undefined) {
  reddit ??= await import('@herald/reddit');
  const { createSqlPool } = await import('@herald/db/sql');
  const byName = new Map(state.users.map((user) => [user.name.toLowerCase(), user]));
  const aboutUser = async (name) => {
    const user = byName.get(name.toLowerCase());
    return user ? { kind: 'found', name: user.name, createdUtc: user.createdUtc, suspended: false } : { kind: 'not-found' };
  };
  const pool = createSqlPool({ url: databaseUrl, max: 1 });
  try {
    const registrations = [];
    for (const user of state.users) {
      const argument = reddit.parseNameArgument(user.registeredAs);
      registrations.push(await reddit.registerUser(argument, { db: pool, aboutUser, forced: false, registeredBy: user.registeredBy, now: new Date() }));
    }
    return registrations;
  } finally {
    await pool.end();
  }
}
