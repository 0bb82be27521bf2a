#!/usr/bin/env node
/**
 * Runs the demo's simulated Cosmos chains standalone (`npm start` in demo mode):
 *   node dist/fake-cosmos-demo/cli.js [--block-seconds 2] [--state-file path] [--stop-when-stdin-ends]
 * Prints one JSON line {ibc, wallets}: `ibc` is the `ibc:` section of HERALD_CONFIG for these chains
 * (RPC URLs on 127.0.0.1, thresholds matching the story), `wallets` the subscriptions to register
 * ({address, chainId, ownerId, threshold in base units}); writes the same JSON to --state-file.
 * Then one plain-text line per thing the relayer, governance or a wallet does. Its RPC ports are
 * chosen by the system (never in use). --stop-when-stdin-ends: stop when the parent that started it
 * with a stdin pipe is gone (`npm start` runs it outside its process group).
 */
import { fakeCli } from '../cli-support.js';
import { demoIbcSettings, demoWalletSubscriptions } from './settings.js';
import { IbcDemo } from './simulator.js';

const cli = fakeCli('fake-cosmos-demo');
const args = cli.args({ options: ['block-seconds', 'state-file'] });
const blockSecondsText = args.options.get('block-seconds');
const blockSeconds = Number(blockSecondsText ?? 2);
if (!Number.isFinite(blockSeconds) || blockSeconds < 0.1 || blockSeconds > 60) cli.fail(`--block-seconds must be a number of seconds from 0.1 to 60, got ${blockSecondsText}`);

let announced = false;
const pending: string[] = [];
const demo = await IbcDemo.start({
  // Activity lines wait for the JSON line: whoever reads stdout finds the settings first.
  onActivity: (line) => (announced ? process.stdout.write(`${line}\n`) : pending.push(line)),
});
await cli.publish({ ibc: demoIbcSettings(demo.chainEndpoints), wallets: demoWalletSubscriptions() }, args.options.get('state-file'));
announced = true;
for (const line of pending) process.stdout.write(`${line}\n`);
demo.run(blockSeconds);
cli.stopOn(args, () => demo.close());
