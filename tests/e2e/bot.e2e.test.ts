import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, type FakeDiscordMessage } from '@herald/testkit';
import { createStack, registerCommands, type Stack } from './harness.js';
import { expectFinalList, waitForQuiet } from './quiet.js';

const guild = DemoGuild;
const { owner, moderator, member } = guild.users;
const moderatorRole = guild.roles.moderator!.id;
const alerts = guild.channels.alerts!.id;
const general = guild.channels.general!.id;

let stack: Stack;
afterEach(async () => {
  await stack?.close();
});

/** A stack whose notifier runs the bot, with servatrice events also routed to #alerts pinging the moderators. */
async function botStack(): Promise<Stack> {
  const s = await createStack();
  const config = join(s.dir, 'herald.yaml');
  writeFileSync(
    config,
    [
      'destinations:',
      `  alerts: { channel: '${alerts}', label: '#alerts' }`,
      'routes:',
      "  - events: 'servatrice.*'",
      `    to: [{ destination: alerts, mentions: { roles: ['${moderatorRole}'], users: ['${owner!.id}'] } }]`,
      '',
    ].join('\n'),
  );
  Object.assign(s.env, {
    HERALD_CONFIG: config,
    DISCORD_BOT_TOKEN: 'e2e-bot-token',
    DISCORD_GUILD_ID: guild.id,
    DISCORD_PRIVILEGED_ROLE: moderatorRole,
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_REQUEST_TIMEOUT: '1s',
  });
  return s;
}

async function runningBot(s: Stack) {
  const registered = await registerCommands(s.env);
  expect(registered.code, registered.output).toBe(0);
  const notifier = s.start('notifier');
  const poller = s.start('servatrice-poller');
  await Promise.all([notifier.waitFor(/notifier started/), poller.waitFor(/baseline/), s.discord.waitForGatewayReady({ timeoutMs: 15_000 })]);
  return { notifier, poller };
}

const slash = async (s: Stack, userId: string, name: string, options?: Record<string, string>) => {
  const { interactionId } = s.discord.dispatchSlashCommand({ userId, name, ...(options && { options }) });
  return s.discord.waitForInteractionReply(interactionId, { timeoutMs: 10_000 });
};
const usernamesIn = (messages: FakeDiscordMessage[]) =>
  messages.flatMap((m) => (m.embeds as Array<{ fields?: Array<{ value: string }> }>).map((e) => e.fields?.[0]?.value));

