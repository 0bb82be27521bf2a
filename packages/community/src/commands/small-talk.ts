/**
 * The seed's fixed answers (seed-behaviour §3.6): `date`, `separator` (`sep`, `=`) and `sipthebep`
 * (`sip`). Everyone may use them. Slash commands use the long names only: Discord's name rule
 * (`^[-_\p{L}\p{N}]{1,32}$`) has no `=`, and one name per command keeps `/` lists short.
 */
import { formatRfc850 } from '@herald/reddit/dates';
import { define } from './deps.js';

/** 18 × U+2550 BOX DRAWINGS DOUBLE HORIZONTAL, as the seed. */
export const SEPARATOR = '═'.repeat(18);

/** The seed's text, word for word. */
export const SIP_THE_BEP = 'More like N0000 1 cares 🔥 This shitpost is horrible 👎👎👎';

export const date = define({
  name: 'date',
  description: 'Shows the current date and time in the community’s time zone.',
  permission: 'everyone',
  async run(ctx) {
    const { now, timezone } = ctx.deps.community;
    return formatRfc850(now(), timezone);
  },
});

export const separator = define({
  name: 'separator',
  aliases: ['sep', '='],
  description: 'Posts a separator line.',
  permission: 'everyone',
  run: async () => SEPARATOR,
});

export const sipthebep = define({
  name: 'sipthebep',
  aliases: ['sip'],
  description: 'Says what the community thinks of that shitpost.',
  permission: 'everyone',
  run: async () => SIP_THE_BEP,
});
