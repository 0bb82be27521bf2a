import type { APIEmbed, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';
import { embedLength } from './fit.js';
import { DISCORD_LIMITS as L } from './limits.js';

function embedViolations(embed: APIEmbed, at: string): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number): void => {
    if (length > max) problems.push(`${at}.${what}: ${length} > ${max}`);
  };
  over('title', embed.title?.length ?? 0, L.titleLength);
  over('description', embed.description?.length ?? 0, L.descriptionLength);
  over('footer.text', embed.footer?.text.length ?? 0, L.footerTextLength);
  over('author.name', embed.author?.name.length ?? 0, L.authorNameLength);
  over('fields', embed.fields?.length ?? 0, L.fields);
  (embed.fields ?? []).forEach((field, i) => {
    over(`fields[${i}].name`, field.name.length, L.fieldNameLength);
    over(`fields[${i}].value`, field.value.length, L.fieldValueLength);
    if (field.name.trim() === '') problems.push(`${at}.fields[${i}].name is blank`);
    if (field.value.trim() === '') problems.push(`${at}.fields[${i}].value is blank`);
  });
  return problems;
}

/**
 * Every way `body` breaks Discord's message limits (empty when it can be sent). Useful as a last check before
 * sending, and in renderer tests.
 */
export function limitViolations(body: RESTPostAPIWebhookWithTokenJSONBody): string[] {
  const embeds = body.embeds ?? [];
  const problems = embeds.flatMap((embed, i) => embedViolations(embed, `embeds[${i}]`));
  const content = body.content?.length ?? 0;
  if (content > L.contentLength) problems.push(`content: ${content} > ${L.contentLength}`);
  if (embeds.length > L.embedsPerMessage) problems.push(`embeds: ${embeds.length} > ${L.embedsPerMessage}`);
  const total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  if (total > L.embedTotalLength) problems.push(`embed characters: ${total} > ${L.embedTotalLength}`);
  if (content === 0 && embeds.length === 0) problems.push('message is empty');
  return problems;
}
