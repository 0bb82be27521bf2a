/**
 * The community commands through the bot's dispatcher and prefix parser, their Discord requests
 * made by `restChores` over @discordjs/rest against the fake Discord (protocol level): what reaches
 * Discord (bans, invites, deletions) and what members read back, refusals and failures included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { CommandRegistry, help, NOT_ALLOWED, type OutgoingReply } from '@herald/bot';
import { createCommandRunner, type CommandRunner } from '@herald/bot/testing';
import { captureLogs } from '@herald/logging/testing';
import { DemoGuild, FakeDiscord } from '@herald/testkit';
import { restChores } from '../discord/chores.js';
import { ban } from './ban.js';
import { deleteMessages } from './delete.js';
import type { CommunityCommandDeps } from './deps.js';
import { invite } from './invite.js';
import { date, separator, sipthebep } from './small-talk.js';

const { owner, moderator, member } = DemoGuild.users;
const general = DemoGuild.channels.general!.id;
const DAY = 24 * 60 * 60 * 1000;
/** `date` reads this clock: Go's reference time, 15:04:05 MST in Denver. */
const NOW = new Date('2006-01-02T22:04:05Z');

let fake: FakeDiscord;
let rest: REST;
let runner: CommandRunner;
let noGeneral: CommandRunner;
let atReferenceTime: CommandRunner;

/** `now`: the real clock by default (the fake dates seeded messages from it, and `delete` compares with it). */
function runnerFor(generalChannel: string | undefined, now = () => new Date()): CommandRunner {
  const deps: CommunityCommandDeps = { community: { discord: restChores(rest), generalChannel, timezone: 'America/Denver', now } };
  const registry = new CommandRegistry<CommunityCommandDeps>([help, date, separator, sipthebep, ban, deleteMessages, invite]);
  return createCommandRunner({
    registry,
    deps,
    logger: captureLogs().logger,
    prefix: '!',
    guild: { ownerId: owner!.id, moderatorId: moderator!.id, moderatorRoleId: DemoGuild.roles.moderator!.id, channelId: general, guildId: DemoGuild.id },
  });
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  // No retries: a refusal injected once is the answer, as Discord's 4xx are.
  rest = new REST({ api: fake.apiBaseUrl, retries: 0 }).setToken('community-test');
  runner = runnerFor(general);
  noGeneral = runnerFor(undefined);
  atReferenceTime = runnerFor(general, () => NOW);
});
afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});
beforeEach(() => fake.reset());

const text = (replies: readonly OutgoingReply[]) => replies.map((r) => r.content ?? '').join('\n---\n');

describe('the fixed answers', () => {
  it('answers sep, =, separator, sip and sipthebep with the seed’s texts; slash uses the long names', async () => {
    const line = '══════════════════';
    for (const typed of ['!sep', '!=', '!separator']) expect(text(await runner.prefix(typed, member!.id)), typed).toBe(line);
    expect(text(await runner.slash('separator', {}, member!.id))).toBe(line);
    const sip = 'More like N0000 1 cares 🔥 This shitpost is horrible 👎👎👎';
    expect(text(await runner.prefix('!sip', member!.id))).toBe(sip);
    expect(text(await runner.slash('sipthebep', {}, member!.id))).toBe(sip);
    expect(text(await runner.prefix('!sep now', member!.id))).toMatch(/takes no arguments/);
  });

  it('answers date in the configured zone, RFC 850 as the seed', async () => {
    expect(text(await atReferenceTime.slash('date', {}, member!.id))).toBe('Monday, 02-Jan-06 15:04:05 MST');
    expect(text(await atReferenceTime.prefix('!date', member!.id))).toBe('Monday, 02-Jan-06 15:04:05 MST');
  });
});

