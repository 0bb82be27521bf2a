import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import {
  findTrackedUser,
  listNegativeComments,
  listUserComments,
  readCompendiumOverview,
  readUserCompendium,
  searchRegisteredUsers,
  stripUserPrefix,
} from '@herald/reddit/compendium';
import type { RoutePluginOptions } from '../deps.js';
import { NotFoundError } from '../routes/errors.js';
import { BadQueryError } from '../routes/events-query.js';
import { cachedResponse, responseCache, sendCached } from '../routes/page-cache.js';
import { html } from '../views/html.js';
import { parsePage, type RawQuery } from './pagination.js';
import { commentsPath, CompendiumPath, nameSegment, searchPath, userCommentsPath, UserCommentsUsage, userPath, UserPageUsage } from './paths.js';
import { DefaultPageLimits, DefaultReportSettings } from './settings.js';
import { compendiumCommentsPage } from './view-comments.js';
import { compendiumIndexPage } from './view-index.js';
import { compendiumSearchPage } from './view-search.js';
import { compendiumUserPage } from './view-user.js';

/** How many users the search lists at most. */
export const SearchLimit = 50;
/** Longer search text is refused (Reddit names have at most 20 characters). */
const MaxSearchLength = 100;

const htmlType = 'text/html; charset=utf-8';
/** How long a rendered index or user page is served (and browsers may keep it). */
export const CacheSeconds = 60;

/** A name from a URL that cannot be stored (NUL, which Postgres refuses, or absurd lengths) exists nowhere. */
const storable = (name: string) => name.length <= 100 && !name.includes('\u0000');

const doesNotExist = (name: string) => new NotFoundError(`User "${name}" doesn't exist.`);

/**
 * The compendium (seed-behaviour §3.8, §3.10): `/compendium`, `/compendium/user/<name>`,
 * `/compendium/comments`, `/compendium/comments/user/<name>` and `/compendium/search?q=`. Read from
 * Postgres only. Each URL also answers with a trailing slash (the seed's 400 there was a bug, §3.14).
 * User names are matched whatever their case; hidden users' pages are reachable, unregistered ones'
 * are not (404 `User "<name>" doesn't exist.`). The index and user pages are cached for a minute; the
 * comment lists are paged through indexes instead. Settings: `deps.reports` (time zone, nbTop) and
 * `deps.pageLimits` (`limit`), the seed's defaults when absent.
 */
