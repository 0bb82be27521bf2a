/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Exceeding any of them makes Discord reject the whole message with a 400, so renderers fit to these first.
 */
export const MAX_CONTENT_LENGTH = 2000;
export const MAX_EMBEDS_PER_MESSAGE = 10;
/** Sum of title, description, field names and values, footer text and author name over all embeds of a message. */
export const MAX_EMBED_TOTAL_LENGTH = 6000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4096;
export const MAX_EMBED_FIELDS = 25;
export const MAX_FIELD_NAME_LENGTH = 256;
export const MAX_FIELD_VALUE_LENGTH = 1024;
export const MAX_FOOTER_TEXT_LENGTH = 2048;
export const MAX_AUTHOR_NAME_LENGTH = 256;
/** allowed_mentions.users and allowed_mentions.roles each take at most 100 ids. */
export const MAX_ALLOWED_MENTION_IDS = 100;

/** The same limits as one object, for code that wants to iterate or print them. */
export const DISCORD_LIMITS = {
  contentLength: MAX_CONTENT_LENGTH,
  embedsPerMessage: MAX_EMBEDS_PER_MESSAGE,
  embedTotalLength: MAX_EMBED_TOTAL_LENGTH,
  titleLength: MAX_EMBED_TITLE_LENGTH,
  descriptionLength: MAX_EMBED_DESCRIPTION_LENGTH,
  fields: MAX_EMBED_FIELDS,
  fieldNameLength: MAX_FIELD_NAME_LENGTH,
  fieldValueLength: MAX_FIELD_VALUE_LENGTH,
  footerTextLength: MAX_FOOTER_TEXT_LENGTH,
  authorNameLength: MAX_AUTHOR_NAME_LENGTH,
  allowedMentionIds: MAX_ALLOWED_MENTION_IDS,
} as const;
