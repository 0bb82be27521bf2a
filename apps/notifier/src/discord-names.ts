import { Events, type Client, type Guild } from 'discord.js';
import type { Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';

/** A role's or member's name as the bot sees it, for `discord_names`. */
export interface DiscordName {
  kind: 'role' | 'user';
  id: string;
  name: string;
  guildId: string;
}

/**
 * Writes (or refreshes) names in `discord_names`, which the dashboard reads to show `@moderator`
 * instead of a role id. One statement for any number of names. `updated_at` is when a name was last
 * seen, to within a day (an unchanged name is rewritten at most daily): retention deletes members'
 * names not seen for `retention.personalData`.
 */
export async function writeDiscordNames(db: Queryable, names: DiscordName[]): Promise<void> {
  if (names.length === 0) return;
  await db.query(
    `INSERT INTO discord_names (kind, id, name, guild_id, updated_at)
     SELECT *, now() AT TIME ZONE 'UTC' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name, guild_id = excluded.guild_id, updated_at = excluded.updated_at
     WHERE discord_names.name IS DISTINCT FROM excluded.name OR discord_names.guild_id IS DISTINCT FROM excluded.guild_id
        OR discord_names.updated_at < (now() AT TIME ZONE 'UTC') - interval '1 day'`,
    [names.map((n) => n.kind), names.map((n) => n.id), names.map((n) => n.name), names.map((n) => n.guildId)],
  );
}

/**
 * The roles of a guild and the members the bot has cached: with only the Guilds intent that is the
 * members Discord sent with GUILD_CREATE (few on a large server), so users are often shown by id.
 */
function namesOf(guild: Guild): DiscordName[] {
  const roles = [...guild.roles.cache.values()]
    .filter((r) => r.id !== guild.id) // @everyone
    .map((r) => ({ kind: 'role' as const, id: r.id, name: r.name, guildId: guild.id }));
  const users = [...guild.members.cache.values()].map((m) => ({ kind: 'user' as const, id: m.id, name: m.displayName, guildId: guild.id }));
  return [...roles, ...users];
}

/**
 * Keeps `discord_names` up to date from what the bot's gateway connection sees: every guild when it
 * is ready and when it joins one, and each role as it is created or renamed. A failed write is
 * logged and the next event writes again: names are a convenience, never in a delivery's way.
 */
export function recordDiscordNames(client: Client, db: Queryable, logger: Logger): void {
  const write = (names: DiscordName[]) => {
    writeDiscordNames(db, names).catch((err: unknown) => logger.warn({ err }, 'could not record Discord role and user names'));
  };
  for (const guild of client.guilds.cache.values()) write(namesOf(guild));
  client.on(Events.GuildCreate, (guild) => write(namesOf(guild)));
  client.on(Events.GuildRoleCreate, (role) => write([{ kind: 'role', id: role.id, name: role.name, guildId: role.guild.id }]));
  client.on(Events.GuildRoleUpdate, (_old, role) => write([{ kind: 'role', id: role.id, name: role.name, guildId: role.guild.id }]));
}
