/**
 * End-to-end throughput with an unlimited fake Discord: with the poller and notifier running and
 * baselined, N accounts are bulk-inserted (multi-row INSERTs shaped like Servatrice's registerUser);
 * time runs from the first INSERT to the moment the last account appears in the fake Discord.
 * The run is repeated (each time on a fresh stack) and the median run is reported, since one run on
 * a 2-core machine swings with whatever else is scheduled.
 *
 * The notifier's own client-side global cap (DISCORD_GLOBAL_RPS, default 50 requests/s — Discord's
 * global limit) is lifted to --globalRps, as for a proxy that enforces nothing: the fake is unlimited,
 * and at 50 requests/s the notifier could never exceed 500 events/s whatever else it does.
 *
 *   node --conditions=source --import tsx bench/throughput.ts [--count 20000] [--repeat 3] [--rowsPerInsert 1000] [--globalRps 100000] [--json PATH]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ArrivalTracker, accountNames, bulkRegister } from './lib/accounts.js';
import { committedTransactions, eventTimes } from './lib/pipeline-times.js';
import { startCpuWindow, startServiceCpuWindow } from './lib/proc.js';
import { benchArgs, ms, report } from './lib/results.js';
import { defaultSettings, problemLogCounts, startNotifier, startPoller, withStack } from './lib/stack.js';

const { values: params, json } = benchArgs({ count: 20_000, repeat: 3, rowsPerInsert: 1000, globalRps: 100_000 });
const goalEventsPerSecond = 2000;

type Run = Awaited<ReturnType<typeof runOnce>>;

function runOnce() {
  return withStack(async (stack) => {
    stack.discord.setLimits({ webhook: 'unlimited' });
    const poller = startPoller(stack);
    const notifier = startNotifier(stack, { DISCORD_GLOBAL_RPS: String(params.globalRps) });
    await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);

    const names = accountNames('tp', params.count);
    const tracker = new ArrivalTracker(stack.discord, names);
    const cpu = startCpuWindow([
      { name: 'servatrice-poller', pid: poller.child.pid! },
      { name: 'notifier', pid: notifier.child.pid! },
    ]);
    const benchCpuBefore = process.cpuUsage();
    const serviceCpu = startServiceCpuWindow();
    const commitsBefore = await committedTransactions(stack.pg.url);

    const started = Date.now();
    await bulkRegister(stack.servatrice.admin, stack.servatrice.prefix, names, params.rowsPerInsert);
    const insertedMs = Date.now() - started;
    await tracker.waitForAll(60_000);
    const elapsedMs = tracker.lastArrival - started;
    const usage = cpu.end();
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const servicesCpu = serviceCpu.end();
    await sleep(1000); // pg_stat_database is updated when a backend reports its stats
    const commits = (await committedTransactions(stack.pg.url)) - commitsBefore;
    await sleep(3000); // anything sent twice would show up now
    tracker.stop();

    const times = [...(await eventTimes(stack.pg.url)).values()];
    const lastEnqueued = Math.max(...times.map((t) => t.enqueuedAt ?? 0));
    // Two phases: while the poller is still recording, delivery can go no faster than it; after, only the notifier counts.
    const arrivedWhileRecording = [...tracker.firstSeen.values()].filter((t) => t <= lastEnqueued).length;
    const rate = (events: number, fromMs: number, toMs: number) => Math.round(events / ((toMs - fromMs) / 1000));
    const stats = stack.discord.stats();
    const embeds = stack.discord.messages().reduce((sum, m) => sum + m.embeds.length, 0);
    return {
      elapsedMs,
      eventsPerSecond: rate(params.count, 0, elapsedMs),
      insertMs: insertedMs,
      /** First INSERT → every event recorded in Postgres and handed to BullMQ by the poller. */
      allEnqueuedAfterMs: lastEnqueued - started,
      /** Poller: events recorded in Postgres and enqueued per second, from the first INSERT. */
      pollerEventsPerSecond: rate(params.count, started, lastEnqueued),
      arrivedInDiscordWhenAllEnqueued: arrivedWhileRecording,
      /** Notifier alone: the rest of the backlog, from the last enqueue to the last message. */
      notifierEventsPerSecondAfterAllEnqueued: rate(params.count - arrivedWhileRecording, lastEnqueued, tracker.lastArrival),
      messagesSent: stats.messages,
      embedsPerMessage: Math.round((embeds / stats.messages) * 100) / 100,
      messagesPerSecond: Math.round((stats.messages / (elapsedMs / 1000)) * 10) / 10,
      discordRequests: stats.requests,
      /** Diagnostic: Postgres transactions (poller and notifier) per Discord message sent. */
      postgresCommitsPerMessage: Math.round((commits / stats.messages) * 10) / 10,
      discordResponsesByStatus: stats.byStatus,
      duplicates: tracker.duplicates,
      missing: tracker.missing.length,
      unexpected: tracker.unexpected,
      cpuPercentOfOneCoreDuringRun: {
        ...usage.perTarget,
        'bench process (fake Discord, inserts)': Math.round(((benchCpu.user + benchCpu.system) / 1000 / usage.ms) * 10000) / 100,
        ...servicesCpu,
      },
      machineBusyPercentDuringRun: usage.machineBusyPercent,
      machineStealPercentDuringRun: usage.machineStealPercent,
      warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
    };
  });
}

