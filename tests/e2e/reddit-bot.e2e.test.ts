import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild } from '@herald/testkit';
import { registerCommands } from './harness.js';
import { eventually } from './ibc-harness.js';
import { createRedditStack, type RedditStack } from './reddit-harness.js';

const { owner, moderator, member } = DemoGuild.users;

let stack: RedditStack;
afterEach(async () => {
  await stack?.close();
});

/** The notifier running the bot (slash and `!` prefix commands), `moderator` being the privileged role. */
async function botStack(reddit: Record<string, unknown> = {}): Promise<RedditStack> {
  stack = await createRedditStack({ guild: DemoGuild });
  stack.configure(reddit);
  Object.assign(stack.env, {
    DISCORD_BOT_TOKEN: 'e2e-bot-token',
    DISCORD_GUILD_ID: DemoGuild.id,
    DISCORD_PRIVILEGED_ROLE: DemoGuild.roles.moderator!.id,
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_REQUEST_TIMEOUT: '1s',
  });
  const registered = await registerCommands(stack.env);
  expect(registered.code, registered.output).toBe(0);
  const notifier = stack.start('notifier');
  await Promise.all([notifier.waitFor(/notifier started/), stack.discord.waitForGatewayReady({ timeoutMs: 15_000 })]);
  return stack;
}

/** The parts of a Discord embed these commands answer with. */
interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
}

interface Reply {
  content: string;
  embeds: Embed[];
  ephemeral: boolean;
}

const slash = async (userId: string, name: string, options: Record<string, string>): Promise<Reply> => {
  const { interactionId } = stack.discord.dispatchSlashCommand({ userId, name, options });
  const reply = await stack.discord.waitForInteractionReply(interactionId, { timeoutMs: 15_000 });
  return { content: reply.content ?? '', embeds: reply.embeds, ephemeral: reply.ephemeral };
};

/** Types `content` in #general as `userId`; the bot's reply to that message. */
const prefix = async (userId: string, content: string): Promise<Reply> => {
  const typed = stack.discord.dispatchMessage({ authorId: userId, content, channelId: DemoGuild.channels.general!.id });
  const [reply] = await stack.discord.waitForMessages(1, { filter: { referencedMessageId: typed.messageId }, timeoutMs: 15_000 });
  return { content: reply!.content ?? '', embeds: reply!.embeds as Embed[], ephemeral: false };
};

/** An embed's per-name fields as `name → value`. */
const fields = (reply: Reply) => Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
const users = () =>
  stack.query<{ name: string; hidden: boolean; unregistered: boolean; registered_by: string | null }>(
    'SELECT name, hidden, unregistered, registered_by FROM reddit_users ORDER BY name',
  );
const aboutRequests = () => stack.reddit.stats().byRoute['GET /user/:name/about'] ?? 0;

