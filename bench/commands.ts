/**
 * Bot command round trip: the fake Discord dispatches a command over the gateway to the built
 * notifier (its discord.js bot) and times the reply it receives. Slash commands: reply = repliedAt −
 * dispatchedAt and first acknowledgement = acknowledgedAt − dispatchedAt, both stamped by the fake.
 *   - /version (everyone; framework + gateway + REST only), one at a time, then rounds of `concurrency` at once;
 *   - /status as the moderator (privileged; Postgres + BullMQ queries), rounds of `concurrency` at once;
 *   - !version prefix commands as a member, rounds of `concurrency` at once, each in a channel of its
 *     own (prefix replies carry no reference, so the channel matches reply to command; it also keeps
 *     the fake's default per-channel limit of 5 / 5 s out of the way). Reply = the bot message's
 *     createdAt − the clock just before the dispatch.
 * The poller runs too, so /status reports a live source. Herald's default settings throughout.
 *
 *   node --conditions=source --import tsx bench/commands.ts [--concurrency 100] [--rounds 5] [--prefixRounds 3]
 *     [--warmup 20] [--sequential 50] [--pauseMs 1000] [--timeoutMs 10000] [--json PATH]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DemoGuild } from '@herald/testkit';
import { ChannelReplies, enableBot, interactionWindowMs, lateFirstAcknowledgements, registerCommands, summarizeOutcomes, timeSlash, type CommandOutcome, type OutcomeSummary } from './lib/bot.js';
import { startCpuWindow, type CpuWindow } from './lib/proc.js';
import { benchArgs, report, type SummaryRow } from './lib/results.js';
import { defaultSettings, problemLogCounts, startNotifier, startPoller, withStack } from './lib/stack.js';

const { values: params, json } = benchArgs({ concurrency: 100, rounds: 5, prefixRounds: 3, warmup: 20, sequential: 50, pauseMs: 1000, timeoutMs: 10_000 });
const { member, moderator } = DemoGuild.users;

const isVersion = (content: string | undefined) => content?.startsWith('Herald ') === true;
const versionReply = (r: { content: string | undefined }) => isVersion(r.content);
const statusReply = (r: { embeds: Array<{ title?: string }> }) => r.embeds[0]?.title === 'Herald status';
const slashVersion = (discord: Parameters<typeof timeSlash>[0]) => timeSlash(discord, member!.id, 'version', versionReply, params.timeoutMs);
const slashStatus = (discord: Parameters<typeof timeSlash>[0]) => timeSlash(discord, moderator!.id, 'status', statusReply, params.timeoutMs);

await withStack(async (stack) => {
  const { discord } = stack;
  enableBot(stack);
  // Channels exist before the bot connects, so they arrive in its GUILD_CREATE like any server's channels.
  const prefixChannels = Array.from({ length: params.concurrency }, (_, i) => discord.createChannel({ guildId: DemoGuild.id, name: `bench-${i + 1}` }).id);
  await registerCommands(stack.env);
  const poller = startPoller(stack);
  const notifier = startNotifier(stack);
  await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/), discord.waitForGatewayReady({ timeoutMs: 30_000 })]);
  const target = [{ name: 'notifier', pid: notifier.child.pid! }];
  const requestsBefore = discord.requests().length;
  const replies = new ChannelReplies(discord);

  console.log(`warming up: ${params.warmup} commands…`);
  for (let i = 0; i < params.warmup; i++) {
    if (i % 4 === 3) await replies.time(member!.id, prefixChannels[i % prefixChannels.length]!, '!version', isVersion, params.timeoutMs);
    else await (i % 2 === 0 ? slashVersion(discord) : slashStatus(discord));
  }
  await sleep(params.pauseMs);

  console.log(`/version one at a time ×${params.sequential}…`);
  const sequential: CommandOutcome[] = [];
  const sequentialCpu = startCpuWindow(target);
  for (let i = 0; i < params.sequential; i++) sequential.push(await slashVersion(discord));
  const sequentialCpuUse = sequentialCpu.end();

  // Interleaved rounds, so a slow moment of the shared machine does not land on one kind only.
  const kinds = {
    version: () => slashVersion(discord),
    status: () => slashStatus(discord),
  };
  const concurrent = { version: [] as CommandOutcome[][], status: [] as CommandOutcome[][], prefix: [] as CommandOutcome[][] };
  const roundMs = { version: [] as number[], status: [] as number[], prefix: [] as number[] };
  const cpu = { version: [] as CpuWindow[], status: [] as CpuWindow[], prefix: [] as CpuWindow[] };
  const round = async (kind: keyof typeof concurrent, run: (i: number) => Promise<CommandOutcome>) => {
    await sleep(params.pauseMs);
    const window = startCpuWindow(target);
    const started = performance.now();
    concurrent[kind].push(await Promise.all(Array.from({ length: params.concurrency }, (_, i) => run(i))));
    roundMs[kind].push(Math.round(performance.now() - started));
    cpu[kind].push(window.end());
  };
  for (let r = 1; r <= params.rounds; r++) {
    console.log(`round ${r}/${params.rounds}: ${params.concurrency} × /version, ${params.concurrency} × /status at once…`);
    await round('version', kinds.version);
    await round('status', kinds.status);
  }
  for (let r = 1; r <= params.prefixRounds; r++) {
    console.log(`prefix round ${r}/${params.prefixRounds}: ${params.concurrency} × !version at once, one per channel…`);
    await round('prefix', (i) => replies.time(member!.id, prefixChannels[i]!, '!version', isVersion, params.timeoutMs));
  }
  replies.stop();
  await sleep(params.pauseMs); // a straggling callback would be refused (and recorded) by now
  const lateAcks = lateFirstAcknowledgements(discord, requestsBefore);

  const perRound = (rounds: CommandOutcome[][]) =>
    rounds.map((outcomes, i) => {
      const s = summarizeOutcomes(outcomes);
      return { round: i + 1, p50: s.replyMs?.p50, p99: s.replyMs?.p99, max: s.replyMs?.max, failed: s.failed };
    });
  const meanCpu = (windows: CpuWindow[]) => {
    const n = windows.length || 1;
    return {
      notifierPercentOfOneCore: Math.round(windows.reduce((a, w) => a + (w.perTarget.notifier ?? 0), 0) / n),
      machineBusyPercent: Math.round(windows.reduce((a, w) => a + w.machineBusyPercent, 0) / n),
    };
  };
  const results = {
    sequentialVersion: summarizeOutcomes(sequential),
    concurrentVersion: summarizeOutcomes(concurrent.version.flat()),
    concurrentStatus: summarizeOutcomes(concurrent.status.flat()),
    concurrentPrefixVersion: summarizeOutcomes(concurrent.prefix.flat()),
  };
  const figures = {
    ...results,
    perRound: { version: perRound(concurrent.version), status: perRound(concurrent.status), prefix: perRound(concurrent.prefix) },
    roundWallMs: roundMs,
    firstAcknowledgementsLaterThan3s: lateAcks,
    cpuDuringRounds: {
      sequentialVersion: { notifierPercentOfOneCore: sequentialCpuUse.perTarget.notifier, machineBusyPercent: sequentialCpuUse.machineBusyPercent },
      version: meanCpu(cpu.version),
      status: meanCpu(cpu.status),
      prefix: meanCpu(cpu.prefix),
    },
    discordResponsesByStatus: discord.stats().byStatus,
    gateway: discord.gatewayStats(),
    warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
  };

  const n = params.concurrency;
  const dist = (s: OutcomeSummary, key: 'replyMs' | 'firstAckMs') => {
    const d = s[key];
    return d ? `${d.p50} / ${d.p90} / ${d.p99} / ${d.max} ms` : 'no replies';
  };
  const failures = Object.values(results).reduce((sum, s) => sum + s.failed + s.unexpectedReplies, 0);
  const summary: SummaryRow[] = [
    { figure: `/version one at a time, reply p50 / p90 / p99 / max (n=${results.sequentialVersion.commands})`, value: dist(results.sequentialVersion, 'replyMs') },
    { figure: `/version ×${n} at once, reply p50 / p90 / p99 / max (${params.rounds} rounds)`, value: dist(results.concurrentVersion, 'replyMs') },
    { figure: `/version ×${n} at once, first ack p50 / p90 / p99 / max`, value: dist(results.concurrentVersion, 'firstAckMs') },
    { figure: `/status ×${n} at once as moderator, reply p50 / p90 / p99 / max (${params.rounds} rounds)`, value: dist(results.concurrentStatus, 'replyMs') },
    { figure: `/status ×${n} at once, first ack p50 / p90 / p99 / max`, value: dist(results.concurrentStatus, 'firstAckMs') },
    { figure: 'deferred replies, at once (/version / /status)', value: `${results.concurrentVersion.deferred} / ${results.concurrentStatus.deferred}` },
    { figure: `!version ×${n} at once, one per channel, reply p50 / p90 / p99 / max (${params.prefixRounds} rounds)`, value: dist(results.concurrentPrefixVersion, 'replyMs') },
    { figure: 'first acknowledgements later than 3 s', value: String(lateAcks), goal: '0 (Discord drops them)', met: lateAcks === 0 },
    { figure: 'failed, timed out or wrong replies', value: String(failures), goal: '0', met: failures === 0 },
  ];
  report(
    {
      benchmark: 'commands',
      command: 'node --conditions=source --import tsx bench/commands.ts',
      parameters: {
        ...params,
        interactionWindowMs,
        prefixChannels: params.concurrency,
        discordLimits: discord.limits,
        reconcileInterval: defaultSettings.reconcileInterval,
        pollInterval: defaultSettings.pollInterval,
        users: { version: 'member', status: 'moderator (privileged role)', prefix: 'member' },
      },
      figures,
      summary,
    },
    json,
  );
  for (const [name, s] of Object.entries(results)) if (s.errors) console.log(`  ${name} errors:`, s.errors);
  console.log('  per round (ms):', JSON.stringify(figures.perRound));
  console.log('  CPU during rounds:', JSON.stringify(figures.cpuDuringRounds));
});