const runs: Run[] = [];
for (let i = 1; i <= params.repeat; i++) {
  const run = await runOnce();
  runs.push(run);
  console.log(
    `run ${i}/${params.repeat}: ${run.eventsPerSecond}/s (${run.elapsedMs} ms); poller ${run.pollerEventsPerSecond}/s; notifier alone ${run.notifierEventsPerSecondAfterAllEnqueued}/s;`,
    `cpu % of a core ${JSON.stringify(run.cpuPercentOfOneCoreDuringRun)}, machine busy ${run.machineBusyPercentDuringRun}% (steal ${run.machineStealPercentDuringRun}%)`,
  );
}
const median = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(runs.length / 2)]!;
const exact = runs.every((r) => r.duplicates === 0 && r.missing === 0 && r.unexpected === 0);
report(
  {
    benchmark: 'throughput',
    command: 'node --conditions=source --import tsx bench/throughput.ts',
    parameters: { ...params, pollInterval: defaultSettings.pollInterval, reconcileInterval: defaultSettings.reconcileInterval, discordWebhookLimit: 'unlimited' },
    figures: { median, eventsPerSecondOfEachRun: runs.map((r) => r.eventsPerSecond), runs },
    summary: [
      {
        figure: `events/s, ${params.count} accounts, unlimited Discord (median of ${runs.length})`,
        value: `${median.eventsPerSecond}/s (${ms(median.elapsedMs)}; runs: ${runs.map((r) => r.eventsPerSecond).join(', ')})`,
        goal: `≥ ${goalEventsPerSecond}/s`,
        met: median.eventsPerSecond >= goalEventsPerSecond,
      },
      { figure: 'all recorded + enqueued by the poller after', value: `${ms(median.allEnqueuedAfterMs)} (${median.pollerEventsPerSecond}/s)` },
      { figure: 'notifier alone, after the last enqueue', value: `${median.notifierEventsPerSecondAfterAllEnqueued}/s (${params.count - median.arrivedInDiscordWhenAllEnqueued} events)` },
      { figure: 'messages sent / embeds per message', value: `${median.messagesSent} / ${median.embedsPerMessage}` },
      { figure: 'duplicates / missing (all runs)', value: `${runs.reduce((s, r) => s + r.duplicates, 0)} / ${runs.reduce((s, r) => s + r.missing, 0)}`, goal: '0 / 0', met: exact },
    ],
  },
  json,
);
