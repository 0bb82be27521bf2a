/**
 * `karma <name>` (seed-behaviour §3.6): the sums of the scores of the comments Herald has stored
 * for a tracked user (not Reddit's karma), in the seed's `Karma for /u/<Name>` embed, with the seed's
 * warning while the user is not yet back-filled. One name only.
 */
import { userLink } from '../render/renderers.js';
import { stripUserPrefix } from '../users/names.js';
import { findTrackedUser, karmaOf } from '../users/queries.js';
import { COLOR, define, nameOption, refusal, shownName } from './common.js';

export const NOT_FULLY_SCANNED = "⚠ _this user hasn't been fully scanned yet._";

export const karma = define({
  name: 'karma',
  description: 'Sums the scores of the stored comments of a tracked Reddit user.',
  permission: 'everyone',
  options: { name: nameOption },
  async run(ctx, options) {
    const typed = options.name.trim();
    if (/\s/.test(typed)) return refusal('Only one username at a time is accepted.');
    const name = stripUserPrefix(typed);
    const user = await findTrackedUser(ctx.deps.db, name);
    if (!user) return refusal(`user ${shownName(name)} not found.`);
    const { positive, negative, total } = await karmaOf(ctx.deps.db, user.name);
    return {
      embeds: [
        {
          color: COLOR,
          title: `Karma for ${userLink(user.name)}`,
          ...(user.isNew && { description: NOT_FULLY_SCANNED }),
          fields: [
            { name: 'Positive', value: String(positive), inline: true },
            { name: 'Negative', value: String(negative), inline: true },
            { name: 'Total', value: String(total), inline: true },
          ],
        },
      ],
    };
  },
});
