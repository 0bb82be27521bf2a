/** Application command registration over REST, validated like Discord. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(() => fake.close());

const guildCommands = `/applications/${DemoGuild.applicationId}/guilds/${DemoGuild.id}/commands`;
const globalCommands = `/applications/${DemoGuild.applicationId}/commands`;

async function call(method: string, path: string, body?: unknown, auth: string | null = 'Bot fake'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fake.apiBaseUrl}/v10${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(auth !== null && { Authorization: auth }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: res.status === 204 ? undefined : await res.json() };
}

const ping = { name: 'ping', description: 'Replies pong' };

describe('fake Discord application commands', () => {
  it('bulk-overwrites guild and global commands, keeping ids of same-named commands', async () => {
    const first = await call('PUT', guildCommands, [ping, { name: 'status', description: 'Shows status' }]);
    expect(first.status).toBe(200);
    const [created] = first.json as { id: string; version: string }[];
    expect(first.json).toMatchObject([
      { name: 'ping', type: 1, application_id: DemoGuild.applicationId, guild_id: DemoGuild.id, default_member_permissions: null },
      { name: 'status' },
    ]);
    const second = (await call('PUT', guildCommands, [{ ...ping, description: 'Pong!' }])).json as { id: string; version: string }[];
    expect(second).toHaveLength(1);
    expect(second[0]?.id).toBe(created?.id);
    expect(second[0]?.version).not.toBe(created?.version);
    expect((await call('GET', guildCommands)).json).toEqual(second);

    await call('PUT', globalCommands, [{ name: 'help', description: 'Help' }]);
    expect(fake.applicationCommands().map((c) => c.name)).toEqual(['help']);
    expect(fake.applicationCommands(DemoGuild.id).map((c) => c.name)).toEqual(['ping']);
  });

  it('creates, edits and deletes single commands', async () => {
    const created = await call('POST', globalCommands, ping);
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };
    expect((await call('POST', globalCommands, { ...ping, description: 'again' })).status).toBe(200);
    expect((await call('PATCH', `${globalCommands}/${id}`, { description: 'edited' })).json).toMatchObject({ id, description: 'edited' });
    expect((await call('GET', `${globalCommands}/${id}`)).json).toMatchObject({ id, name: 'ping' });
    expect((await call('DELETE', `${globalCommands}/${id}`)).status).toBe(204);
    expect((await call('GET', `${globalCommands}/${id}`)).json).toEqual({ message: 'Unknown application command', code: 10063 });
  });

  it('rejects invalid definitions with 400 / 50035 and Discord-shaped error trees', async () => {
    const cases: [unknown, Record<string, unknown>][] = [
      [[{ name: 'Ping', description: 'x' }], { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } }],
      [[{ name: 'has space', description: 'x' }], { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } }],
      [[{ name: 'a'.repeat(33), description: 'x' }], { 0: { name: {} } }],
      [[{ name: 'ping', description: '' }], { 0: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } }],
      [[{ name: 'ping', description: 'd'.repeat(101) }], { 0: { description: {} } }],
      [[{ name: 'ping', description: 'x', options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' })) }], { 0: { options: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } }],
      [[{ name: 'ping', description: 'x', options: [{ type: 3, name: 'a', description: 'x' }, { type: 3, name: 'b', description: 'x', required: true }] }], { 0: { options: { 1: { required: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' }] } } } } }],
      [[{ name: 'ping', description: 'x', options: [{ type: 3, name: 'a', description: 'x', choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) }] }], { 0: { options: { 0: { choices: {} } } } }],
      [[ping, ping], { 1: { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } } }],
      [[{ name: 'ping', description: 'x', type: 7 }], { 0: { type: {} } }],
      [{ not: 'an array' }, { _errors: [{ code: 'BASE_TYPE_ARRAY' }] }],
    ];
    for (const [body, errors] of cases) {
      const res = await call('PUT', guildCommands, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json).toMatchObject({ code: 50035, message: 'Invalid Form Body', errors });
    }
    // Context menu commands have free-form names and no description.
    expect((await call('PUT', guildCommands, [{ name: 'Watch User', type: 2 }])).status).toBe(200);
    expect(fake.applicationCommands(DemoGuild.id)).toMatchObject([{ name: 'Watch User', type: 2 }]);
  });

  it('requires a bot token and access to the application and guild', async () => {
    expect((await call('PUT', guildCommands, [ping], null)).status).toBe(401);
    expect((await call('GET', `/applications/123/commands`)).json).toEqual({ message: 'Missing Access', code: 50001 });
    expect((await call('GET', `/applications/${DemoGuild.applicationId}/guilds/999/commands`)).status).toBe(403);
  });

  it('serves the bot user, application, guild, members and channels', async () => {
    expect((await call('GET', '/users/@me')).json).toMatchObject({ id: DemoGuild.bot.id, username: 'Herald', bot: true });
    expect((await call('GET', '/applications/@me')).json).toMatchObject({ id: DemoGuild.applicationId, bot_public: true, flags: 0 });
    expect((await call('GET', '/oauth2/applications/@me')).json).toMatchObject({ id: DemoGuild.applicationId });
    expect((await call('GET', `/guilds/${DemoGuild.id}`)).json).toMatchObject({ id: DemoGuild.id, owner_id: DemoGuild.ownerId });
    expect((await call('GET', `/guilds/${DemoGuild.id}/members/${DemoGuild.users.moderator.id}`)).json).toMatchObject({ roles: [DemoGuild.roles.moderator.id] });
    expect((await call('GET', `/guilds/${DemoGuild.id}/members/1`)).json).toEqual({ message: 'Unknown Member', code: 10007 });
    expect((await call('GET', `/guilds/1`)).json).toEqual({ message: 'Unknown Guild', code: 10004 });
    expect((await call('GET', `/channels/${DemoGuild.channels.alerts.id}`)).json).toMatchObject({ name: 'alerts', type: 0, guild_id: DemoGuild.id });
    expect((await call('POST', `/channels/${DemoGuild.channels.alerts.id}/typing`)).status).toBe(204);
  });
});
