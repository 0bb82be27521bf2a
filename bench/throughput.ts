/**
 * End-to-end throughput with an unlimited fake Discord: with the poller and notifier running and
 * baselined, N accounts are bulk-inserted (multi-row INSERTs shaped like Servatrice's registerUser);
 * time runs from the first INSERT to the moment the last account appears in the fake Discord.
 *
 * The notifier's own client-side global cap (DISCORD_GLOBAL_RPS, default 50 requests/s — Discord's
 * global limit) is lifted to --globalRps, as for a proxy that enforces nothing: the fake is unlimited,
 * and at 50 requests/s the notifier could never exceed 500 events/s whatever else it does.
 *
 *   node --conditions=source --import tsx bench/throughput.ts [--count 20000] [--rowsPerInsert 1000] [--globalRps 100000] [--json PATH]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ArrivalTracker, accountNames, bulkRegister } from './lib/accounts.js';
import { committedTransactions, eventTimes } from './lib/pipeline-times.js';
import { startCpuWindow } from './lib/proc.js';
import { benchArgs, ms, report } from './lib/results.js';
import { defaultSettings, problemLogCounts, startNotifier, startPoller, withStack } from './lib/stack.js';

const { values: params, json } = benchArgs({ count: 20_000, rowsPerInsert: 1000, globalRps: 100_000 });
const goalEventsPerSecond = 2000;

await withStack(async (stack) => {
  stack.discord.setLimits({ webhook: 'unlimited' });
  const poller = startPoller(stack);
  // An unlimited Discord has no global limit either: lift the client's 50 requests/s cap (Discord's
  // documented global limit, on by default) so the pipeline's own capacity is what gets measured.
  const notifier = startNotifier(stack, { DISCORD_GLOBAL_RPS: '100000' });
  await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);

  const names = accountNames('tp', params.count);
  const tracker = new ArrivalTracker(stack.discord, names);
  const cpu = startCpuWindow([
    { name: 'servatrice-poller', pid: poller.child.pid! },
    { name: 'notifier', pid: notifier.child.pid! },
  ]);
  const benchCpuBefore = process.cpuUsage();
  const commitsBefore = await committedTransactions(stack.pg.url);

  console.log(`inserting ${params.count} accounts…`);
  const started = Date.now();
  await bulkRegister(stack.servatrice.admin, stack.servatrice.prefix, names, params.rowsPerInsert);
  const insertedMs = Date.now() - started;
  let lastPrinted = 0;
  await tracker.waitForAll(60_000, (arrived) => {
    if (Date.now() - lastPrinted > 10_000) {
      lastPrinted = Date.now();
      console.log(`  ${arrived} / ${params.count} in Discord after ${Math.round((Date.now() - started) / 1000)} s`);
    }
  });
  const elapsedMs = tracker.lastArrival - started;
  const usage = cpu.end();
  const benchCpu = process.cpuUsage(benchCpuBefore);
  // pg_stat_database is updated when a backend reports its stats; give the apps a moment.
  await sleep(1000);
  const commits = (await committedTransactions(stack.pg.url)) - commitsBefore;
  await sleep(3000); // anything sent twice would show up now
  tracker.stop();

  const times = [...(await eventTimes(stack.pg.url)).values()];
  const lastEnqueued = Math.max(...times.map((t) => t.enqueuedAt ?? 0));
  const stats = stack.discord.stats();
  const embeds = stack.discord.messages().reduce((sum, m) => sum + m.embeds.length, 0);
  const eventsPerSecond = params.count / (elapsedMs / 1000);
  const exact = tracker.duplicates === 0 && tracker.missing.length === 0 && tracker.unexpected === 0;
  const figures = {
    elapsedMs,
    eventsPerSecond: Math.round(eventsPerSecond),
    insertMs: insertedMs,
    /** First INSERT → every event recorded in Postgres and handed to BullMQ by the poller. */
    allEnqueuedAfterMs: lastEnqueued - started,
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
    },
    machineBusyPercentDuringRun: usage.machineBusyPercent,
    warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
  };
  report(
    {
      benchmark: 'throughput',
      command: 'node --conditions=source --import tsx bench/throughput.ts',
      parameters: { ...params, pollInterval: defaultSettings.pollInterval, reconcileInterval: defaultSettings.reconcileInterval, discordWebhookLimit: 'unlimited' },
      figures,
      summary: [
        { figure: `events/s, ${params.count} accounts, unlimited Discord`, value: `${Math.round(eventsPerSecond)}/s (${ms(elapsedMs)})`, goal: `≥ ${goalEventsPerSecond}/s`, met: eventsPerSecond >= goalEventsPerSecond },
        { figure: 'all recorded + enqueued by the poller after', value: ms(lastEnqueued - started) },
        { figure: 'messages sent / embeds per message', value: `${stats.messages} / ${figures.embedsPerMessage}` },
        { figure: 'duplicates / missing', value: `${tracker.duplicates} / ${tracker.missing.length}`, goal: '0 / 0', met: exact },
      ],
    },
    json,
  );
  console.log('  cpu (% of one core):', JSON.stringify(figures.cpuPercentOfOneCoreDuringRun), `machine busy ${usage.machineBusyPercent}%`);
});
