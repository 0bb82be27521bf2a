import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DemoGuild, type FakeDiscord, type FakeDiscordMessage } from '@herald/testkit';
import { repoRoot } from '../../tests/e2e/harness.js';
import type { Stack } from './stack.js';
import { summarize } from './stats.js';

/** Discord's window for the first answer to an interaction. */
export const interactionWindowMs = 3000;

/**
 * Turns the stack's notifier into a bot like tests/e2e/bot.e2e.test.ts does: the DemoGuild, its
 * moderator role as the privileged role, prefix commands on. Every app started afterwards gets it.
 */
export function enableBot(stack: Stack): void {
  Object.assign(stack.env, {
    DISCORD_BOT_TOKEN: 'bench-bot-token',
    DISCORD_GUILD_ID: DemoGuild.id,
    DISCORD_PRIVILEGED_ROLE: DemoGuild.roles.moderator!.id,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
}

/** `node apps/notifier/dist/register-commands.js`, as an operator runs it; throws with its output on failure. */
export function registerCommands(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'apps/notifier/dist/register-commands.js')], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`register-commands exited ${code}:\n${output}`))));
  });
}

/** One command's fate: its times (ms after the fake dispatched it), or why it got no reply. */
export type CommandOutcome =
  | { ok: true; totalMs: number; ackMs: number; deferred: boolean; expected: boolean }
  | { ok: false; error: string };

/**
 * Dispatches a slash command and waits for the reply the fake records: total = repliedAt − dispatchedAt,
 * ack = acknowledgedAt − dispatchedAt (both stamped by the fake, epoch ms). `expected` checks the content.
 */
export async function timeSlash(
  discord: FakeDiscord,
  userId: string,
  name: string,
  isExpected: (reply: { content: string | undefined; embeds: Array<{ title?: string }> }) => boolean,
  timeoutMs: number,
): Promise<CommandOutcome> {
  try {
    const { interactionId } = discord.dispatchSlashCommand({ userId, name });
    const reply = await discord.waitForInteractionReply(interactionId, { timeoutMs });
    return {
      ok: true,
      totalMs: reply.repliedAt - reply.dispatchedAt,
      ackMs: reply.acknowledgedAt - reply.dispatchedAt,
      deferred: reply.deferred,
      expected: isExpected(reply),
    };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Waits for the bot's messages in given channels: prefix replies are plain channel messages (no
 * message reference), so each concurrent prefix command gets a channel of its own to be matched by.
 */
export class ChannelReplies {
  readonly #waiting = new Map<string, (message: FakeDiscordMessage) => void>();
  readonly #listener = (message: FakeDiscordMessage) => {
    if (message.authorId !== DemoGuild.bot.id || message.interactionId !== undefined) return;
    const resolve = this.#waiting.get(message.channelId);
    if (resolve === undefined) return;
    this.#waiting.delete(message.channelId);
    resolve(message);
  };

  constructor(private readonly discord: FakeDiscord) {
    discord.on('message', this.#listener);
  }

  /** Sends `content` as `authorId` in `channelId` and times the bot's next message there (its createdAt − just before dispatch). */
  async time(authorId: string, channelId: string, content: string, isExpected: (content: string) => boolean, timeoutMs: number): Promise<CommandOutcome> {
    if (this.#waiting.has(channelId)) throw new Error(`already waiting for a reply in ${channelId}`);
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<FakeDiscordMessage | undefined>((resolve) => {
      this.#waiting.set(channelId, resolve);
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const sentAt = Date.now();
    try {
      this.discord.dispatchMessage({ authorId, channelId, content });
    } catch (err) {
      this.#waiting.delete(channelId);
      clearTimeout(timer);
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    const message = await reply;
    clearTimeout(timer);
    if (message === undefined) {
      this.#waiting.delete(channelId);
      return { ok: false, error: `no reply to ${content} in ${channelId} within ${timeoutMs} ms` };
    }
    const totalMs = message.createdAt - sentAt;
    return { ok: true, totalMs, ackMs: totalMs, deferred: false, expected: isExpected(message.content) };
  }

  stop(): void {
    this.discord.off('message', this.#listener);
  }
}

/**
 * Distribution of reply and first-acknowledgement times over many outcomes, plus what went wrong.
 * A first acknowledgement later than 3 s never shows up here: the fake refuses it like Discord, so it is a failure.
 */
export function summarizeOutcomes(outcomes: CommandOutcome[]) {
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  // The first few distinct errors are enough to tell a timeout from a refusal.
  const errors = [...new Set(failed.map((o) => o.error))].slice(0, 5);
  return {
    commands: outcomes.length,
    replied: ok.length,
    failed: failed.length,
    unexpectedReplies: ok.filter((o) => !o.expected).length,
    deferred: ok.filter((o) => o.deferred).length,
    replyMs: ok.length > 0 ? summarize(ok.map((o) => o.totalMs)) : null,
    firstAckMs: ok.length > 0 ? summarize(ok.map((o) => o.ackMs)) : null,
    ...(errors.length > 0 && { errors }),
  };
}

export type OutcomeSummary = ReturnType<typeof summarizeOutcomes>;

/**
 * Interaction callbacks the fake refused with 404 Unknown interaction since request `fromIndex`: the bot's
 * first answer came after Discord's 3 s window (the user saw "The application did not respond").
 */
export function lateFirstAcknowledgements(discord: FakeDiscord, fromIndex = 0): number {
  return discord
    .requests()
    .slice(fromIndex)
    .filter((r) => r.method === 'POST' && r.path.includes('/interactions/') && r.path.includes('/callback') && r.status === 404).length;
}