describe('the Discord bot, end to end', () => {
  it('registers its slash commands in the configured server, and answers a slash and a prefix command', async () => {
    stack = await botStack();
    const { notifier, poller } = await runningBot(stack);
    expect(stack.discord.applicationCommands(guild.id).map((c) => c.name).sort()).toEqual([
      ...['ban', 'data', 'date', 'delete', 'deregister', 'help', 'hide', 'info', 'invite', 'karma', 'my_wallets', 'purge', 'reddit_register', 'register'],
      ...['register_chain', 'reregister', 'separator', 'sipthebep', 'status', 'unhide', 'unregister', 'version', 'wallet', 'wallets'],
    ]);
    expect(stack.discord.applicationCommands()).toEqual([]); // guild-scoped, not global

    const version = await slash(stack, member!.id, 'version');
    expect(version.content).toMatch(/^Herald \d+\.\d+\.\d+/);

    const help = await slash(stack, member!.id, 'help', { command: 'status' });
    expect(help.content).toContain('/status');

    // Prefix commands: the reply goes to the same channel, quoting the command (and never pings).
    const typed: string[] = [];
    const prefixReply = async (content: string) => {
      const { messageId } = stack.discord.dispatchMessage({ authorId: member!.id, content, channelId: general });
      typed.push(messageId);
      const [reply] = await stack.discord.waitForMessages(1, { filter: { referencedMessageId: messageId }, timeoutMs: 10_000 });
      expect(reply!.channelId).toBe(general);
      return reply!;
    };
    const helpReply = await prefixReply('!help');
    expect(helpReply.content).toContain('!version');
    expect(helpReply.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect((await prefixReply('!verison')).content).toContain('Did you mean `!version`');
    // One reply to each command.
    expect(typed.map((id) => stack.discord.messages({ referencedMessageId: id }).length)).toEqual([1, 1]);
    // The bot token authenticates every request, and is never printed.
    expect(stack.discord.requests().length).toBeGreaterThan(0);
    for (const app of [notifier, poller]) expect(app.text).not.toContain('e2e-bot-token');
  }, 60_000);

  it('refuses a privileged command to a plain member and runs it for the privileged role and the owner', async () => {
    stack = await botStack();
    await runningBot(stack);
    const refused = await slash(stack, member!.id, 'status');
    expect(refused.content).toBe('You are not allowed to use this command.');
    expect(refused.ephemeral).toBe(true);
    for (const user of [moderator!, owner!]) {
      const accepted = await slash(stack, user.id, 'status');
      expect(accepted.embeds[0]?.title).toBe('Herald status');
      expect(JSON.stringify(accepted.embeds)).toContain('servatrice');
    }
  }, 60_000);

  it('delivers a routed event to the channel once, with the configured mentions, when the first response is lost', async () => {
    stack = await botStack();
    await runningBot(stack);
    // Discord stores the message but its answer never arrives: the notifier times out (1 s) and retries.
    stack.discord.injectFaults({ channelId: alerts }, [{ hold: true }]);
    await stack.register('routed-player');
    await expect.poll(() => stack.discord.requests().filter((r) => r.channelId === alerts && r.method === 'POST').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => usernamesIn(stack.discord.messages({ webhookId: stack.webhook.id })).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await waitForQuiet(stack);
    expect(usernamesIn(stack.discord.messages({ webhookId: stack.webhook.id }))).toEqual(['routed-player']);
    const inAlerts = stack.discord.messages({ channelId: alerts });
    expect(usernamesIn(inAlerts)).toEqual(['routed-player']);
    expect(inAlerts[0]!.content).toBe(`<@&${moderatorRole}> <@${owner!.id}>`);
    expect(inAlerts[0]!.body).toMatchObject({ allowed_mentions: { parse: [], roles: [moderatorRole], users: [owner!.id] }, enforce_nonce: true });
    // The webhook destination has no mentions configured: nothing in it pings.
    expect(stack.discord.messages({ webhookId: stack.webhook.id })[0]!.body).toMatchObject({ allowed_mentions: { parse: [] } });
  }, 60_000);

  it('a notifier killed after Discord stored a channel message, before recording it, resends it with its nonce: the channel shows it once', async () => {
    stack = await botStack();
    const registered = await registerCommands(stack.env);
    expect(registered.code, registered.output).toBe(0);
    const poller = stack.start('servatrice-poller');
    const doomed = stack.start('notifier', [], { HERALD_FAILPOINTS: 'deliver.after-send' });
    await Promise.all([poller.waitFor(/baseline/), doomed.waitFor(/notifier started/)]);
    await stack.register('crash-player');
    await doomed.exited;
    // The route sends to #alerts first: the kill came right after Discord stored that message.
    expect(usernamesIn(stack.discord.messages({ channelId: alerts }))).toEqual(['crash-player']);
    stack.start('notifier');
    await expectFinalList(stack, () => usernamesIn(stack.discord.messages({ webhookId: stack.webhook.id })), ['crash-player'], 30_000);
    const channelPosts = stack.discord.requests().filter((r) => r.channelId === alerts && r.method === 'POST');
    expect(channelPosts.length).toBe(2); // the one before the kill, and the resend Discord answered with the stored message
    expect(usernamesIn(stack.discord.messages({ channelId: alerts }))).toEqual(['crash-player']);
  }, 60_000);

  it('loses nothing when the gateway drops during delivery, and answers commands again once reconnected', async () => {
    stack = await botStack();
    await runningBot(stack);
    const names = Array.from({ length: 15 }, (_, i) => `gw-${i}`);
    for (const name of names.slice(0, 5)) await stack.register(name);
    stack.discord.disconnectGateway({ refuseForMs: 2000 });
    for (const name of names.slice(5)) await stack.register(name);
    await expect.poll(() => usernamesIn(stack.discord.messages({ channelId: alerts })).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(names.length);
    await expectFinalList(stack, () => usernamesIn(stack.discord.messages({ webhookId: stack.webhook.id })), names, 30_000);
    expect(usernamesIn(stack.discord.messages({ channelId: alerts }))).toEqual(names);
    await stack.discord.waitForGatewayReady({ timeoutMs: 30_000 });
    // It was really cut off (reconnects refused for 2 s) and came back by itself.
    const gateway = stack.discord.gatewayStats();
    expect(gateway.refused).toBeGreaterThan(0);
    expect(gateway.identifies + gateway.resumes).toBeGreaterThanOrEqual(2);
    const version = await slash(stack, member!.id, 'version');
    expect(version.content).toMatch(/^Herald/);
  }, 90_000);
});
