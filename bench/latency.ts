/**
 * Sign-up → Discord latency at Herald's default settings (1 s poll interval, default fake Discord
 * limit of 5 requests / 2 s per webhook). Accounts are registered one at a time at random gaps so
 * arrivals are not phase-locked to the poll; latency = the fake's createdAt of the message holding
 * the account's embed − the wall clock right after its INSERT committed.
 *
 *   node --conditions=source --import tsx bench/latency.ts [--count 200] [--minGap 100] [--maxGap 600] [--seed 1] [--json PATH]
 */
import { eventTimes } from './lib/pipeline-times.js';
import { benchArgs, ms, report } from './lib/results.js';
import { measureSignupLatency } from './lib/signup-latency.js';
import { defaultSettings, problemLogCounts, startNotifier, startPoller, withStack } from './lib/stack.js';
import { summarize } from './lib/stats.js';

const { values: params, json } = benchArgs({ count: 200, minGap: 100, maxGap: 600, seed: 1 });
const goalP99Ms = 2000;

await withStack(async (stack) => {
  const poller = startPoller(stack);
  const notifier = startNotifier(stack);
  await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);

  const run = await measureSignupLatency(stack, { namePrefix: 'lat', ...params });
  const { names, insertedAt, latency } = run;

  // Where the time goes: waiting for the poll, poll → BullMQ, BullMQ → Discord.
  const times = await eventTimes(stack.pg.url);
  const stage = (fn: (name: string) => number | null) => summarize(names.map(fn).filter((v): v is number => v !== null));
  const stages = {
    insertToPollTransaction: stage((n) => times.get(n)!.recordedAt - insertedAt.get(n)!),
    pollTransactionToEnqueued: stage((n) => (times.get(n)!.enqueuedAt ?? NaN) - times.get(n)!.recordedAt),
    enqueuedToDiscord: stage((n) => run.firstSeen.get(n)! - (times.get(n)!.enqueuedAt ?? NaN)),
  };

  const stats = stack.discord.stats();
  const embeds = stack.discord.messages().reduce((sum, m) => sum + m.embeds.length, 0);
  const figures = {
    latencyMs: latency,
    stagesMs: stages,
    messages: stats.messages,
    embedsPerMessage: Math.round((embeds / stats.messages) * 100) / 100,
    discordResponsesByStatus: stats.byStatus,
    duplicates: run.duplicates,
    missing: run.missing,
    unexpected: run.unexpected,
    warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
  };
  report(
    {
      benchmark: 'latency',
      command: 'node --conditions=source --import tsx bench/latency.ts',
      parameters: { ...params, pollInterval: defaultSettings.pollInterval, reconcileInterval: defaultSettings.reconcileInterval, discordWebhookLimit: stack.discord.limits.webhook },
      figures,
      summary: [
        { figure: `sign-up → Discord p50 (n=${latency.n})`, value: ms(latency.p50) },
        { figure: 'sign-up → Discord p90', value: ms(latency.p90) },
        { figure: 'sign-up → Discord p99', value: ms(latency.p99), goal: `≤ ${goalP99Ms} ms`, met: latency.p99 <= goalP99Ms },
        { figure: 'sign-up → Discord max', value: ms(latency.max) },
        { figure: 'duplicates / missing', value: `${run.duplicates} / ${run.missing}`, goal: '0 / 0', met: run.duplicates === 0 && run.missing === 0 },
      ],
    },
    json,
  );
  console.log('  stages (ms):', JSON.stringify(stages));
});
