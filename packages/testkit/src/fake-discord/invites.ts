/**
 * Channel invites: `POST /channels/:id/invites` (https://discord.com/developers/docs/resources/channel#create-channel-invite)
 * validated like Discord — max_age 0-604800 s (default 86400; 0 = never expires), max_uses 0-100
 * (default 0 = unlimited), temporary and unique booleans — and `GET /channels/:id/invites`. Without
 * `unique: true` Discord may hand back an existing invite with the same settings; so does the fake.
 */
import { randomBytes } from 'node:crypto';
import { botUserObject, discordTimestamp } from './guild-objects.js';
import { json, type PlannedResponse } from './http.js';
import { parseJson, type DiscordRequest, type FakeState } from './routes.js';
import { FormErrors } from './validate.js';

/** An invite the bot created, as recorded (`fake.invites()`). */
export interface FakeInvite {
  code: string;
  channelId: string;
  guildId: string;
  inviterId: string;
  /** Seconds; 0 = never expires. */
  maxAge: number;
  /** 0 = unlimited. */
  maxUses: number;
  temporary: boolean;
  unique: boolean;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms, or null for max_age 0. */
  expiresAt: number | null;
  /** The `X-Audit-Log-Reason` header, URL-decoded; null without one. */
  reason: string | null;
}

const BOUNDS = { max_age: [0, 604_800], max_uses: [0, 100] } as const;
const DEFAULTS = { max_age: 86_400, max_uses: 0 } as const;

/** Every invite created through the fake, oldest first. */
export class InviteRegistry {
  readonly #invites: FakeInvite[] = [];

  add(invite: FakeInvite): FakeInvite {
    this.#invites.push(invite);
    return invite;
  }

  /** An unexpired invite with the same settings, which Discord reuses when `unique` is not set. */
  similar(wanted: Omit<FakeInvite, 'code' | 'createdAt' | 'expiresAt' | 'reason' | 'unique'>, now: number): FakeInvite | undefined {
    return this.#invites.find(
      (i) =>
        i.channelId === wanted.channelId && i.inviterId === wanted.inviterId && i.maxAge === wanted.maxAge &&
        i.maxUses === wanted.maxUses && i.temporary === wanted.temporary && (i.expiresAt === null || i.expiresAt > now),
    );
  }

  list(channelId?: string): FakeInvite[] {
    return this.#invites.filter((i) => channelId === undefined || i.channelId === channelId).map((i) => ({ ...i }));
  }
}

/** Discord's invite codes: 8-10 characters of [A-Za-z0-9] today. */
function inviteCode(): string {
  return randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 10).padEnd(10, 'x');
}

function readSettings(body: Record<string, unknown>): FormErrors | { maxAge: number; maxUses: number; temporary: boolean; unique: boolean } {
  const errors = new FormErrors();
  const numbers = { max_age: DEFAULTS.max_age as number, max_uses: DEFAULTS.max_uses as number };
  for (const key of ['max_age', 'max_uses'] as const) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const [min, max] = BOUNDS[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) errors.add([key], 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    else if (value < min) errors.add([key], 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
    else if (value > max) errors.add([key], 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
    else numbers[key] = value;
  }
  for (const key of ['temporary', 'unique'] as const) {
    const value = body[key];
    if (value !== undefined && value !== null && typeof value !== 'boolean') errors.add([key], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
  if (!errors.empty) return errors;
  return { maxAge: numbers.max_age, maxUses: numbers.max_uses, temporary: body.temporary === true, unique: body.unique === true };
}

/** The invite object Discord answers (type 0, guild invite). */
export function inviteObject(state: FakeState, invite: FakeInvite): Record<string, unknown> {
  const channel = state.store.channels.get(invite.channelId);
  const { guild } = state;
  return {
    type: 0,
    code: invite.code,
    guild: {
      id: guild.id, name: guild.name, splash: null, banner: null, description: null, icon: null, features: [],
      verification_level: 0, vanity_url_code: null, nsfw_level: 0, premium_subscription_count: 0,
    },
    channel: { id: invite.channelId, type: 0, name: channel?.name ?? 'channel' },
    inviter: botUserObject(guild),
    uses: 0,
    max_uses: invite.maxUses,
    max_age: invite.maxAge,
    temporary: invite.temporary,
    created_at: discordTimestamp(invite.createdAt),
    expires_at: invite.expiresAt === null ? null : discordTimestamp(invite.expiresAt),
  };
}

/** `POST|GET /channels/:id/invites` after the route gate. */
export function routeInvites(state: FakeState, request: DiscordRequest, channelId: string, now: number = Date.now()): PlannedResponse {
  if (request.method === 'GET') return json(200, state.invites.list(channelId).map((i) => inviteObject(state, i)));
  if (request.method !== 'POST') return json(405, { message: '405: Method Not Allowed', code: 0 });
  const body = request.rawBody.trim() === '' ? {} : parseJson(request.rawBody);
  if (body === undefined) return json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  const settings = readSettings(body);
  if (settings instanceof FormErrors) return json(400, { code: 50035, message: 'Invalid Form Body', errors: settings.tree });
  const wanted = { channelId, guildId: state.store.channels.get(channelId)?.guildId ?? state.guild.id, inviterId: state.guild.bot.id, ...settings };
  const reused = settings.unique ? undefined : state.invites.similar(wanted, now);
  if (reused) return json(200, inviteObject(state, reused));
  const invite = state.invites.add({
    ...wanted,
    code: inviteCode(),
    createdAt: now,
    expiresAt: settings.maxAge === 0 ? null : now + settings.maxAge * 1000,
    reason: request.auditLogReason ?? null,
  });
  return json(200, inviteObject(state, invite));
}
