#!/usr/bin/env node
/**
 * Runs the demo's simulated Reddit standalone (`npm start` in demo mode):
 *   node dist/fake-reddit-demo/cli.js [--port 0] [--host 127.0.0.1] [--state-file path] [--stop-when-stdin-ends]
 * Prints one JSON line {reddit, users}: `reddit` is the `reddit:` section of HERALD_CONFIG for this
 * fake (its URL and fake credentials, accepted only here, so printing them leaks nothing), `users`
 * the registrations to make ({registeredAs, name, hidden, createdUtc, registeredBy}); writes the same
 * JSON to --state-file. Then one plain-text line on stderr per thing the story does (stdout keeps one
 * JSON object a line, which `npm start` relays to its own piped stdout). Its port is chosen by the
 * system unless --port is given (a port in use ends it with one line naming --port and exit 2).
 * --stop-when-stdin-ends: stop when the parent that started it with a stdin pipe is gone.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, UsageError } from '@herald/config';
import { demoRedditRegistrations, demoRedditSettings } from './settings.js';
import { RedditDemo } from './simulator.js';

function fail(message: string): never {
  process.stderr.write(`fake-reddit-demo: ${message}\n`);
  process.exit(2);
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2), { flags: ['stop-when-stdin-ends'], options: ['port', 'host', 'state-file'] });
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
})();
const portText = args.options.get('port') ?? '0';
const port = /^\d{1,5}$/.test(portText) && Number(portText) <= 65535 ? Number(portText) : fail(`--port must be a port number (0 to 65535), got ${portText}`);
const host = args.options.get('host') ?? '127.0.0.1';
const stateFile = args.options.get('state-file');

const demo = await RedditDemo.start({
  port,
  host,
  onActivity: (line) => process.stderr.write(`${line}\n`),
}).catch((error: unknown) =>
  (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? fail(`--port ${port}: ${host}:${port} is already in use by another program; choose a free port`) : Promise.reject(error),
);
const state = JSON.stringify({ reddit: demoRedditSettings(demo.fake), users: demoRedditRegistrations(demo.fake) });
if (stateFile !== undefined) await writeFile(stateFile, `${state}\n`, { mode: 0o600 });
process.stdout.write(`${state}\n`);
demo.run();

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await demo.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
if (args.flags.has('stop-when-stdin-ends')) process.stdin.on('end', () => void stop()).resume();
