import type { Mentions } from '../routing.js';
import type { PackMention } from './sender.js';

/**
 * The content line that pings a delivery's route mentions plus the users its event pings (e.g. a
 * wallet's owner); allowed_mentions lists exactly these ids, so nothing else in the message (embeds,
 * text from a source) can ping anyone. Undefined when nobody is pinged.
 */
export function mentionOf(route: Mentions | null, eventUsers: readonly string[] = []): PackMention | undefined {
  const roles = route?.roles ?? [];
  const users = [...new Set([...(route?.users ?? []), ...eventUsers])];
  if (roles.length + users.length === 0) return undefined;
  const content = [...roles.map((id) => `<@&${id}>`), ...users.map((id) => `<@${id}>`)].join(' ');
  return { content, users, roles };
}
