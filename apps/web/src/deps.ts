import type { Queue } from 'bullmq';
import type { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import type { NavOptions } from './views/layout.js';

export interface AdminCredentials {
  user: string;
  password: string;
}

/** Everything the web app uses, passed in so tests can build it against their own database and prefix. */
export interface WebDeps {
  /** Plain `pg` pool: Prisma's query compiler would cost this long-running process ~70–110 MB. */
  db: SqlPool;
  /** One BullMQ queue per queue name; all are shown in Bull Board, `maintenance` gets reconcile kicks. */
  queues: Record<QueueName, Queue>;
  logger: Logger;
  /** Without credentials the admin routes are not registered at all. */
  admin?: AdminCredentials;
  /** Base URL of the fake Discord whose recorded messages `/demo/discord` shows (demo mode only). */
  demoDiscordUrl?: string;
}

/** What every route plugin receives. */
export interface RoutePluginOptions {
  deps: WebDeps;
  nav: NavOptions;
}
