/** The `/_fake` gateway control API and the interaction REST edge cases, driven over HTTP. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Routes, type ChatInputCommandInteraction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord, type FakeDiscordOptions, type InteractionReply } from './index.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await FakeDiscord.start(options);
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: fake.apiBaseUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login('fake-token');
  await ready;
  await client.rest.put(Routes.applicationGuildCommands(DemoGuild.applicationId, DemoGuild.id), {
    body: [{ name: 'status', description: 'Shows status', options: [{ type: 3, name: 'chain', description: 'Chain' }] }],
  });
  return { fake, client };
}

async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fake!.url}/_fake${path}`, {
    method,
    ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

function nextInteraction(c: Client): Promise<ChatInputCommandInteraction> {
  return new Promise((resolve) => {
    c.once(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) resolve(i);
    });
  });
}

describe('fake Discord gateway control API', () => {
  it('serves the guild, gateway stats and registered commands', async () => {
    await start();
    expect((await control('GET', '/guild')).json).toEqual(JSON.parse(JSON.stringify(DemoGuild)));
    expect((await control('GET', '/gateway')).json).toMatchObject({ connections: 1, identifies: 1, readySessions: 1 });
    expect((await control('GET', `/application-commands?guildId=${DemoGuild.id}`)).json).toMatchObject([{ name: 'status' }]);
    expect((await control('GET', '/application-commands')).json).toEqual([]);
  });

  it('runs commands as a member, waits for the reply, and explains failures', async () => {
    const { client } = await start();
    const seen = nextInteraction(client);
    const sent = await control('POST', '/gateway/command', { as: 'moderator', text: '/status cosmoshub' });
    expect(sent).toMatchObject({ status: 200, json: { kind: 'interaction' } });
    const { interactionId } = sent.json as { interactionId: string };
    const interaction = await seen;
    expect([interaction.user.id, interaction.options.getString('chain')]).toEqual([DemoGuild.users.moderator.id, 'cosmoshub']);
    const waiting = control('GET', `/interactions/${interactionId}?waitMs=2000`);
    await interaction.deferReply();
    await interaction.editReply('all good');
    const reply = await waiting;
    expect(reply.status).toBe(200);
    expect(reply.json as InteractionReply).toMatchObject({ interactionId, deferred: true, content: 'all good' });

    const message = await control('POST', '/gateway/command', { text: 'just chatting', channelId: 'alerts' });
    expect(message.json).toMatchObject({ kind: 'message' });

    const unregistered = await control('POST', '/gateway/command', { text: '/nope' });
    expect(unregistered.status).toBe(404);
    expect((unregistered.json as { error: string }).error).toMatch(/\/nope is not registered.*Register the commands first.*Registered: \/status/);
    expect((await control('POST', '/gateway/command', { as: 'admin', text: '/status' })).status).toBe(400);
    expect((await control('POST', '/gateway/command', {})).status).toBe(400);
    expect((await control('GET', '/interactions/123')).status).toBe(404);
    const pending = fake!.dispatchSlashCommand({ userId: 'member', name: 'status' });
    expect((await control('GET', `/interactions/${pending.interactionId}?waitMs=10`)).status).toBe(408);
  });

  it('disconnects the gateway on request and answers 503 to commands while no bot is connected', async () => {
    const { fake } = await start();
    expect((await control('POST', '/gateway/disconnect', { code: 99 })).status).toBe(400);
    expect((await control('POST', '/gateway/disconnect', { refuseForMs: 10_000 })).json).toEqual({ ok: true });
    const refused = await control('POST', '/gateway/command', { text: '/status' });
    expect(refused.status).toBe(503);
    expect((refused.json as { error: string }).error).toMatch(/no bot is connected/);
    expect(fake.gatewayStats().readySessions).toBe(0);
  });
});

describe('fake Discord interaction REST rules', () => {
  async function callback(i: ChatInputCommandInteraction, body: unknown, query = ''): Promise<Response> {
    return fetch(`${fake!.apiBaseUrl}/v10/interactions/${i.id}/${i.token}/callback${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  function hook(i: ChatInputCommandInteraction, suffix = '', init: RequestInit = {}): Promise<Response> {
    return fetch(`${fake!.apiBaseUrl}/v10/webhooks/${DemoGuild.applicationId}/${i.token}${suffix}`, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    });
  }

  it('needs a callback before the webhook works, answers with_response, and edits/deletes @original', async () => {
    const { fake, client } = await start();
    const seen = nextInteraction(client);
    fake.dispatchSlashCommand({ userId: 'member', name: 'status' });
    const i = await seen;
    expect((await hook(i, '?wait=true', { method: 'POST', body: JSON.stringify({ content: 'early' }) })).status).toBe(404);
    expect((await callback(i, { type: 4, data: {} })).status).toBe(400); // empty message: 50006
    const res = await callback(i, { type: 4, data: { content: 'hi', flags: 64 } }, '?with_response=true');
    const body = (await res.json()) as { interaction: Record<string, unknown>; resource: { type: number; message: Record<string, unknown> } };
    expect(body.interaction).toMatchObject({ id: i.id, type: 2, response_message_ephemeral: true, response_message_loading: false });
    expect(body.resource).toMatchObject({ type: 4, message: { content: 'hi', flags: 64, type: 20, interaction_metadata: { id: i.id } } });

    expect((await hook(i, '/messages/@original', { method: 'PATCH', body: JSON.stringify({ content: 'edited' }) })).status).toBe(200);
    expect(fake.interactionReply(i.id)?.content).toBe('edited');
    expect(((await (await hook(i, '/messages/@original')).json()) as { content: string }).content).toBe('edited');
    expect((await hook(i, '/messages/@original', { method: 'DELETE' })).status).toBe(204);
    expect((await hook(i, '/messages/@original')).status).toBe(404);
    expect(fake.messages({ interactionId: i.id })[0]?.deletedAt).toBeTypeOf('number');
  });

  it('expires interaction tokens after interactionTokenTtlMs', async () => {
    const { fake, client } = await start({ interactionTokenTtlMs: 0 });
    const seen = nextInteraction(client);
    fake.dispatchSlashCommand({ userId: 'member', name: 'status' });
    const i = await seen;
    await i.deferReply();
    await expect(i.editReply('late')).rejects.toMatchObject({ code: 50027, status: 401 });
  });
});
