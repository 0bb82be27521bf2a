import type { Mentions } from '../routing.js';
import type { PackMention } from './sender.js';

/** The content line that pings a route's roles and users; allowed_mentions lists exactly these ids. */
export function mentionOf(mentions: Mentions): PackMention {
  const content = [...mentions.roles.map((id) => `<@&${id}>`), ...mentions.users.map((id) => `<@${id}>`)].join(' ');
  return { content, users: mentions.users, roles: mentions.roles };
}
