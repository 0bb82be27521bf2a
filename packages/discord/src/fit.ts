import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import {
  MAX_AUTHOR_NAME_LENGTH,
  MAX_CONTENT_LENGTH,
  MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_FIELDS,
  MAX_EMBED_TITLE_LENGTH,
  MAX_EMBED_TOTAL_LENGTH,
  MAX_FIELD_NAME_LENGTH,
  MAX_FIELD_VALUE_LENGTH,
  MAX_FOOTER_TEXT_LENGTH,
} from './limits.js';

/**
 * Lengths are counted in UTF-16 code units (`string.length`). Discord counts code points, which are never more,
 * so everything fitted here also fits Discord's count.
 */

const ELLIPSIS = '…';
/** Discord rejects empty (or whitespace-only) field names and values; a zero-width space renders as nothing. */
export const BLANK_PLACEHOLDER = '\u200b';

/** Cuts `text` to at most `max` characters, ending in `…` when something was cut. Never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  if (isHighSurrogate(cut.charCodeAt(cut.length - 1))) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The characters Discord counts towards the 6000-per-message embed total. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/**
 * Returns a copy of `embed` that satisfies every per-embed limit, and whose `embedLength` is at most 6000 so it
 * can always be sent on its own. Over-long texts are truncated with `…`; fields past 25 are dropped; blank field
 * names/values get a zero-width placeholder; a blank footer or author is removed. If the embed is still over
 * 6000 characters, trailing fields are dropped (replaced by one "… N more" field when it fits), then the
 * description, footer, title and author name are shortened in that order.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (embed.title !== undefined) out.title = truncate(embed.title, MAX_EMBED_TITLE_LENGTH);
  if (embed.description !== undefined) out.description = truncate(embed.description, MAX_EMBED_DESCRIPTION_LENGTH);
  if (embed.footer) {
    if (isBlank(embed.footer.text)) delete out.footer;
    else out.footer = { ...embed.footer, text: truncate(embed.footer.text, MAX_FOOTER_TEXT_LENGTH) };
  }
  if (embed.author) {
    if (isBlank(embed.author.name)) delete out.author;
    else out.author = { ...embed.author, name: truncate(embed.author.name, MAX_AUTHOR_NAME_LENGTH) };
  }
  if (embed.fields) fitFields(out, embed.fields);
  shrinkTexts(out);
  return out;
}

function fitField(field: APIEmbedField): APIEmbedField {
  return {
    ...field,
    name: truncate(isBlank(field.name) ? BLANK_PLACEHOLDER : field.name, MAX_FIELD_NAME_LENGTH),
    value: truncate(isBlank(field.value) ? BLANK_PLACEHOLDER : field.value, MAX_FIELD_VALUE_LENGTH),
  };
}

/** A last field telling readers the list is partial, so a cut-off report is never mistaken for a complete one. */
function omissionField(count: number): APIEmbedField {
  return { name: ELLIPSIS, value: `${count} more not shown` };
}

function hasRoomForNote(embed: APIEmbed, fields: APIEmbedField[], dropped: number): boolean {
  const note = omissionField(dropped);
  return fields.length < MAX_EMBED_FIELDS && embedLength(embed) + note.name.length + note.value.length <= MAX_EMBED_TOTAL_LENGTH;
}

/** Keeps as many leading fields as fit both the field count and the 6000 total, noting how many were dropped. */
function fitFields(out: APIEmbed, original: APIEmbedField[]): void {
  const fields = original.slice(0, MAX_EMBED_FIELDS).map(fitField);
  out.fields = fields;
  let dropped = original.length - fields.length;
  while (fields.length > 0 && (embedLength(out) > MAX_EMBED_TOTAL_LENGTH || (dropped > 0 && !hasRoomForNote(out, fields, dropped)))) {
    fields.pop();
    dropped++;
  }
  if (dropped > 0 && hasRoomForNote(out, fields, dropped)) fields.push(omissionField(dropped));
}

/** Even without fields an embed can reach 6656 characters: shorten the description (usually the longest) first. */
function shrinkTexts(embed: APIEmbed): void {
  let excess = embedLength(embed) - MAX_EMBED_TOTAL_LENGTH;
  if (excess > 0 && embed.description !== undefined) {
    embed.description = truncate(embed.description, Math.max(1, embed.description.length - excess));
  }
  excess = embedLength(embed) - MAX_EMBED_TOTAL_LENGTH;
  if (excess > 0 && embed.footer) {
    embed.footer = { ...embed.footer, text: truncate(embed.footer.text, Math.max(1, embed.footer.text.length - excess)) };
  }
  excess = embedLength(embed) - MAX_EMBED_TOTAL_LENGTH;
  if (excess > 0 && embed.title !== undefined) {
    embed.title = truncate(embed.title, Math.max(1, embed.title.length - excess));
  }
  excess = embedLength(embed) - MAX_EMBED_TOTAL_LENGTH;
  if (excess > 0 && embed.author) {
    embed.author = { ...embed.author, name: truncate(embed.author.name, Math.max(1, embed.author.name.length - excess)) };
  }
}

/**
 * Splits `text` into chunks of at most `max` (default 2000) characters, breaking between lines where possible,
 * otherwise at the last space, otherwise anywhere (never inside a surrogate pair). Empty text gives no chunks.
 */
export function fitContent(text: string, max: number = MAX_CONTENT_LENGTH): string[] {
  if (text.length <= max) return text === '' ? [] : [text];
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') chunks.push(current);
    current = line;
    while (current.length > max) {
      const cut = breakPoint(current, max);
      chunks.push(current.slice(0, cut));
      current = current.slice(cut).replace(/^ /, '');
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function breakPoint(line: string, max: number): number {
  const space = line.lastIndexOf(' ', max);
  if (space > max / 2) return space;
  return isHighSurrogate(line.charCodeAt(max - 1)) ? max - 1 : max;
}
