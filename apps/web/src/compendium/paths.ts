import { BadQueryError } from '../routes/events-query.js';

/** Where the compendium's pages are (seed-behaviour §3.8; the seed's README documented other URLs). */
export const CompendiumPath = '/compendium';
export const userPath = (name: string) => `${CompendiumPath}/user/${encodeURIComponent(name)}`;
export const userCommentsPath = (name: string) => `${CompendiumPath}/comments/user/${encodeURIComponent(name)}`;
export const commentsPath = `${CompendiumPath}/comments`;
export const searchPath = `${CompendiumPath}/search`;

/** The seed's usage texts for a user URL with more or fewer than one name (400), as it served them (capitalised, with a full stop). */
export const UserPageUsage = 'Invalid URL, use "/compendium/user/username" to view the page about "username".';
export const UserCommentsUsage = 'Invalid URL, use "/compendium/comments/user/username" to view the comments of "username".';

/**
 * The one name after `/compendium/user/` or `/compendium/comments/user/` (Fastify's decoded
 * wildcard). A trailing slash is allowed (`/compendium/user/alice/`: the seed's NormalizeTrailing
 * dropped two segments there, §3.14); an empty name or more segments throw BadQueryError(usage).
 */
export function nameSegment(rest: string | undefined, usage: string): string {
  const segments = (rest ?? '').split('/');
  if (segments.length === 2 && segments[1] === '') segments.pop();
  const name = segments[0];
  if (segments.length !== 1 || !name) throw new BadQueryError(usage);
  return name;
}
