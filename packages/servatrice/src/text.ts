/** Cuts `text` to at most `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Makes user-chosen text display literally in Discord: markdown characters are backslash-escaped
 * (Discord un-escapes any backslash-punctuation pair), `<` is escaped so `<@id>`, `<#id>` and
 * `<t:…>` do not render as mentions or timestamps, line-leading `#` and `-` are escaped so they
 * cannot become headings or lists, and @everyone/@here get a zero-width space so they never
 * read as (or act as) a mass mention.
 */
export function escapeDiscordText(text: string): string {
  return text
    .replace(/[\\*_~|`>\[\]<]/g, '\\$&')
    .replace(/^(\s*)([#-])/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Escaped and truncated to `max` without leaving a dangling escape backslash at the cut. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeDiscordText(text);
  if (escaped.length <= max) return escaped;
  let cut = truncate(escaped, max);
  // An odd run of trailing backslashes means the cut separated an escape from its character.
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return cut;
}
