import type { PageRequest } from '@herald/reddit/compendium';
import type { PageLimits } from '@herald/reddit/pages-settings';
import { BadQueryError } from '../routes/events-query.js';

/** A query string as Fastify parses it: a repeated parameter is an array. */
export type RawQuery = Record<string, string | string[] | undefined>;

/** Go's `strconv.Atoi` syntax (the seed's parser): an optional sign and decimal digits. */
const integer = /^[+-]?\d+$/;

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new BadQueryError(`Only one "${name}" parameter is accepted.`);
  return value;
}

function whole(text: string, what: string): number {
  const n = Number(text);
  if (!integer.test(text.trim()) || !Number.isSafeInteger(n)) throw new BadQueryError(`${what} must be a whole number, not "${text}".`);
  return n;
}

/**
 * `limit` and `offset` of the compendium's comment lists, with the seed's rules and texts (§3.8
 * Pagination): one of each at most (`Only one "limit" parameter is accepted.`), `limit` 0 or missing
 * means `defaultLimit`, negative is refused (`Negative limits are not allowed.`), above `maxLimit`
 * too (`Maximum number of items per page is 1000.`); `offset` missing is 0, negative refused
 * (`Negative offsets are not allowed.`). Where the seed answered Go's parse error, the text says
 * which parameter must be a whole number. Throws BadQueryError (a 400); other parameters are ignored.
 */
export function parsePage(query: RawQuery, limits: PageLimits): PageRequest {
  const limitText = single(query, 'limit');
  const offsetText = single(query, 'offset');
  const limit = limitText === undefined || limitText === '' ? 0 : whole(limitText, 'Limit');
  const offset = offsetText === undefined || offsetText === '' ? 0 : whole(offsetText, 'Offset');
  if (limit < 0) throw new BadQueryError('Negative limits are not allowed.');
  if (limit > limits.maxLimit) throw new BadQueryError(`Maximum number of items per page is ${limits.maxLimit}.`);
  if (offset < 0) throw new BadQueryError('Negative offsets are not allowed.');
  return { limit: limit === 0 ? limits.defaultLimit : limit, offset };
}

/** The query string of another page of the same list (`?limit=100&offset=200`). */
export function pageQuery(page: PageRequest): string {
  return `?limit=${page.limit}&offset=${page.offset}`;
}
