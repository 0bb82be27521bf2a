// `npm run register-commands`: registers the bot's slash commands with Discord — in DISCORD_GUILD_ID's
// server when set (instant), else globally. Without DISCORD_BOT_TOKEN it targets the demo's built-in
// Discord started by `npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/bootstrap.mjs';
import { demoBotEnv } from './lib/demo.mjs';

const env = { ...process.env };
const script = join(root, 'apps/notifier/dist/register-commands.js');
if (!existsSync(script)) {
  console.error('✖ Herald is not built yet: run `npm start` (or `npm test`) once first.');
  process.exit(1);
}
// It takes no arguments but --help: any argument goes straight to its parser (usage, or exit 2 naming
// it) before the demo is looked for.
if (!env.DISCORD_BOT_TOKEN && !env.HERALD_CONFIG && process.argv.length <= 2) {
  const statePath = join(env.HERALD_STATE_DIR || join(root, '.herald'), 'demo', 'discord.json');
  if (!existsSync(statePath)) {
    console.error('✖ No DISCORD_BOT_TOKEN set and no demo running: start the demo with `npm start`, or set DISCORD_BOT_TOKEN (and DISCORD_GUILD_ID).');
    process.exit(2);
  }
  const { DemoGuild } = await import('@herald/testkit');
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  // The state file outlives the demo: is its Discord still answering?
  const running = await fetch(state.url, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
  if (!running) {
    console.error(`✖ The demo is not running (its built-in Discord at ${state.url} does not answer): start it with \`npm start\`, then run this again.`);
    process.exit(2);
  }
  Object.assign(env, demoBotEnv(DemoGuild), { DISCORD_API_BASE_URL: state.apiBaseUrl });
  console.log(`→ demo: registering the slash commands with the built-in Discord at ${state.url}`);
}
const result = spawnSync(process.execPath, [script, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
