/**
 * A light client crossing a threshold → its alert at the fake Discord, at Herald's default settings
 * (ibc.pollInterval 60 s, the notifier's defaults). The host chain's block time is moved past the
 * warning point (80 % of the trusting period elapsed), then the client is updated (→ resolved),
 * `--transitions` times in all, each after a random pause so crossings fall anywhere in the poll cycle.
 * Latency = the fake's createdAt of the alert message − the moment the fake chain changed.
 *
 *   node --conditions=source --import tsx bench/ibc-alert-latency.ts [--transitions 6] [--seed 1] [--json PATH]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeCosmosChain, linkChains } from '@herald/testkit';
import { chainEntry, createIbcStack } from '../tests/e2e/ibc-harness.js';
import { benchArgs, ms, report } from './lib/results.js';
import { problemLogCounts } from './lib/stack.js';
import { seededRandom, summarize } from './lib/stats.js';

const { values: params, json } = benchArgs({ transitions: 6, seed: 1 });
const pollIntervalMs = 60_000; // ibc.pollInterval's default
const goalMs = pollIntervalMs + 2000;
const trustingPeriodSeconds = 10_000;

const stack = await createIbcStack();
const hub = await FakeCosmosChain.start({ chainId: 'hub-1' });
const osmo = await FakeCosmosChain.start({ chainId: 'osmo-1' });
try {
  const [link] = linkChains(hub, osmo, { count: 1, trustingPeriodSeconds });
  stack.configure({ chains: [chainEntry(hub), chainEntry(osmo)], monitor: [{ chainId: 'hub-1' }] });
  const poller = stack.start('ibc-poller');
  const notifier = stack.start('notifier');
  await Promise.all([poller.waitFor(/ibc poller started/), notifier.waitFor(/notifier started/)]);
  await poller.waitFor(/"msg":"ibc poll"/, 30_000); // the first poll records the baseline (ok: nothing posted)

  const random = seededRandom(params.seed);
  const latencies: number[] = [];
  for (let i = 0; i < params.transitions; i++) {
    await sleep(random() * pollIntervalMs);
    const before = stack.discord.messages({ webhookId: stack.alerts.id }).length;
    const changedAt = Date.now();
    if (i % 2 === 0) hub.advance(trustingPeriodSeconds * 0.85); // → warning
    else hub.updateClient(link!.a.clientId); // a relayer's update at the current block time → resolved
    const [message] = await stack.discord.waitForMessages(before + 1, { filter: { webhookId: stack.alerts.id }, timeoutMs: pollIntervalMs * 3 }).then((all) => all.slice(before));
    latencies.push(message!.createdAt - changedAt);
    console.log(`  transition ${i + 1}: ${i % 2 === 0 ? 'warning' : 'resolved'} after ${ms(latencies.at(-1)!)}`);
  }
  await sleep(5000);
  const messages = stack.discord.messages({ webhookId: stack.alerts.id }).length;
  const latency = summarize(latencies);
  report(
    {
      benchmark: 'ibc-alert-latency',
      command: 'node --conditions=source --import tsx bench/ibc-alert-latency.ts',
      parameters: { ...params, pollIntervalMs, trustingPeriodSeconds },
      figures: { latencyMs: latency, messages, warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) } },
      summary: [
        { figure: `threshold crossing → Discord, median (n=${latency.n})`, value: ms(latency.p50) },
        { figure: 'threshold crossing → Discord, max', value: ms(latency.max), goal: `≤ poll interval + 2 s = ${ms(goalMs)}`, met: latency.max <= goalMs },
        { figure: 'alerts posted / transitions', value: `${messages} / ${params.transitions}`, goal: 'equal', met: messages === params.transitions },
      ],
    },
    json,
  );
} finally {
  await stack.close();
  await Promise.all([hub.close(), osmo.close()]);
}
