import type { Queryable } from '@herald/db/sql';

/** Who a delivery pings, by name where the notifier's bot has seen one (`discord_names`), else by id. */
export interface Ping {
  kind: 'role' | 'user';
  id: string;
  /** The role's or user's name as the bot last saw it; null when unknown (show the id). */
  name: string | null;
}

export interface Mentions {
  users: string[];
  roles: string[];
}

/** The names of the roles and users in some mentions: one indexed query for a whole page. */
export async function readDiscordNames(db: Queryable, mentions: Array<Mentions | null>): Promise<Map<string, string>> {
  const keys = new Set<string>();
  for (const m of mentions) {
    for (const id of m?.roles ?? []) keys.add(`role:${id}`);
    for (const id of m?.users ?? []) keys.add(`user:${id}`);
  }
  if (keys.size === 0) return new Map();
  const pairs = [...keys].map((key) => key.split(':') as [string, string]);
  const { rows } = await db.query<{ kind: string; id: string; name: string }>(
    `SELECT n.kind, n.id, n.name FROM unnest($1::text[], $2::text[]) AS k(kind, id) JOIN discord_names n USING (kind, id)`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
}

/** Roles first, then users, in the route's order. */
export function pingsOf(mentions: Mentions | null, names: Map<string, string>): Ping[] {
  if (!mentions) return [];
  const ping = (kind: Ping['kind'], id: string): Ping => ({ kind, id, name: names.get(`${kind}:${id}`) ?? null });
  return [...mentions.roles.map((id) => ping('role', id)), ...mentions.users.map((id) => ping('user', id))];
}
