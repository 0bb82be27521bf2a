/** Slash commands end to end with the real discord.js Client: registration, dispatch, replies. */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandNotRegisteredError, DemoGuild, FakeDiscord, type FakeDiscordOptions } from './index.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

const commands = [
  new SlashCommandBuilder().setName('ping').setDescription('Replies pong'),
  new SlashCommandBuilder()
    .setName('remind')
    .setDescription('Reminds you')
    .addIntegerOption((o) => o.setName('minutes').setDescription('In how many minutes').setRequired(true))
    .addStringOption((o) => o.setName('text').setDescription('What').setRequired(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only me')),
  new SlashCommandBuilder()
    .setName('watch')
    .setDescription('Watches a user')
    .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
    .addStringOption((o) => o.setName('chain').setDescription('Chain').setAutocomplete(true)),
].map((c) => c.toJSON());

/** Starts the fake and a client with every command registered in the demo guild. */
async function start(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await FakeDiscord.start(options);
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBaseUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login('fake-token');
  await ready;
  await client.rest.put(Routes.applicationGuildCommands(DemoGuild.applicationId, DemoGuild.id), { body: commands });
  return { fake, client };
}

/** Runs `handler` for the next chat input command and resolves with its result (or rejects with its error). */
function handleNext<T>(c: Client, handler: (i: ChatInputCommandInteraction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    c.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) handler(interaction).then(resolve, reject);
    });
  });
}

describe('fake Discord interactions with discord.js', () => {
  it('dispatches a registered command and records interaction.reply', async () => {
    const { fake, client } = await start();
    const seen = handleNext(client, async (i) => {
      await i.reply('pong!');
      return { name: i.commandName, user: i.user.id, owner: i.guild?.ownerId, channel: i.channelId };
    });
    const { interactionId } = fake.dispatchSlashCommand({ userId: DemoGuild.users.member.id, name: 'ping' });
    expect(await seen).toEqual({ name: 'ping', user: DemoGuild.users.member.id, owner: DemoGuild.ownerId, channel: DemoGuild.channels.general.id });
    const reply = await fake.waitForInteractionReply(interactionId);
    expect(reply).toMatchObject({ interactionId, deferred: false, content: 'pong!', embeds: [], ephemeral: false });
    expect(reply.acknowledgedAt).toBeGreaterThanOrEqual(reply.dispatchedAt);
    expect(fake.messages({ channelId: DemoGuild.channels.general.id })).toMatchObject([{ content: 'pong!', interactionId, authorId: DemoGuild.bot.id, ephemeral: false }]);
  });

  it('coerces typed options, records deferReply + editReply and follow-ups, honours ephemeral', async () => {
    const { fake, client } = await start();
    const seen = handleNext(client, async (i) => {
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'scheduled', embeds: [{ title: 'Reminder' }] });
      const follow = await i.followUp({ content: 'one more thing' });
      return { minutes: i.options.getInteger('minutes'), text: i.options.getString('text'), private: i.options.getBoolean('private'), follow: follow.content };
    });
    const result = fake.dispatchCommandText({ userId: 'moderator', text: '/remind 5 buy milk private:yes' });
    expect(result.kind).toBe('interaction');
    expect(await seen).toEqual({ minutes: 5, text: 'buy milk', private: true, follow: 'one more thing' });
    const id = result.kind === 'interaction' ? result.interactionId : '';
    expect(await fake.waitForInteractionReply(id)).toMatchObject({ deferred: true, content: 'scheduled', embeds: [{ title: 'Reminder' }], ephemeral: true });
    expect(fake.messages({ interactionId: id }).map((m) => [m.content, m.ephemeral])).toEqual([['scheduled', true], ['one more thing', false]]);
  });

  it('resolves user options and answers autocomplete', async () => {
    const { fake, client } = await start();
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isAutocomplete()) void answer(interaction);
    });
    async function answer(i: AutocompleteInteraction): Promise<void> {
      const typed = i.options.getFocused();
      await i.respond(['cosmoshub', 'osmosis'].filter((c) => c.startsWith(typed)).map((c) => ({ name: c, value: c })));
    }
    const choices = await fake.dispatchAutocomplete({ userId: 'member', name: 'watch', options: { chain: 'os' }, focused: 'chain' });
    expect(choices).toEqual([{ name: 'osmosis', value: 'osmosis' }]);

    const seen = handleNext(client, async (i) => {
      await i.reply({ content: 'ok', withResponse: true });
      return i.options.getUser('user')?.username;
    });
    fake.dispatchCommandText({ userId: 'owner', text: `/watch <@${DemoGuild.users.moderator.id}>` });
    expect(await seen).toBe('moderator');
  });

  it('answers 40060 to a second callback and 10062 to a late first one', async () => {
    const { fake, client } = await start({ interactionDeadlineMs: 30 });
    const twice = handleNext(client, async (i) => {
      await i.reply('first');
      await client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'again' } }, auth: false });
    });
    fake.dispatchSlashCommand({ userId: 'member', name: 'ping' });
    await expect(twice).rejects.toMatchObject({ code: 40060, status: 400 });

    const late = handleNext(client, async (i) => {
      await sleep(60); // the point of the test: the bot is slower than the deadline
      await i.reply('too late');
    });
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'ping' });
    const error: unknown = await late.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
    await expect(fake.waitForInteractionReply(interactionId, { timeoutMs: 20 })).rejects.toThrow(/never acknowledged/);
  });

  it('refuses unregistered commands and bad input, and keeps working after a gateway disconnect', async () => {
    const { fake, client } = await start();
    expect(() => fake.dispatchSlashCommand({ userId: 'member', name: 'nope' })).toThrow(CommandNotRegisteredError);
    expect(() => fake.dispatchCommandText({ userId: 'member', text: '/nope' })).toThrow(/Register the commands first/);
    expect(() => fake.dispatchCommandText({ userId: 'member', text: '/remind soon x' })).toThrow(/minutes: "soon" is not a number/);
    expect(() => fake.dispatchSlashCommand({ userId: 'member', name: 'remind', options: { minutes: 1 } })).toThrow(/needs option text/);
    expect(fake.applicationCommands(DemoGuild.id).map((c) => c.name)).toEqual(['ping', 'remind', 'watch']);
    // Global commands count too; default_member_permissions hides a command from members lacking them.
    await client.application!.commands.create({ name: 'admin', description: 'Admins only', defaultMemberPermissions: PermissionFlagsBits.ManageGuild });
    expect(() => fake.dispatchSlashCommand({ userId: 'moderator', name: 'admin' })).toThrow(/moderator cannot use \/admin/);
    expect(fake.dispatchSlashCommand({ userId: 'owner', name: 'admin' }).interactionId).toMatch(/^\d+$/);

    fake.disconnectGateway();
    await fake.waitForGatewayReady({ timeoutMs: 4000 });
    const seen = handleNext(client, async (i) => i.reply('still here'));
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'ping' });
    await seen;
    expect((await fake.waitForInteractionReply(interactionId)).content).toBe('still here');
  });
});