export async function compendiumRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db } = options.deps;
  const { timezone: timeZone, nbTop } = options.deps.reports ?? DefaultReportSettings;
  const limits = options.deps.pageLimits ?? DefaultPageLimits;
  const nav = options.nav;
  // Behind the login (admin set, pages not public) only the browser may keep a page, not a shared proxy.
  const shared = options.deps.admin === undefined || options.deps.admin.publicPages === true;
  // Public pages do not list hidden users (as /reddit); their pages stay reachable by URL, as in the seed.
  const withoutHidden = options.deps.admin?.publicPages === true;
  const send = (reply: FastifyReply, page: string) => reply.type(htmlType).send(page);
  /** Both spellings of a URL: with and without the trailing slash. */
  const get = (path: string, handler: RouteHandlerMethod) => {
    app.get(path, handler);
    app.get(`${path}/`, handler);
  };

  // Rendered pages for CacheSeconds, gzipped once, with an ETag (the reports' cache: page-cache.ts). The
  // index aggregates every stored comment (~250 ms on 1,000,000) and a busy user's page reads ~22,000
  // index entries; what changes them (scans, `hide`, `purge`…) happens in other processes, so a page
  // is at most this old. A missing user is not cached: a new registration shows at once.
  const pages = responseCache(async (key) => {
    const now = new Date();
    if (key === '') {
      const overview = await readCompendiumOverview(db, { nbTop, now });
      return cachedResponse(compendiumIndexPage({ overview, nbTop, timeZone }, nav).value, htmlType, CacheSeconds);
    }
    const user = await findTrackedUser(db, key);
    if (!user) throw doesNotExist(key);
    const data = await readUserCompendium(db, user, { nbTop, timeZone, now });
    return cachedResponse(compendiumUserPage({ data, nbTop, timeZone }, nav).value, htmlType, CacheSeconds);
  });
  const sendPage = async (request: FastifyRequest, reply: FastifyReply, key: string) => {
    const entry = await pages(key);
    // responseCache's loader above never answers `missing` (it throws NotFoundError instead).
    if ('missing' in entry) throw new NotFoundError(entry.missing);
    return sendCached(request, reply, entry, shared);
  };

  // The comment lists are rendered per request (any limit and offset) but sent like the cached pages:
  // gzipped for clients that accept it (the seed gzipped every response; 1,000 comments are ~750 KB of
  // HTML) and with an ETag, so a browser revalidating gets a 304.
  const sendList = (request: FastifyRequest, reply: FastifyReply, page: string) => sendCached(request, reply, cachedResponse(page, htmlType, 0), shared);

  get(CompendiumPath, async (request, reply) => sendPage(request, reply, ''));

  const userHandler = async (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    const name = nameSegment(request.params['*'], UserPageUsage);
    if (!storable(name)) throw doesNotExist(name);
    try {
      // Keyed by the lower-cased name: `alice` and `Alice` are one page (one user, names are case-insensitive).
      return await sendPage(request, reply, name.toLowerCase());
    } catch (error) {
      // The message names the user as typed in this URL, not as another request cached it.
      if (error instanceof NotFoundError) throw doesNotExist(name);
      throw error;
    }
  };
  app.get<{ Params: { '*': string } }>(`${CompendiumPath}/user/*`, userHandler);
  app.get(`${CompendiumPath}/user`, async () => {
    throw new BadQueryError(UserPageUsage);
  });

  get(commentsPath, async (request, reply) => {
    const page = parsePage(request.query as RawQuery, limits);
    const comments = await listNegativeComments(db, page);
    const view = {
      title: 'All comments',
      heading: 'All comments',
      description: 'Every stored comment with a negative score of the registered users the reports count (hidden users left out), most downvoted first.',
      comments,
      page,
      path: commentsPath,
      timeZone,
    };
    return sendList(request, reply, compendiumCommentsPage(view, nav).value);
  });

  app.get<{ Params: { '*': string } }>(`${commentsPath}/user/*`, async (request, reply) => {
    const name = nameSegment(request.params['*'], UserCommentsUsage);
    const page = parsePage(request.query as RawQuery, limits);
    const user = storable(name) ? await findTrackedUser(db, name) : undefined;
    if (!user) throw doesNotExist(name);
    const comments = await listUserComments(db, user.name, page);
    const view = {
      title: `Comments of /u/${user.name}`,
      heading: html`Comments of <a href="${userPath(user.name)}">/u/${user.name}</a>`,
      description: 'Every stored comment of this user, whatever its score, lowest score first.',
      comments,
      page,
      path: userCommentsPath(user.name),
      timeZone,
    };
    return sendList(request, reply, compendiumCommentsPage(view, nav).value);
  });
  app.get(`${commentsPath}/user`, async () => {
    throw new BadQueryError(UserCommentsUsage);
  });

  get(searchPath, async (request, reply) => {
    const q = (request.query as RawQuery).q;
    if (Array.isArray(q)) throw new BadQueryError('Only one "q" parameter is accepted.');
    // `u/alice` and `/u/alice` as people paste them.
    const text = stripUserPrefix((q ?? '').trim());
    if (text.length > MaxSearchLength) throw new BadQueryError(`Search text must be at most ${MaxSearchLength} characters.`);
    if (text.includes('\u0000')) throw new BadQueryError('Search text must not contain a NUL character.');
    const result = text === '' ? null : await searchRegisteredUsers(db, text, { limit: SearchLimit, withoutHidden });
    if (result?.exact) return reply.redirect(userPath(result.exact.name), 303);
    return send(reply, compendiumSearchPage({ text, result, limit: SearchLimit }, nav).value);
  });
}
