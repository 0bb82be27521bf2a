/**
 * `invite` (privileged, seed-behaviour §3.6): a one-use invite to the general channel. It lasts the
 * week DAB's README promised: Discord's `max_age` is in seconds, and the seed's `7` made it last 7
 * seconds (§3.14.4).
 */
import { attempt } from '../discord/errors.js';
import { define } from './deps.js';

/** One week in seconds, Discord's longest `max_age` short of "never". */
export const INVITE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export const invite = define({
  name: 'invite',
  description: 'Creates a one-use invite to the general channel, valid for a week.',
  permission: 'privileged',
  ephemeral: true,
  async run(ctx) {
    const { discord, generalChannel } = ctx.deps.community;
    if (generalChannel === undefined) {
      return { content: 'No general channel is configured (community.generalChannel), so there is nothing to invite to.', ephemeral: true };
    }
    const created = await attempt('Create Invite', () => discord.createInvite(generalChannel, { maxAgeSeconds: INVITE_MAX_AGE_SECONDS, maxUses: 1 }));
    if (!created.ok) {
      ctx.logger.warn({ err: created.error }, 'invite refused by Discord');
      return { content: created.failed, ephemeral: true };
    }
    return `https://discord.gg/${created.value}`;
  },
});
