#!/usr/bin/env node
/**
 * Runs the fake Discord standalone (demo mode, benchmarks, e2e tests in another process):
 *   node dist/fake-discord/cli.js --port 4100 [--host 127.0.0.1] [--unlimited] [--webhooks N] [--state-file path] [--stop-when-stdin-ends]
 * Prints one JSON line {url, apiBaseUrl, gatewayUrl, guild, webhooks:[{id,token,url,channelId}]} and
 * writes the same JSON to --state-file. The tokens are fakes minted here, so printing them leaks nothing.
 * The gateway (ws path /gateway) runs on the same port; `guild` is DemoGuild. A port in use ends it
 * with one line naming --port and exit 2. --stop-when-stdin-ends: stop when the parent that
 * started it with a stdin pipe is gone (`npm start` runs it outside its process group).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, UsageError } from '@herald/config';
import { FakeDiscord } from './fake-discord.js';

function fail(message: string): never {
  process.stderr.write(`fake-discord: ${message}\n`);
  process.exit(2);
}

function nonNegativeInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2), { flags: ['unlimited', 'stop-when-stdin-ends'], options: ['port', 'host', 'webhooks', 'state-file'] });
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
})();

const port = nonNegativeInteger('port', args.options.get('port'), 0);
const host = args.options.get('host') ?? '127.0.0.1';
const fake = await FakeDiscord.start({ port, host, ...(args.flags.has('unlimited') && { limits: { webhook: 'unlimited', channel: 'unlimited' } }) }).catch((error: unknown) =>
  (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? fail(`--port ${port}: ${host}:${port} is already in use by another program; choose a free port`) : Promise.reject(error),
);
const webhookCount = nonNegativeInteger('webhooks', args.options.get('webhooks'), 1);
// Webhooks carry the Servatrice sign-ups (the only source that posts through a webhook): named so,
// in a named channel, the demo page's channel filter reads "#signups (webhook Servatrice)".
const webhooks = Array.from({ length: webhookCount }, (_, i) =>
  fake.createWebhook({ channelId: fake.createChannel({ name: webhookCount === 1 ? 'signups' : `signups-${i + 1}` }).id, name: 'Servatrice' }),
);
const state = JSON.stringify({ url: fake.url, apiBaseUrl: fake.apiBaseUrl, gatewayUrl: fake.gatewayUrl, guild: fake.guild, webhooks });

const stateFile = args.options.get('state-file');
if (stateFile !== undefined) await writeFile(stateFile, `${state}\n`, { mode: 0o600 }); // webhook tokens: for its owner only
process.stdout.write(`${state}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await fake.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
if (args.flags.has('stop-when-stdin-ends')) process.stdin.on('end', () => void stop()).resume();
