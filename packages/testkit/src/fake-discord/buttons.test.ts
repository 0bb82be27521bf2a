/** Button clicks end to end with a real discord.js Client: update, deferUpdate + editReply, ephemeral replies, deadlines. */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  SlashCommandBuilder,
  type ButtonInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandInputError, DemoGuild, FakeDiscord, type FakeDiscordMessage, type FakeDiscordOptions } from './index.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connect(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' }, ...options });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBaseUrl, retries: 0 } });
  const ready = once(client, Events.ClientReady);
  await client.login('token');
  await ready;
  return { fake, client };
}

function confirmRow(): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId('purge:confirm').setLabel('Purge 2 users').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId('purge:cancel').setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
}

async function postWithButtons(client: Client): Promise<Message> {
  const channel = client.channels.cache.get(DemoGuild.channels.general.id);
  if (!channel?.isSendable()) throw new Error('general is not sendable');
  return channel.send({ content: 'Purge u1, u2?', components: [confirmRow()] });
}

function nextButton(client: Client, answer: (interaction: ButtonInteraction) => Promise<unknown>): Promise<ButtonInteraction> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isButton()) return reject(new Error(`expected a button interaction, got type ${interaction.type}`));
      answer(interaction).then(() => resolve(interaction), reject);
    });
  });
}

describe('button clicks', () => {
  it('delivers a MESSAGE_COMPONENT interaction; update() edits the clicked message in place', async () => {
    const { fake, client } = await connect();
    const posted = await postWithButtons(client);
    expect(fake.message(posted.id)?.components[0]?.components.map((b) => [b.custom_id, b.label, b.style])).toEqual([
      ['purge:confirm', 'Purge 2 users', ButtonStyle.Danger],
      ['purge:cancel', 'Cancel', ButtonStyle.Secondary],
    ]);
    const handled = nextButton(client, (i) => i.update({ content: 'Purged u1, u2.', components: [] }));
    const edited = new Promise<FakeDiscordMessage>((resolve) => fake.once('edit', resolve));
    const { interactionId } = fake.clickButton({ messageId: posted.id, customId: 'purge:confirm', userId: 'moderator' });
    const interaction = await handled;
    expect(interaction).toMatchObject({ customId: 'purge:confirm', channelId: DemoGuild.channels.general.id, guildId: DemoGuild.id });
    expect(interaction.user.id).toBe(DemoGuild.users.moderator.id);
    expect(interaction.message.id).toBe(posted.id);
    expect(interaction.message.content).toBe('Purge u1, u2?');

    const reply = await fake.waitForInteractionReply(interactionId);
    expect(reply).toMatchObject({ updated: true, deferred: false, ephemeral: false, messageId: posted.id, content: 'Purged u1, u2.' });
    expect(fake.message(posted.id)).toMatchObject({ content: 'Purged u1, u2.', edits: 1, components: [] });
    expect((await edited).id).toBe(posted.id);
    expect(fake.messages().map((m) => m.id)).toEqual([posted.id]);
  });

  it('deferUpdate() then editReply() edits the clicked message; reply({ ephemeral }) answers only the clicker', async () => {
    const { fake, client } = await connect();
    const posted = await postWithButtons(client);
    const deferred = nextButton(client, async (i) => {
      await i.deferUpdate();
      await i.editReply({ content: 'Done after a while.', components: [] });
    });
    const first = fake.clickButton({ messageId: posted.id, customId: 'purge:confirm', userId: 'owner' });
    await deferred;
    expect(await fake.waitForInteractionReply(first.interactionId)).toMatchObject({ updated: true, deferred: true, content: 'Done after a while.', messageId: posted.id });

    const second = await postWithButtons(client);
    const refused = nextButton(client, (i) => i.reply({ content: `Only <@${DemoGuild.users.owner.id}> can confirm this.`, flags: MessageFlags.Ephemeral }));
    const click = fake.clickButton({ messageId: second.id, customId: 'purge:confirm', userId: 'member' });
    await refused;
    const reply = await fake.waitForInteractionReply(click.interactionId);
    expect(reply).toMatchObject({ updated: false, ephemeral: true, content: `Only <@${DemoGuild.users.owner.id}> can confirm this.` });
    expect(fake.message(second.id)?.edits).toBeUndefined();
    expect(fake.message(reply.messageId)).toMatchObject({ ephemeral: true, interactionId: click.interactionId });
  });

  it('works on a slash command reply, keeps the interaction deadline, and refuses impossible clicks', async () => {
    const { fake, client } = await connect({ interactionDeadlineMs: 300 });
    await client.rest.put(Routes.applicationGuildCommands(DemoGuild.applicationId, DemoGuild.id), {
      body: [new SlashCommandBuilder().setName('purge').setDescription('Purges').toJSON()],
    });
    client.once(Events.InteractionCreate, (i: Interaction) => {
      if (i.isChatInputCommand()) void i.reply({ content: 'Purge?', components: [confirmRow()] });
    });
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'owner', name: 'purge' });
    const { messageId } = await fake.waitForInteractionReply(interactionId);

    const updated = nextButton(client, (i) => i.update({ content: 'Cancelled.', components: [] }));
    const click = fake.clickButton({ messageId, customId: 'purge:cancel', userId: 'owner' });
    await updated;
    expect(await fake.waitForInteractionReply(click.interactionId)).toMatchObject({ updated: true, messageId, content: 'Cancelled.' });

    // The buttons are gone now; other impossible clicks are refused too.
    expect(() => fake.clickButton({ messageId, customId: 'purge:cancel', userId: 'owner' })).toThrow(/no button/);
    expect(() => fake.clickButton({ messageId: '123456789012345678', customId: 'x', userId: 'owner' })).toThrow(CommandInputError);

    const late = await postWithButtons(client);
    const tooLate = new Promise<unknown>((resolve) => {
      client.once(Events.InteractionCreate, (i: Interaction) => {
        // Answering after the deadline is the point of the test: time itself is what is tested.
        if (i.isButton()) setTimeout(() => i.update({ content: 'late' }).then(resolve, resolve), 400);
      });
    });
    fake.clickButton({ messageId: late.id, customId: 'purge:confirm', userId: 'owner' });
    const error = await tooLate;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10062);
  });

  it('has a control route', async () => {
    const { fake, client } = await connect();
    const posted = await postWithButtons(client);
    const handled = nextButton(client, (i) => i.update({ content: 'ok', components: [] }));
    const res = await fetch(`${fake.url}/_fake/gateway/click`, { method: 'POST', body: JSON.stringify({ messageId: posted.id, customId: 'purge:confirm', as: 'moderator' }) });
    const { interactionId } = (await res.json()) as { interactionId: string };
    await handled;
    expect((await fake.waitForInteractionReply(interactionId)).content).toBe('ok');
    const bad = await fetch(`${fake.url}/_fake/gateway/click`, { method: 'POST', body: JSON.stringify({ messageId: posted.id, customId: 'nope' }) });
    expect(bad.status).toBe(400);
  });
});
