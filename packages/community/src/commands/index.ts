/**
 * The community chores of Down Arrows Bot (seed-behaviour §3.6): `date`, `separator` (`sep`, `=`),
 * `sipthebep` (`sip`) for everyone; `ban`, `delete`, `invite` and `purge` privileged.
 */
import { ban } from './ban.js';
import { deleteMessages } from './delete.js';
import { invite } from './invite.js';
import { purge } from './purge.js';
import { date, separator, sipthebep } from './small-talk.js';

/** In the order `help` lists them. */
export const communityCommands = [date, separator, sipthebep, ban, deleteMessages, invite, purge] as const;

export { ban, date, deleteMessages, invite, purge, separator, sipthebep };
export { SEPARATOR, SIP_THE_BEP } from './small-talk.js';
export { INVITE_MAX_AGE_SECONDS } from './invite.js';
export { BULK_DELETE_MAX_AGE_MS } from './delete.js';
export { parseDeleteArguments, MAX_DELETE_WINDOW, type DeleteArguments } from './delete-arguments.js';
export { PURGE_CONFIRM_MS } from './purge.js';
export type { CommunityChores, CommunityCommandDeps } from './deps.js';
