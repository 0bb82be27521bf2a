import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createTestDatabase, DemoGuild, FakeDiscord, type TestDatabase } from '@herald/testkit';
import { recordDiscordNames, writeDiscordNames } from './discord-names.js';

describe('Discord names for the dashboard', () => {
  let database: TestDatabase;
  let db: SqlPool;
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('herald_names');
    db = createSqlPool({ url: database.url, max: 2 });
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await client?.destroy();
    await fake.close();
    await db.end();
    await database.drop();
  });

  const rows = async () =>
    (await db.query<{ kind: string; id: string; name: string; guild_id: string }>('SELECT kind, id, name, guild_id FROM discord_names ORDER BY kind, id')).rows;

  it('records the roles and cached members the bot sees in its guild (GUILD_CREATE), not @everyone', async () => {
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBaseUrl } });
    const ready = once(client, Events.ClientReady);
    await client.login('fake-token');
    await ready;
    recordDiscordNames(client, db, createLogger({ name: 'test', level: 'silent' }));
    await expect.poll(rows).toContainEqual({ kind: 'role', id: DemoGuild.roles.moderator.id, name: 'moderator', guild_id: DemoGuild.id });
    const all = await rows();
    expect(all.some((r) => r.id === DemoGuild.id)).toBe(false);
    expect(all).toContainEqual({ kind: 'user', id: DemoGuild.users.moderator.id, name: 'moderator', guild_id: DemoGuild.id });
  });

  it('renames on a second write and keeps one row per id', async () => {
    await writeDiscordNames(db, [{ kind: 'role', id: '900000000000000001', name: 'old', guildId: DemoGuild.id }]);
    await writeDiscordNames(db, [{ kind: 'role', id: '900000000000000001', name: 'on-call', guildId: DemoGuild.id }]);
    const renamed = (await rows()).filter((r) => r.id === '900000000000000001');
    expect(renamed).toEqual([{ kind: 'role', id: '900000000000000001', name: 'on-call', guild_id: DemoGuild.id }]);
  });

  it('marks a name seen again a day later (retention deletes members not seen for retention.personalData), not on every write', async () => {
    const member = { kind: 'user' as const, id: '900000000000000002', name: 'member', guildId: DemoGuild.id };
    const seenAt = async () => (await db.query<{ updated_at: Date }>('SELECT updated_at FROM discord_names WHERE id = $1', [member.id])).rows[0]!.updated_at;
    await writeDiscordNames(db, [member]);
    await db.query(`UPDATE discord_names SET updated_at = (now() AT TIME ZONE 'UTC') - interval '2 hours' WHERE id = $1`, [member.id]);
    const twoHoursAgo = await seenAt();
    await writeDiscordNames(db, [member]);
    expect(await seenAt()).toEqual(twoHoursAgo);
    await db.query(`UPDATE discord_names SET updated_at = (now() AT TIME ZONE 'UTC') - interval '3 days' WHERE id = $1`, [member.id]);
    await writeDiscordNames(db, [member]);
    expect(Date.now() - (await seenAt()).getTime()).toBeLessThan(60_000);
  });
});
