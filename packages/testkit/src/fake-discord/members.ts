/**
 * The guild's members as they change: joins, leaves and bans. It edits the guild's own `users`
 * record in place, so every lookup (dispatch authors, user options, GUILD_CREATE, member fetches)
 * sees the guild as it is now; users who left or were banned stay known (their old messages still
 * have an author, and Discord can ban any existing user).
 */
import { CommandInputError } from './command-input.js';
import type { FakeGuildUser } from './guild.js';
import { snowflake } from './snowflake.js';

/** A ban as `GET /guilds/:id/bans` lists it, plus what the fake recorded about the request. */
export interface FakeBan {
  userId: string;
  username: string;
  /** The `X-Audit-Log-Reason` header, URL-decoded; null without one. */
  reason: string | null;
  /** `delete_message_seconds` of the request (0-604800; 0 when absent). */
  deleteMessageSeconds: number;
  /** Epoch ms. */
  at: number;
}

export interface MemberJoinInput {
  username: string;
  /** A snowflake; default a new one. */
  id?: string;
}

/** Discord's username rule, loosely: 2-32 characters, none of `@ # : \``, not `everyone`/`here`. */
const USERNAME = /^[^@#:`\s][^@#:`]{0,30}[^@#:`\s]$/;
const SNOWFLAKE = /^\d{17,20}$/;

export class GuildMembers {
  readonly #users: Record<string, FakeGuildUser>;
  readonly #ownerId: string;
  readonly #botId: string;
  readonly #known = new Map<string, FakeGuildUser>();
  readonly #bans = new Map<string, FakeBan>();

  /** `users` is the guild's (mutable) member record, keyed by the names the control API uses. */
  constructor(users: Record<string, FakeGuildUser>, ownerId: string, bot: FakeGuildUser) {
    this.#users = users;
    this.#ownerId = ownerId;
    this.#botId = bot.id;
    for (const user of [...Object.values(users), bot]) this.#known.set(user.id, user);
  }

  /** Adds a member (a new user unless `id` names a former member). Throws CommandInputError for bad input. */
  join(input: MemberJoinInput, now: number = Date.now()): FakeGuildUser {
    const { username } = input;
    if (typeof username !== 'string' || !USERNAME.test(username) || /^(everyone|here)$/i.test(username)) {
      throw new CommandInputError(`username must be 2-32 characters without @ # : or backticks (and not everyone/here), got ${JSON.stringify(username)}`);
    }
    const id = input.id ?? snowflake(now);
    if (!SNOWFLAKE.test(id)) throw new CommandInputError(`id must be a snowflake (17-20 digits), got ${JSON.stringify(id)}`);
    if (this.member(id) !== undefined || id === this.#botId) {
      throw new CommandInputError(`user ${id} is already a member of the guild`);
    }
    if (this.#bans.has(id)) throw new CommandInputError(`user ${id} is banned from the guild and cannot join`);
    const user: FakeGuildUser = { id, username, roles: [], joinedAt: now };
    const key = this.#users[username] === undefined ? username : id;
    this.#users[key] = user;
    this.#known.set(id, user);
    return user;
  }

  /** Removes a member (by id, key or username). Throws CommandInputError for the owner or a non-member. */
  leave(ref: string): FakeGuildUser {
    const entry = this.#entry(ref);
    if (entry === undefined) throw new CommandInputError(`no member ${ref} in the fake guild (members: ${Object.keys(this.#users).join(', ')})`);
    const [key, user] = entry;
    if (user.id === this.#ownerId) throw new CommandInputError('the guild owner cannot leave the guild');
    delete this.#users[key];
    return user;
  }

  /** A current member by id. */
  member(id: string): FakeGuildUser | undefined {
    return Object.values(this.#users).find((u) => u.id === id);
  }

  /** Any user the fake knows by id: members, former members, the bot. */
  user(id: string): FakeGuildUser | undefined {
    return this.#known.get(id);
  }

  /** Records a ban and removes the member; returns the removed member, if the user was one. */
  ban(ban: FakeBan): FakeGuildUser | undefined {
    this.#bans.set(ban.userId, ban);
    const entry = this.#entry(ban.userId);
    if (entry === undefined) return undefined;
    delete this.#users[entry[0]];
    return entry[1];
  }

  unban(userId: string): boolean {
    return this.#bans.delete(userId);
  }

  banOf(userId: string): FakeBan | undefined {
    return this.#bans.get(userId);
  }

  /** Every ban, oldest first. */
  bans(): FakeBan[] {
    return [...this.#bans.values()].map((ban) => ({ ...ban }));
  }

  #entry(ref: string): [string, FakeGuildUser] | undefined {
    const byKey = this.#users[ref];
    if (byKey !== undefined) return [ref, byKey];
    return Object.entries(this.#users).find(([, u]) => u.id === ref || u.username === ref);
  }
}
