/**
 * Down Arrows Bot's community chores in the built notifier, configured by a dab.conf.json, against
 * the fake Discord's REST and gateway: link logging (reaction + repost, `nolog`), welcome and
 * goodbye, each command (sep/=, sip, date, ban, delete, invite, purge with its confirmation
 * button), a chore Discord refuses (answered; the bot stays connected and answers the next one).
 * One notifier for the whole file: the cases run in order and share it (CI has 2 cores).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedisPrefix, DemoGuild, FakeDiscord, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { registerCommands, stackEnv, startApp, type AppProcess } from './harness.js';

const { owner, moderator, member } = DemoGuild.users;
const general = DemoGuild.channels.general!.id;
const DAY = 24 * 60 * 60 * 1000;
const WAIT = { timeoutMs: 15_000 };

let fake: FakeDiscord;
let database: TestDatabase;
let redis: TestRedisPrefix;
let pool: pg.Pool;
let dir: string;
let notifier: AppProcess;
let env: Record<string, string>;
let log: string;
let graveyard: string;

beforeAll(async () => {
  [fake, database] = await Promise.all([FakeDiscord.start({ limits: { channel: 'unlimited' } }), createTestDatabase('herald_community_e2e')]);
  redis = createTestRedisPrefix();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  log = fake.createChannel({ guildId: DemoGuild.id, name: 'log' }).id;
  graveyard = fake.createChannel({ guildId: DemoGuild.id, name: 'graveyard' }).id;
  dir = mkdtempSync(join(tmpdir(), 'herald-community-e2e-'));
  const dabConfig = join(dir, 'dab.conf.json');
  writeFileSync(
    dabConfig,
    JSON.stringify({
      timezone: 'America/Chicago',
      discord: {
        token: 'e2e-community-token',
        general,
        log,
        graveyard,
        privileged_role: DemoGuild.roles.moderator!.id,
        welcome: 'Welcome <@{{.Member.ID}}> ({{.Member.FQN}})! Rules in <#{{.ChannelsID.General}}>, the fallen in <#{{.ChannelsID.Graveyard}}>.',
      },
    }),
  );
  env = {
    ...stackEnv(database, redis, fake),
    DAB_CONFIG: dabConfig,
    DISCORD_GUILD_ID: DemoGuild.id,
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_REQUEST_TIMEOUT: '2s',
  };
  const registered = await registerCommands(env);
  expect(registered.code, registered.output).toBe(0);
  notifier = startApp('notifier', [], env);
  await Promise.all([notifier.waitFor(/notifier started/), fake.waitForGatewayReady(WAIT)]);
}, 60_000);

afterAll(async () => {
  await notifier?.kill('SIGKILL');
  await pool?.end();
  await fake?.close();
  await Promise.all([database?.drop(), redis?.cleanup()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Types `content` in a channel (#general by default) as `userId`; the bot's reply to that message. */
async function say(userId: string, content: string, channelId = general) {
  const typed = fake.dispatchMessage({ authorId: userId, content, channelId });
  const [reply] = await fake.waitForMessages(1, { filter: { referencedMessageId: typed.messageId }, ...WAIT });
  return reply!;
}

async function slash(userId: string, name: string, options: Record<string, string> = {}) {
  const { interactionId } = fake.dispatchSlashCommand({ userId, name, options });
  return fake.waitForInteractionReply(interactionId, WAIT);
}

