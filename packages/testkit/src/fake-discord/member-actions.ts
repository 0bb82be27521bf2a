/** A user joining or leaving the guild: the member record changes, then the gateway hears of it. */
import { dispatchMemberAdd, dispatchMemberRemove } from './guild-events.js';
import type { FakeGuildUser } from './guild.js';
import type { MemberJoinInput } from './members.js';
import type { FakeState } from './routes.js';

/**
 * Adds a member and dispatches GUILD_MEMBER_ADD to the sessions that identified with GUILD_MEMBERS.
 * Works without a connected bot too (the member is then in the next GUILD_CREATE). Throws
 * CommandInputError for a bad username or id, a current member, or a banned user.
 */
export function memberJoin(state: FakeState, input: MemberJoinInput): FakeGuildUser {
  const user = state.members.join(input);
  dispatchMemberAdd(state, user);
  return { ...user };
}

/** Removes a member (id, key or username) and dispatches GUILD_MEMBER_REMOVE (GUILD_MEMBERS sessions). */
export function memberLeave(state: FakeState, ref: string): FakeGuildUser {
  const user = state.members.leave(ref);
  dispatchMemberRemove(state, user);
  return { ...user };
}