describe('the Reddit commands in the notifier bot, end to end (fake Discord, fake Reddit)', () => {
  it('reddit_register answers each name (prefixes, hide/, bad, unknown, suspended, taken); unregister/reregister are privileged; hide, info and karma read what is stored', async () => {
    await botStack();
    const scores = [10, -3, 7, -20];
    stack.reddit.addUser({ name: 'Good_Name', comments: { count: scores.length, generate: (i) => ({ score: scores[i]! }) } });
    for (const name of ['Prefixed', 'Slashed', 'Hidden_One', 'Taken_Name']) stack.reddit.addUser({ name, comments: 1 });
    stack.reddit.addUser({ name: 'Banned_One', suspended: true });

    const first = await prefix(member!.id, '!reddit_register taken_name');
    expect(first.embeds[0]).toMatchObject({ title: 'Register', description: `request from <@${member!.id}>` });
    expect(fields(first)).toEqual({ 'taken\\_name': '✅' });
    stack.reddit.resetStats();

    const all = await slash(owner!.id, 'reddit_register', { names: 'good_name u/prefixed /u/SLASHED hide/hidden_one bad!name nobody_here banned_one TAKEN_name' });
    expect(all.embeds[0]).toMatchObject({ title: 'Register', description: `request from <@${owner!.id}>` });
    expect(fields(all)).toEqual({
      'good\\_name': '✅',
      prefixed: '✅',
      SLASHED: '✅',
      'hide/hidden\\_one': '✅',
      'bad!name': '❌ user name "bad!name" is an invalid Reddit user name',
      'nobody\\_here': '❌ not found',
      'banned\\_one': '❌ user "Banned\\_One" can\'t be added, forced mode not enabled',
      'TAKEN\\_name': '❌ user "TAKEN\\_name" already exists',
    });
    // One lookup per new valid name: none for the bad one, none for the one already stored.
    expect(Object.keys(stack.reddit.stats().byUser).sort()).toEqual(['banned_one', 'good_name', 'hidden_one', 'nobody_here', 'prefixed', 'slashed']);
    expect(aboutRequests()).toBe(6);
    expect(await users()).toEqual([
      { name: 'Good_Name', hidden: false, unregistered: false, registered_by: owner!.id },
      { name: 'Hidden_One', hidden: true, unregistered: false, registered_by: owner!.id },
      { name: 'Prefixed', hidden: false, unregistered: false, registered_by: owner!.id },
      { name: 'Slashed', hidden: false, unregistered: false, registered_by: owner!.id },
      { name: 'Taken_Name', hidden: false, unregistered: false, registered_by: member!.id },
    ]);

    // unregister / reregister: privileged (the moderator role), in either form.
    const refused = await slash(member!.id, 'unregister', { names: 'prefixed' });
    expect(refused).toMatchObject({ content: 'You are not allowed to use this command.', ephemeral: true });
    expect((await prefix(member!.id, '!unregister prefixed')).content).toBe('You are not allowed to use this command.');
    expect((await users()).find((u) => u.name === 'Prefixed')).toMatchObject({ unregistered: false });
    expect(fields(await prefix(moderator!.id, '!unregister PREFIXED nobody_here'))).toEqual({ PREFIXED: '✅', 'nobody\\_here': '❌ no user named "nobody\\_here"' });
    expect((await users()).find((u) => u.name === 'Prefixed')).toMatchObject({ unregistered: true });
    expect(fields(await slash(member!.id, 'reddit_register', { names: 'prefixed' }))).toEqual({ prefixed: '❌ user "Prefixed" was unregistered: use reregister to track it again' });
    expect((await slash(member!.id, 'info', { name: 'prefixed' })).content).toBe('user "prefixed" not found in the database.');
    expect(fields(await slash(moderator!.id, 'reregister', { names: 'u/prefixed' }))).toEqual({ prefixed: '✅' });
    expect((await users()).find((u) => u.name === 'Prefixed')).toMatchObject({ unregistered: false });

    // hide / unhide: any member, in either form.
    expect(fields(await prefix(member!.id, '!hide good_name nobody_here'))).toEqual({ 'good\\_name': '✅', 'nobody\\_here': '❌ no user named "nobody\\_here"' });
    expect((await users()).find((u) => u.name === 'Good_Name')).toMatchObject({ hidden: true });
    expect(fields(await slash(member!.id, 'unhide', { names: 'good_name hidden_one' }))).toEqual({ 'good\\_name': '✅', 'hidden\\_one': '✅' });
    expect((await users()).filter((u) => u.hidden)).toEqual([]);

    // Scanned by the poller: karma sums what it stored, info shows the last scan and who registered.
    const poller = stack.start('reddit-poller');
    await poller.waitFor(/reddit poller started/);
    await eventually(
      () => stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM reddit_users WHERE is_new`),
      (r) => r[0]!.n === 0,
      20_000,
      'every user back-filled',
    );
    const karma = await slash(member!.id, 'karma', { name: '/u/GOOD_NAME' });
    expect(karma.embeds[0]).toMatchObject({ title: 'Karma for /u/Good\\_Name' });
    expect(karma.embeds[0]!.description).toBeUndefined(); // back-filled: no warning
    expect(fields(karma)).toEqual({ Positive: '17', Negative: '-23', Total: '-6' });
    expect(fields(await prefix(member!.id, '!karma u/good_name'))).toEqual({ Positive: '17', Negative: '-23', Total: '-6' });
    expect((await slash(member!.id, 'karma', { name: 'good_name prefixed' })).content).toBe('Only one username at a time is accepted.');
    expect((await prefix(member!.id, '!karma good_name prefixed')).content).toBe('Only one username at a time is accepted.');
    expect((await slash(member!.id, 'karma', { name: 'nobody_here' })).content).toBe('user nobody\\_here not found.');

    const info = await prefix(member!.id, '!info good_name');
    expect(info.embeds[0]).toMatchObject({ title: 'Information about /u/Good\\_Name' });
    expect(info.embeds[0]!.fields!.map((f) => f.name)).toEqual(['Created', 'Added', 'Hidden', 'Suspended', 'Deleted', 'Active', 'Last scan', 'Registered by']);
    expect(fields(info)).toMatchObject({ Hidden: 'false', Suspended: 'false', Deleted: 'false', Active: 'true', 'Registered by': `<@${owner!.id}>` });
    expect(fields(info).Created).toBe(`<t:${stack.reddit.user('Good_Name')!.createdUtc}:F>`);
    // Whatever is typed, info answers (a refusal), never an error.
    for (const odd of ['/u/', '*_~`@everyone', 'x'.repeat(100), 'hide/good_name']) {
      const answer = await slash(member!.id, 'info', { name: odd });
      expect(answer.content, odd).toMatch(/^user ".*" not found in the database\.$/s);
    }
    expect((await prefix(member!.id, '!info nobody_here')).content).toBe('user "nobody\\_here" not found in the database.');
  }, 90_000);

  it('without Reddit credentials, reddit_register says the registration service is unavailable; the other commands still answer', async () => {
    await botStack({ clientId: '', clientSecret: '', username: '', password: '', userAgent: '' });
    stack.reddit.addUser({ name: 'Good_Name' });
    const slashed = await slash(member!.id, 'reddit_register', { names: 'good_name' });
    expect(slashed.content).toMatch(/^registration service is unavailable/);
    expect((await prefix(member!.id, '!reddit_register good_name')).content).toMatch(/^registration service is unavailable/);
    expect((await slash(member!.id, 'info', { name: 'good_name' })).content).toBe('user "good\\_name" not found in the database.');
    expect(stack.reddit.stats().requests).toBe(0);
    expect(await users()).toEqual([]);
  }, 60_000);
});
