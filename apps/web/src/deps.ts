import type { Queue } from 'bullmq';
import type { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import type { PageLimits, ReportSettings } from '@herald/reddit/pages-settings';
import type { BackupOptions } from './backup/settings.js';
import type { RedditPageOptions } from './reddit/budget.js';
import type { LoginThrottleOptions } from './routes/login-throttle.js';
import type { NavOptions } from './views/layout.js';

/** The admin login, which every page asks for once it is set (see routes/auth.ts). */
export interface AdminCredentials {
  user: string;
  password: string;
  /** `web.public`: the read-only pages stay open to everyone; only the admin routes ask for the login. */
  publicPages?: boolean;
}

/** Everything the web app uses, passed in so tests can build it against their own database and prefix. */
export interface WebDeps {
  /** Plain `pg` pool: Prisma's query compiler would add its memory and per-query time to this long-running process. */
  db: SqlPool;
  /** One BullMQ queue per queue name; all are shown in Bull Board, `maintenance` gets reconcile kicks. */
  queues: Record<QueueName, Queue>;
  logger: Logger;
  /** Without credentials the admin routes are not registered at all, and every page is open. */
  admin?: AdminCredentials;
  /** Failed-login throttling; defaults in DefaultLoginThrottleOptions (tests pass a clock). */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** Base URL of the fake Discord whose recorded messages `/demo/discord` shows (demo mode only). */
  demoDiscordUrl?: string;
  /** The Reddit page's settings (`reddit.clientId`: whose request budget it shows). */
  reddit?: RedditPageOptions;
  /** Weekly reports and Reddit page dates (`reports:`); the seed's defaults (UTC, -50, top 5, no leeway) when absent. */
  reports?: ReportSettings;
  /** "Now" for the pages that depend on it (`/reports/current`, `/reports/lastweek`); the wall clock when absent (tests pass one). */
  clock?: () => Date;
  /** The compendium's comment-list pagination (`web.defaultLimit`/`web.maxLimit`); 100/1000 when absent. */
  pageLimits?: PageLimits;
  /** DAB's web.root_dir: static files served for paths no page answers. */
  rootDir?: string;
  /** Behind a reverse proxy: the client address comes from X-Forwarded-For (web.ipHeader). */
  trustProxy?: boolean;
  /** `/backup` (pg_dump, behind the admin login) and the optional public export; neither route exists when absent. */
  backup?: BackupOptions;
}

/** What every route plugin receives. */
export interface RoutePluginOptions {
  deps: WebDeps;
  nav: NavOptions;
}
