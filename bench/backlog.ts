/**
 * A backlog under the fake Discord's default limit (5 requests / 2 s per webhook, i.e. at most
 * 25 events/s at 10 embeds per message). The poller records N accounts while the notifier is not
 * running; then the notifier starts, and time runs from its spawn until the last account is in
 * the fake. Meanwhile each app's RSS is sampled; afterwards each app's idle CPU is measured.
 *
 *   node --conditions=source --import tsx bench/backlog.ts [--count 10000] [--idleSeconds 30] [--sampleMs 500] [--json PATH]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ArrivalTracker, accountNames, bulkRegister } from './lib/accounts.js';
import { committedTransactions } from './lib/pipeline-times.js';
import { RssSampler, startCpuWindow, type Target } from './lib/proc.js';
import { benchArgs, ms, report } from './lib/results.js';
import { defaultSettings, problemLogCounts, startNotifier, startPoller, waitForRecorded, withStack } from './lib/stack.js';

const { values: params, json } = benchArgs({ count: 10_000, idleSeconds: 30, sampleMs: 500, settleSeconds: 5 });
const goals = { ratio: 0.95, peakRssMb: 150 };

await withStack(async (stack) => {
  const limit = stack.discord.limits.webhook;
  if (limit === 'unlimited') throw new Error('the backlog benchmark needs a rate-limited fake Discord');
  const theoreticalEventsPerSecond = (limit.requests / (limit.perMs / 1000)) * 10;

  const rss = new RssSampler(params.sampleMs);
  const poller = startPoller(stack);
  const targets: Target[] = [{ name: 'servatrice-poller', pid: poller.child.pid! }];
  rss.add(targets[0]!);
  await poller.waitFor(/first run: baseline/);

  const names = accountNames('bl', params.count);
  const tracker = new ArrivalTracker(stack.discord, names);
  console.log(`inserting ${params.count} accounts; the poller records them while no notifier runs…`);
  const insertStarted = Date.now();
  await bulkRegister(stack.servatrice.admin, stack.servatrice.prefix, names);
  const recordedAt = await waitForRecorded(poller, params.count, 300_000);

  const commitsBefore = await committedTransactions(stack.pg.url);
  const started = Date.now();
  const notifier = startNotifier(stack);
  targets.push({ name: 'notifier', pid: notifier.child.pid! });
  rss.add(targets[1]!);
  const cpuDuringBacklog = startCpuWindow(targets);
  await notifier.waitFor(/notifier started/, 60_000);
  const readyMs = Date.now() - started;
  let lastPrinted = 0;
  await tracker.waitForAll(60_000, (arrived) => {
    if (Date.now() - lastPrinted > 30_000) {
      lastPrinted = Date.now();
      const seconds = (Date.now() - started) / 1000;
      console.log(`  ${arrived} / ${params.count} in Discord after ${Math.round(seconds)} s (${(arrived / seconds).toFixed(1)}/s)`);
    }
  });
  const elapsedMs = tracker.lastArrival - started;
  const backlogCpu = cpuDuringBacklog.end();
  const peaks = rss.stop();
  const commits = (await committedTransactions(stack.pg.url)) - commitsBefore;

  // Idle: let the last jobs (for events already sent in a group) finish, then measure.
  await sleep(params.settleSeconds * 1000);
  const idleWindow = startCpuWindow(targets);
  await sleep(params.idleSeconds * 1000);
  const idle = idleWindow.end();
  tracker.stop();

  const posts = stack.discord.requests().filter((r) => r.method === 'POST' && r.webhookId === stack.webhook.id);
  const firstRequestAt = posts[0]?.time ?? started;
  const refused = posts.map((r, index) => ({ index, status: r.status, atMs: r.time - firstRequestAt })).filter((r) => r.status === 429);
  const accepted = posts.filter((r) => r.status === 200);
  // Rate-limit windows: every `limit.requests` accepted requests start a new window.
  const windowStarts = accepted.filter((_, i) => i % limit.requests === 0).map((r) => r.time);
  const windowPeriodMs = windowStarts.length > 1 ? (windowStarts.at(-1)! - windowStarts[0]!) / (windowStarts.length - 1) : Number.NaN;
  const idealMs = (Math.ceil(Math.ceil(params.count / 10) / limit.requests) - 1) * limit.perMs;

  const stats = stack.discord.stats();
  const embeds = stack.discord.messages().reduce((sum, m) => sum + m.embeds.length, 0);
  const eventsPerSecond = params.count / (elapsedMs / 1000);
  const ratio = eventsPerSecond / theoreticalEventsPerSecond;
  const refusedAfterFirst = refused.filter((r) => r.index > 0).length;
  const exact = tracker.duplicates === 0 && tracker.missing.length === 0 && tracker.unexpected === 0;
  const maxPeak = (name: string) => Math.max(peaks[name]!.peakSampledMb, peaks[name]!.highWaterMb);
  const figures = {
    elapsedMs,
    eventsPerSecond: Math.round(eventsPerSecond * 100) / 100,
    theoreticalEventsPerSecond,
    ratioToTheoretical: Math.round(ratio * 1000) / 1000,
    notifierReadyMs: readyMs,
    firstRequestAfterMs: firstRequestAt - started,
    fromFirstRequestEventsPerSecond: Math.round((params.count / ((tracker.lastArrival - firstRequestAt) / 1000)) * 100) / 100,
    idealMsFromFirstRequest: idealMs,
    meanRateLimitWindowMs: Math.round(windowPeriodMs),
    pollerRecordedBacklogMs: recordedAt - insertStarted,
    messagesSent: stats.messages,
    embedsPerMessage: Math.round((embeds / stats.messages) * 100) / 100,
    discordRequests: posts.length,
    /** Diagnostic: Postgres transactions (poller polls included) per Discord message during the backlog. */
    postgresCommitsPerMessage: Math.round((commits / stats.messages) * 10) / 10,
    responses429: refused.length,
    responses429AfterFirstRequest: refusedAfterFirst,
    refused429: refused.slice(0, 50),
    discordResponsesByStatus: stats.byStatus,
    duplicates: tracker.duplicates,
    missing: tracker.missing.length,
    unexpected: tracker.unexpected,
    rss: peaks,
    cpuPercentOfOneCoreDuringBacklog: backlogCpu.perTarget,
    machineBusyPercentDuringBacklog: backlogCpu.machineBusyPercent,
    machineStealPercentDuringBacklog: backlogCpu.machineStealPercent,
    idleCpuPercentOfOneCore: idle.perTarget,
    idleWindowMs: idle.ms,
    idleMachineBusyPercent: idle.machineBusyPercent,
    warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
  };
  report(
    {
      benchmark: 'backlog',
      command: 'node --conditions=source --import tsx bench/backlog.ts',
      parameters: {
        ...params,
        pollInterval: defaultSettings.pollInterval,
        reconcileInterval: defaultSettings.reconcileInterval,
        discordWebhookLimit: limit,
      },
      figures,
      summary: [
        { figure: `${params.count}-account backlog at ${limit.requests} req / ${limit.perMs / 1000} s`, value: `${figures.eventsPerSecond} events/s (${ms(elapsedMs)})` },
        { figure: `ratio to the theoretical ${theoreticalEventsPerSecond} events/s`, value: figures.ratioToTheoretical.toFixed(3), goal: `≥ ${goals.ratio}`, met: ratio >= goals.ratio },
        { figure: '429 responses (after the first request)', value: `${refused.length} (${refusedAfterFirst})`, goal: '0 after the first', met: refusedAfterFirst === 0 },
        { figure: 'duplicates / missing', value: `${tracker.duplicates} / ${tracker.missing.length}`, goal: '0 / 0', met: exact },
        ...targets.map((t) => ({ figure: `peak RSS, ${t.name}`, value: `${maxPeak(t.name)} MB (kernel VmHWM; largest 500 ms sample ${peaks[t.name]!.peakSampledMb} MB)`, goal: `≤ ${goals.peakRssMb} MB`, met: maxPeak(t.name) <= goals.peakRssMb })),
        ...targets.map((t) => ({ figure: `idle CPU over ${params.idleSeconds} s, ${t.name}`, value: `${idle.perTarget[t.name]}% of one core` })),
      ],
    },
    json,
  );
});
