/**
 * Which reaction emojis Discord knows: every recommended (RGI) emoji sequence, and a single
 * pictographic character with or without the emoji variation selector (Discord accepts '☠' as well
 * as '☠️'). Unicode's own properties decide, through the regular-expression engine; the `v` flag
 * (for RGI_Emoji) is built at run time because TypeScript's ES2022 target does not accept it in a literal.
 */
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const PICTOGRAPH = /^\p{Extended_Pictographic}\uFE0F?$/u;

/** True for a unicode emoji Discord would accept as a reaction. */
export function isUnicodeEmoji(text: string): boolean {
  return RGI_EMOJI.test(text) || PICTOGRAPH.test(text);
}