describe('ban', () => {
  it('bans by mention (<@id> and <@!id>) or id, with the reason in the audit log, and says so', async () => {
    const target = fake.memberJoin({ username: 'spammer' });
    expect(text(await runner.prefix(`!ban <@!${target.id}> posting scam links`, moderator!.id))).toBe(`Banned <@${target.id}>.`);
    expect(fake.bans()).toEqual([expect.objectContaining({ userId: target.id, reason: 'posting scam links', deleteMessageSeconds: 0 })]);

    const other = fake.memberJoin({ username: 'spammer_two' });
    const replies = await runner.slash('ban', { user: other.id }, owner!.id);
    expect(text(replies)).toBe(`Banned <@${other.id}>.`);
    expect(replies[0]!.allowedMentions).toEqual({ parse: [] }); // says who, pings nobody
    expect(fake.bans().find((b) => b.userId === other.id)).toMatchObject({ reason: null });
  });

  it('is privileged, and refuses what is not a user', async () => {
    const target = fake.memberJoin({ username: 'lucky' });
    expect(text(await runner.prefix(`!ban <@${target.id}>`, member!.id))).toBe(NOT_ALLOWED);
    expect(text(await runner.prefix('!ban somebody', moderator!.id))).toMatch(/^`user` must be a user mention or id, got `somebody`\.\nUsage: `!ban <user> \[reason/);
    expect(fake.bans().map((b) => b.userId)).not.toContain(target.id);
  });

  it('answers what Discord refused and why, instead of failing', async () => {
    // Discord refuses to ban the server's owner with 403 Missing Permissions.
    expect(text(await runner.prefix(`!ban <@${owner!.id}>`, moderator!.id))).toBe(
      `Could not ban <@${owner!.id}>: Discord refused: Missing Permissions (the bot needs Ban Members, and a role above the member's; nobody can ban the server's owner).`,
    );
  });
});

describe('invite', () => {
  it('creates a one-use invite to the general channel that lasts a week (604,800 s; the seed’s lasted 7 s)', async () => {
    const replies = await runner.slash('invite', {}, moderator!.id);
    const created = fake.invites().at(-1);
    expect(created).toMatchObject({ channelId: general, maxAge: 604_800, maxUses: 1, temporary: false });
    expect(text(replies)).toBe(`https://discord.gg/${created!.code}`);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(text(await runner.prefix('!invite', member!.id))).toBe(NOT_ALLOWED);
  });

  it('says which setting is missing without a general channel, and what Discord refused', async () => {
    expect(text(await noGeneral.prefix('!invite', owner!.id))).toBe('No general channel is configured (community.generalChannel), so there is nothing to invite to.');
    const before = fake.invites().length;
    fake.injectFaults({ channelId: general, route: 'invites' }, [{ status: 403, body: { code: 50013, message: 'Missing Permissions' } }]);
    expect(text(await runner.prefix('!invite', owner!.id))).toBe('Discord refused: Missing Permissions (the bot needs Create Invite)');
    expect(fake.invites()).toHaveLength(before);
  });
});

describe('delete', () => {
  /** Seeds the channel, oldest first: returns the ids newest first (as Discord lists them). */
  function seed(agesMs: number[]): string[] {
    return fake.seedMessages(general, agesMs.map((ageMs, i) => ({ content: `message ${i}`, ageMs }))).map((m) => m.id).reverse();
  }
  const remaining = () => fake.channelHistory(general).map((m) => m.id);

  it('bulk-deletes the n messages after the offset, skipping those older than 14 days with a note', async () => {
    const [newest, , , oldA, oldB] = seed([20 * DAY, 15 * DAY, 3 * 60_000, 2 * 60_000, 60_000]);
    const replies = await runner.slash('delete', { count: '4', offset: '1' }, moderator!.id);
    expect(text(replies)).toBe('Deleted 2 messages.\n2 messages older than 14 days were skipped (Discord does not allow deleting them in bulk).');
    expect(replies[0]!.ephemeral).toBe(true);
    expect(remaining()).toEqual([newest, oldA, oldB]);
    expect(fake.requests().filter((r) => r.path.endsWith('/bulk-delete'))).toHaveLength(1);
  });

  it('deletes a single message with a plain DELETE (bulk needs 2 to 100)', async () => {
    const [, older] = seed([60_000, 1000]);
    expect(text(await runner.prefix('!delete 1', owner!.id))).toBe('Deleted 1 message.');
    expect(remaining()).toEqual([older]);
  });

  it('refuses bad arguments with the seed’s texts, and members', async () => {
    seed([1000]);
    const usage = '\nUsage: `!delete <count> [offset...]`';
    expect(text(await runner.prefix('!delete 5 3 1', moderator!.id))).toBe(`This command takes at most two arguments.${usage}`);
    expect(text(await runner.prefix('!delete five', moderator!.id))).toBe(`Invalid number of messages to delete: "five" is not a whole number${usage}`);
    expect(text(await runner.slash('delete', { count: '90', offset: '11' }, moderator!.id))).toBe(
      'The sum of the number of messages to delete (90) and the offset (11) cannot be more than 100.\nUsage: `/delete count:<count> [offset:<offset>]`',
    );
    expect(text(await runner.prefix('!delete 1', member!.id))).toBe(NOT_ALLOWED);
    expect(remaining()).toHaveLength(1);
  });

  it('answers what Discord refused, deleting nothing', async () => {
    seed([2000, 1000]);
    fake.injectFaults({ channelId: general, route: 'messages.bulk-delete' }, [{ status: 403, body: { code: 50013, message: 'Missing Permissions' } }]);
    expect(text(await runner.prefix('!delete 2', moderator!.id))).toBe('Nothing was deleted: Discord refused: Missing Permissions (the bot needs Manage Messages).');
    expect(remaining()).toHaveLength(2);
  });
});
