import type { Queue } from 'bullmq';
import type { QueueName } from '@herald/contracts';
import type { Db } from '@herald/db';
import type { Logger } from '@herald/logging';
import type { NavOptions } from './views/layout.js';

export interface AdminCredentials {
  user: string;
  password: string;
}

/** Everything the web app uses, passed in so tests can build it against their own database and prefix. */
export interface WebDeps {
  db: Db;
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
