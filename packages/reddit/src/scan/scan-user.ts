import type { Logger } from '@herald/logging';
import type { OutboxStore, RecordedEvent } from '@herald/pipeline';
import { RedditHttpError, type CommentsPage, type RedditApi } from '../client/types.js';
import { newHighscores, pageOutcome, savePage } from './save-page.js';
import { nextDue, type ScheduleSettings } from './schedule.js';
import { changeAccountState } from './status-change.js';
import type { UserScanState } from './tracked-user.js';

/** The seed's listing page size (`MaxRedditListingLength`) and its leeway over the last batch size (§3.3). */
export const MaxListingLength = 100;
const CommentsLeeway = 5;

export interface ScanSettings extends ScheduleSettings {
  /** The seed's `max_age` (ms): comments younger than the time since the last scan plus this are refreshed. */
  maxAgeMs: number;
  /** The seed's `max_batches`: pages read for one user in one visit. */
  maxBatches: number;
  /** Score at or below which a comment is announced (`highscore_threshold`, ≤ −1). */
  highscoreThreshold: number;
  /** How long a scanner holds a user between two pages (covers waiting for the budget). */
  leaseMs: number;
}

export interface ScanDeps {
  api: RedditApi;
  outbox: OutboxStore;
  settings: ScanSettings;
  logger: Logger;
  now?: () => Date;
}

/** The source key of every Reddit event and of the Reddit source's health row. */
export const RedditSourceKey = 'reddit';

export type ScanResult = { kind: 'scanned'; pages: number; comments: number; events: RecordedEvent[] } | { kind: 'dead'; state: 'suspended' | 'deleted'; events: RecordedEvent[] };

/**
 * Scans one claimed user as the seed's `Scan` does (seed-behaviour §3.3): up to `maxBatches` pages
 * of `/user/<name>/comments?sort=new`, each saved in its own transaction with the user's new scan
 * state and the high scores it revealed, stopping when the listing's position is back to ''.
 * A 403/404 on the listing asks `/about`: suspended or deleted is recorded and announced once;
 * alive (a profile that hides its comments) goes on as an empty page. Rejects on a network or
 * Reddit error with nothing of the failed page written (the caller releases the user).
 */
export async function scanUser(user: UserScanState, deps: ScanDeps): Promise<ScanResult> {
  const { api, outbox, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const events: RecordedEvent[] = [];
  let current = user;
  let pages = 0;
  let comments = 0;
  for (let batch = 0; batch < settings.maxBatches; batch += 1) {
    const startedAt = now();
    const sinceLastScan = startedAt.getTime() - (current.lastScanAt?.getTime() ?? 0);
    const full = current.isNew || current.position !== '' || current.batchSize + CommentsLeeway > MaxListingLength || sinceLastScan > settings.maxAgeMs;
    const limit = full ? MaxListingLength : current.batchSize + CommentsLeeway;
    let page: CommentsPage;
    try {
      page = await api.userComments(current.name, { limit, ...(current.position !== '' && { after: current.position }) });
    } catch (error) {
      if (!(error instanceof RedditHttpError) || (error.status !== 403 && error.status !== 404)) throw error;
      const about = await api.aboutUser(current.name);
      const state = about.kind === 'not-found' ? 'deleted' : about.suspended ? 'suspended' : 'alive';
      if (state !== 'alive') {
        const dead = await outbox.poll(RedditSourceKey, async (tx) => {
          const event = await changeAccountState(tx.sql, current.name, 'alive', state, true);
          return tx.record(event ? [event] : []);
        });
        return { kind: 'dead', state, events: [...events, ...dead] };
      }
      // It exists and is not suspended (its comments are hidden, or a passing 403): an empty page.
      page = { comments: [], after: null };
    }
    pages += 1;
    comments += page.comments.length;
    const outcome = pageOutcome(current, page.comments, page.after, startedAt.getTime(), sinceLastScan + settings.maxAgeMs);
    const due = nextDue({ position: outcome.position, inactive: current.inactive }, now(), settings);
    const more = outcome.position !== '' && batch + 1 < settings.maxBatches;
    const recorded = await outbox.poll(RedditSourceKey, async (tx) => {
      await savePage(tx.sql, current, page.comments, outcome, due, more ? settings.leaseMs : null);
      return tx.record(await newHighscores(tx.sql, current.name, page.comments, settings.highscoreThreshold));
    });
    events.push(...recorded);
    current = { ...current, ...outcome, lastScanAt: startedAt };
    if (outcome.position === '') break;
  }
  return { kind: 'scanned', pages, comments, events };
}
