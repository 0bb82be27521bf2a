/**
 * `ban <user> [reason]` (privileged, seed-behaviour §3.6). Fixed from the seed: the nickname mention
 * `<@!id>` and a bare id are accepted (the `user` option reads `<@id>`, `<@!id>` and ids), a ban is
 * answered (`Banned <@id>.`; the seed said nothing), and a refusal by Discord is answered instead of
 * disconnecting the bot (§3.14.3). The member's messages are kept, as the seed did (0 days).
 */
import { attempt } from '../discord/errors.js';
import { define } from './deps.js';

/** Discord's limit on an audit-log reason (X-Audit-Log-Reason). */
export const MAX_REASON = 512;

export const ban = define({
  name: 'ban',
  description: 'Bans a member from the server.',
  permission: 'privileged',
  options: {
    user: { kind: 'user', description: 'The member to ban (a mention or an id)', required: true },
    reason: { kind: 'string', description: 'Why, for the audit log', rest: true, maxLength: MAX_REASON },
  },
  async run(ctx, { user, reason }) {
    if (ctx.guildId === null) return { content: 'Bans work in a server only.', ephemeral: true };
    // Discord answers Missing Permissions for a member it will not let the bot ban, too (role order, the owner).
    const banned = await attempt("Ban Members, and a role above the member's; nobody can ban the server's owner", () => ctx.deps.community.discord.ban(ctx.guildId!, user, reason?.trim() || undefined));
    if (!banned.ok) {
      ctx.logger.warn({ err: banned.error, target: user }, 'ban refused by Discord');
      return { content: `Could not ban <@${user}>: ${banned.failed}.`, ephemeral: true };
    }
    ctx.logger.info({ target: user }, 'member banned');
    return `Banned <@${user}>.`;
  },
});
