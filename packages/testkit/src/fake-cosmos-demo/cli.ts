#!/usr/bin/env node
/**
 * Runs the demo's simulated Cosmos chains standalone (`npm start` in demo mode):
 *   node dist/fake-cosmos-demo/cli.js [--block-seconds 2] [--state-file path]
 * Prints one JSON line {ibc, wallets}: `ibc` is the `ibc:` section of HERALD_CONFIG for these chains
 * (RPC URLs on 127.0.0.1, thresholds matching the story), `wallets` the subscriptions to register
 * ({address, chainId, ownerId, threshold in base units}); writes the same JSON to --state-file.
 * Then one plain-text line per thing the relayer, governance or a wallet does.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { demoIbcSettings, demoWalletSubscriptions } from './settings.js';
import { IbcDemo } from './simulator.js';

function fail(message: string): never {
  process.stderr.write(`fake-cosmos-demo: ${message}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { 'block-seconds': { type: 'string' }, 'state-file': { type: 'string' } }, strict: true });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const blockSeconds = Number(values['block-seconds'] ?? 2);
if (!Number.isFinite(blockSeconds) || blockSeconds < 0.1 || blockSeconds > 60) fail(`--block-seconds must be a number of seconds from 0.1 to 60, got ${values['block-seconds']}`);

let announced = false;
const pending: string[] = [];
const demo = await IbcDemo.start({
  // Activity lines wait for the JSON line: whoever reads stdout finds the settings first.
  onActivity: (line) => (announced ? process.stdout.write(`${line}\n`) : pending.push(line)),
});
const state = JSON.stringify({ ibc: demoIbcSettings(demo.chainEndpoints), wallets: demoWalletSubscriptions() });
if (values['state-file'] !== undefined) await writeFile(values['state-file'], `${state}\n`);
process.stdout.write(`${state}\n`);
announced = true;
for (const line of pending) process.stdout.write(`${line}\n`);
demo.run(blockSeconds);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await demo.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