describe("Down Arrows Bot's community chores in the notifier (dab.conf.json, fake Discord)", () => {
  it('checks the configured channels at start and names none of them as a problem', async () => {
    // The check looked up each configured channel, one after another, and Discord found each.
    const lookups = () => fake.requests().filter((r) => r.method === 'GET' && /\/channels\/\d+$/.test(r.path)).map((r) => [r.path.split('/').pop(), r.status]);
    await expect.poll(lookups, { timeout: WAIT.timeoutMs }).toEqual([[general, 200], [log, 200], [graveyard, 200]]);
    // A problem is logged right after the last lookup; a command answered after it has been logged.
    expect((await say(member!.id, '!sep')).content).toBe('═'.repeat(18));
    expect(notifier.text).not.toMatch(/community\.\w+: channel \d+ cannot be used/);
  });

  it('reacts to a Reddit comment link in #general and reposts it to the log channel, not as a command; nolog skips it', async () => {
    const skipped = fake.dispatchMessage({ authorId: member!.id, channelId: general, content: 'https://www.reddit.com/r/pics/comments/aaa/t/bbb/ !NoLog' });
    const typed = fake.dispatchMessage({ authorId: member!.id, channelId: general, content: '!sep https://np.reddit.com/r/Down\\_Arrows/comments/abc/t/def/' });
    const [repost] = await fake.waitForMessages(1, { filter: { channelId: log }, ...WAIT });
    expect(repost!.content).toBe('member: !sep https://np.reddit.com/r/Down_Arrows/comments/abc/t/def/');
    expect(fake.message(typed.messageId)?.reactions).toEqual([expect.objectContaining({ userIds: [DemoGuild.bot.id] })]);
    expect(['☠', '🔥', '💗', '⚡', '👌', '💯', '👍', '💮']).toContain(fake.message(typed.messageId)!.reactions![0]!.emoji);
    // The link was logged, not run: no separator answers it.
    expect(fake.messages({ referencedMessageId: typed.messageId })).toEqual([]);
    // The nolog message came first: by the time the second is reposted, it has been passed over.
    expect(fake.messages({ channelId: log })).toHaveLength(1);
    expect(fake.message(skipped.messageId)?.reactions ?? []).toEqual([]);
  });

  it('welcomes a new member in #general with the template, and says goodbye in the graveyard when they leave', async () => {
    const next = (filter: { channelId: string; authorId?: string }) => {
      const seen = fake.messages(filter).length;
      return async () => (await fake.waitForMessages(seen + 1, { filter, ...WAIT })).at(-1);
    };
    const nextWelcome = next({ channelId: general, authorId: DemoGuild.bot.id });
    const joined = fake.memberJoin({ username: 'new_face' });
    const welcome = await nextWelcome();
    expect(welcome!.content).toBe(`Welcome <@${joined.id}> (new\\_face)! Rules in <#${general}>, the fallen in <#${graveyard}>.`);
    expect((welcome!.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], users: [joined.id] });

    const nextGoodbye = next({ channelId: graveyard });
    fake.memberLeave(joined.id);
    const goodbye = await nextGoodbye();
    expect(goodbye!.content).toBe(`Goodbye <@${joined.id}> (new\\_face) 👋.`);
    expect((goodbye!.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
  });

  it('answers sep, =, sip and date', async () => {
    expect((await say(member!.id, '!sep')).content).toBe('═'.repeat(18));
    expect((await say(member!.id, '!=')).content).toBe('═'.repeat(18));
    expect((await say(member!.id, '!sip')).content).toBe('More like N0000 1 cares 🔥 This shitpost is horrible 👎👎👎');
    expect((await slash(member!.id, 'date')).content).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d\d-[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d C[SD]T$/);
  });

  it('bans with <@!id> and a reason; a ban Discord refuses is answered and the bot stays connected', async () => {
    const target = fake.memberJoin({ username: 'spammer' });
    expect((await say(moderator!.id, `!ban <@!${target.id}> scam links`)).content).toBe(`Banned <@${target.id}>.`);
    expect(fake.bans()).toEqual([expect.objectContaining({ userId: target.id, reason: 'scam links' })]);
    expect((await say(member!.id, `!ban <@${owner!.id}>`)).content).toBe('You are not allowed to use this command.');

    const sessions = fake.gatewayStats();
    const refused = await slash(moderator!.id, 'ban', { user: owner!.id });
    expect(refused).toMatchObject({ ephemeral: true, content: `Could not ban <@${owner!.id}>: Discord refused: Missing Permissions (the bot needs Ban Members, and a role above the member's; nobody can ban the server's owner).` });
    expect((await say(member!.id, '!sep')).content).toBe('═'.repeat(18));
    expect(fake.gatewayStats()).toMatchObject({ identifies: sessions.identifies });
  });

  it('deletes the messages before the command, skipping those older than 14 days with a note', async () => {
    // A quiet channel: the messages before the command are the ones seeded here.
    const chat = fake.createChannel({ guildId: DemoGuild.id, name: 'chat' }).id;
    const seeded = fake.seedMessages(chat, [
      { content: 'too old', ageMs: 20 * DAY },
      { content: 'recent one', ageMs: 2 * 60_000 },
      { content: 'recent two', ageMs: 60_000 },
    ]);
    const reply = await say(moderator!.id, '!delete 3', chat);
    expect(reply.content).toBe('Deleted 2 messages.\n1 message older than 14 days was skipped (Discord does not allow deleting them in bulk).');
    const left = new Set(fake.channelHistory(chat).map((m) => m.id));
    expect(seeded.map((m) => left.has(m.id))).toEqual([true, false, false]);
  });

  it('creates a one-use invite to #general lasting a week', async () => {
    const reply = await slash(owner!.id, 'invite');
    const created = fake.invites().at(-1)!;
    expect(created).toMatchObject({ channelId: general, maxAge: 604_800, maxUses: 1 });
    expect(reply).toMatchObject({ content: `https://discord.gg/${created.code}`, ephemeral: true });
  });

  it('purges a tracked user after the invoker confirms with the button', async () => {
    await pool.query(`INSERT INTO reddit_users (name, registered_by) VALUES ('Down_Voted', $1), ('Keep_Me', NULL)`, [member!.id]);
    await pool.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
       VALUES ('c1', 'Down_Voted', -1500, '/r/t/comments/x/y/c1/', 't', now(), 'b'), ('c2', 'Down_Voted', 3, '/r/t/comments/x/y/c2/', 't', now(), 'b'),
              ('c3', 'Keep_Me', -2, '/r/t/comments/x/y/c3/', 't', now(), 'b')`,
    );
    await pool.query(`INSERT INTO reddit_highscores (comment_id, score) VALUES ('c1', -1500)`);

    const preview = await say(moderator!.id, '!purge down_voted');
    expect(preview.embeds).toEqual([expect.objectContaining({ title: 'Purge?', description: expect.stringContaining('• /u/Down\\_Voted: 2 comments, 1 high-score mark') })]);
    const button = preview.components![0]!.components[0]!;
    expect(button).toMatchObject({ label: 'Purge 1 user', style: 4 });
    const users = async () => (await pool.query<{ name: string }>('SELECT name FROM reddit_users ORDER BY name')).rows.map((r) => r.name);
    expect(await users()).toEqual(['Down_Voted', 'Keep_Me']);

    // Only the invoker may confirm.
    const other = fake.clickButton({ messageId: preview.id, customId: button.custom_id!, userId: member!.id });
    expect(await fake.waitForInteractionReply(other.interactionId, WAIT)).toMatchObject({ ephemeral: true, content: `Only <@${moderator!.id}> can confirm this.` });
    expect(await users()).toEqual(['Down_Voted', 'Keep_Me']);

    const confirmed = fake.clickButton({ messageId: preview.id, customId: button.custom_id!, userId: moderator!.id });
    expect(await fake.waitForInteractionReply(confirmed.interactionId, WAIT)).toMatchObject({ updated: true, messageId: preview.id });
    const updated = fake.message(preview.id)!;
    expect(updated.content).toBe('Deleted 1 user, 2 comments and 1 high-score mark.');
    expect(updated.embeds).toEqual([expect.objectContaining({ title: 'Purge', fields: [{ name: 'down\\_voted', value: '✅' }] })]);
    expect(updated.components).toEqual([]);
    expect(await users()).toEqual(['Keep_Me']);
    expect((await pool.query('SELECT id FROM reddit_comments ORDER BY id')).rows).toEqual([{ id: 'c3' }]);
    expect((await pool.query('SELECT * FROM reddit_highscores')).rows).toEqual([]);
  });

  // Last: it replaces the notifier with one whose application lacks the privileged intents.
  it('names each missing privileged intent and what needs it, and still answers slash commands', async () => {
    await notifier.kill('SIGKILL');
    fake.setAllowedPrivilegedIntents([]);
    notifier = startApp('notifier', [], env);
    await notifier.waitFor(/Discord refused the bot's privileged gateway intents/, 30_000);
    expect(notifier.text).toMatch(/Server Members Intent: welcome messages \(community\.welcome\), goodbye messages \(community\.goodbyeChannel\)/);
    expect(notifier.text).toMatch(/Message Content Intent: prefix commands \(discord\.bot\.messageContent\), Reddit link logging \(community\.generalChannel\)/);
    await fake.waitForGatewayReady(WAIT);
    expect((await slash(member!.id, 'separator')).content).toBe('═'.repeat(18));
  }, 60_000);
});
