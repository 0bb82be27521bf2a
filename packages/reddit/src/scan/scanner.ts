import { setTimeout as sleep } from 'node:timers/promises';
import { redact, type Logger } from '@herald/logging';
import type { OutboxStore, RecordedEvent } from '@herald/pipeline';
import type { SqlPool } from '@herald/db/sql';
import { RedditLoginError, type RedditApi } from '../client/types.js';
import { RedditSourceKey, scanUser, type ScanResult, type ScanSettings } from './scan-user.js';
import { claimDueUser, giveBackUnscanned, keepHolding, nextDueAt, releaseUser } from './tracked-user.js';

export interface ScannerOptions {
  db: SqlPool;
  api: RedditApi;
  outbox: OutboxStore;
  settings: ScanSettings;
  /** Users scanned at once by this process (`reddit.concurrency`); the shared budget paces them all. */
  lanes: number;
  /** Hands recorded events to the delivery queue (after their transaction committed). */
  enqueue: (events: RecordedEvent[]) => Promise<void>;
  logger: Logger;
  /** A user whose scan failed is due again after this (ms). */
  retryMs?: number;
  /** After Reddit refused the login, scanning rests this long (ms) before trying again. */
  loginRetryMs?: number;
  /** Called after each user's scan (metrics, tests). */
  onScan?: (name: string, result: ScanResult | { kind: 'failed'; error: unknown }) => void;
}

export const DefaultScannerOptions = { retryMs: 60_000, loginRetryMs: 300_000 } as const;

/**
 * The scan loop: `lanes` workers each take the most overdue user (see claimDueUser and
 * schedule.ts), scan it (scanUser) and take the next; every request waits for the shared budget in
 * the client, so the loop is paced by Reddit's budget rather than by a clock. Failures skip the user
 * until `retryMs` (the seed's "skip to the next user"), a Postgres outage is waited out, and a
 * refused login rests every lane (the credentials are wrong: retrying at once would not help).
 */
export function startScanner(options: ScannerOptions): { stop(): Promise<void> } {
  const { db, logger } = options;
  const retryMs = options.retryMs ?? DefaultScannerOptions.retryMs;
  const loginRetryMs = options.loginRetryMs ?? DefaultScannerOptions.loginRetryMs;
  const aborter = new AbortController();
  const { signal } = aborter;
  let restUntil = 0;
  let databaseDown = false;
  const rest = (ms: number) => sleep(ms, undefined, { signal }).catch(() => undefined);

  async function lane(): Promise<void> {
    while (!signal.aborted) {
      if (Date.now() < restUntil) {
        await rest(restUntil - Date.now());
        continue;
      }
      let user;
      try {
        user = await claimDueUser(db, options.settings.leaseMs);
        if (databaseDown) logger.info('Postgres answers again; scanning resumes');
        databaseDown = false;
      } catch (error) {
        if (!databaseDown) logger.error({ err: error }, 'cannot reach Postgres to pick the next Reddit user; retrying');
        databaseDown = true;
        await rest(2000);
        continue;
      }
      // Another lane may have met a refused login while this one's claim was on its way: scanning
      // now would ask Reddit for a token again with the refused credentials.
      if (user && Date.now() < restUntil) {
        await giveBackUnscanned(db, user.name).catch(() => undefined); // otherwise its hold lapses by itself
        continue;
      }
      if (!user) {
        const due = await nextDueAt(db).catch(() => null);
        await rest(Math.min(1000, Math.max(50, (due?.getTime() ?? Infinity) - Date.now())));
        continue;
      }
      await scanOne(user);
    }
  }

  async function scanOne(user: NonNullable<Awaited<ReturnType<typeof claimDueUser>>>): Promise<void> {
    const started = performance.now();
    const stopHolding = keepHolding(db, user.name, options.settings.leaseMs);
    try {
      const result = await scanUser(user, { api: options.api, outbox: options.outbox, settings: options.settings, logger });
      if (result.kind === 'dead') logger.info({ user: user.name, state: result.state }, 'Reddit account gone; announced');
      await options.enqueue(result.events).catch((error: unknown) => logger.warn({ err: error }, 'could not queue Reddit events now; the outbox relay will'));
      await noteScan(performance.now() - started);
      options.onScan?.(user.name, result);
    } catch (error) {
      // A refused login rests every lane BEFORE the user is given back: otherwise an idle lane could
      // take it in between and ask Reddit for a token again with the refused credentials.
      const refusedLogin = error instanceof RedditLoginError && !signal.aborted;
      if (refusedLogin) {
        // Every lane meets the same refusal: one line for all of them.
        if (Date.now() >= restUntil) logger.error({ err: error }, `Reddit refused the login; check reddit.clientId, clientSecret, username and password. Trying again in ${Math.round(loginRetryMs / 1000)} s`);
        restUntil = Date.now() + loginRetryMs;
      }
      // Stopping: the user is given back as it was (due at once), so a restart takes it up where it left.
      await releaseUser(db, user.name, signal.aborted ? 0 : retryMs).catch(() => undefined); // otherwise its hold lapses by itself
      if (signal.aborted) return;
      if (!refusedLogin) logger.warn({ user: user.name, err: error }, 'error while scanning user, skipping');
      await noteScan(performance.now() - started, error);
      options.onScan?.(user.name, { kind: 'failed', error });
    } finally {
      stopHolding();
    }
  }

  async function noteScan(durationMs: number, error?: unknown): Promise<void> {
    const text = error === undefined ? undefined : redact(error instanceof Error ? error.message : String(error));
    await options.outbox.notePoll(RedditSourceKey, { durationMs, ...(text !== undefined && { error: text }) }).catch(() => undefined);
  }

  const running = Array.from({ length: Math.max(1, options.lanes) }, () => lane());
  return {
    async stop() {
      aborter.abort();
      await options.api.close();
      await Promise.allSettled(running);
    },
  };
}
