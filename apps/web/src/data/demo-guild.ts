import { z } from 'zod';
import { controlUrl, fetchControl, jsonBody } from './demo-control.js';

/** The demo guild's members a visitor may act as (keys of the fake's `users`), most authority first. */
export const DemoActors = ['owner', 'moderator', 'member'] as const;
export type DemoActor = (typeof DemoActors)[number];

export function isDemoActor(value: unknown): value is DemoActor {
  return typeof value === 'string' && (DemoActors as readonly string[]).includes(value);
}

export interface DemoGuildMember {
  id: string;
  username: string;
}

export interface DemoGuildChannel {
  id: string;
  name: string;
}

export interface DemoGuildRole {
  id: string;
  name: string;
}

/** The one server the fake gateway serves, as far as the demo page needs it. */
export interface DemoGuild {
  id: string;
  name: string;
  applicationId: string;
  bot: DemoGuildMember;
  channels: DemoGuildChannel[];
  /** Only the members this page offers (owner, moderator, member) that the guild really has. */
  members: Partial<Record<DemoActor, DemoGuildMember>>;
  /** Every member, the bot included: mentions (`<@id>`) are shown by these names. */
  users: DemoGuildMember[];
  /** Roles besides @everyone: role mentions (`<@&id>`) are shown by these names. */
  roles: DemoGuildRole[];
}

const named = z.object({ id: z.string(), username: z.string() }).loose();
const guildSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    applicationId: z.string(),
    bot: named,
    channels: z.record(z.string(), z.object({ id: z.string(), name: z.string() }).loose()),
    users: z.record(z.string(), named),
    roles: z.record(z.string(), z.object({ id: z.string(), name: z.string() }).loose()).optional(),
  })
  .loose();

const FetchTimeoutMs = 3000;

/** `GET /_fake/guild`. Throws an Error with a short, operator-readable message if anything goes wrong. */
export async function fetchDemoGuild(baseUrl: string): Promise<DemoGuild> {
  const response = await fetchControl(controlUrl(baseUrl, '/guild'), { timeoutMs: FetchTimeoutMs });
  if (!response.ok) throw new Error(`the demo Discord answered HTTP ${response.status} for its server (guild)`);
  const parsed = guildSchema.safeParse(await jsonBody(response));
  if (!parsed.success) throw new Error('the demo Discord sent something that is not a server (guild)');
  const { id, name, applicationId, bot, channels, users, roles } = parsed.data;
  const members: DemoGuild['members'] = {};
  for (const actor of DemoActors) {
    const user = users[actor];
    if (user) members[actor] = { id: user.id, username: user.username };
  }
  return {
    id,
    name,
    applicationId,
    bot: { id: bot.id, username: bot.username },
    channels: Object.values(channels).map((c) => ({ id: c.id, name: c.name })),
    members,
    users: [{ id: bot.id, username: bot.username }, ...Object.values(users).map((u) => ({ id: u.id, username: u.username }))],
    roles: Object.values(roles ?? {}).map((r) => ({ id: r.id, name: r.name })),
  };
}
