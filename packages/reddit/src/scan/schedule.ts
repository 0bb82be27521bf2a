import type { UserScanState } from './tracked-user.js';

/** The scan settings the schedule depends on (ms). */
export interface ScheduleSettings {
  /** Herald's least time between two scans of an active user (`reddit.scanInterval`). */
  scanIntervalMs: number;
  /** The seed's `full_scan_interval`: inactive users are scanned this often. */
  fullScanIntervalMs: number;
}

/**
 * When a user is due again after a scan that left it in `after` state. Users are served oldest
 * `due_at` first, so:
 * - a listing left mid-way (a new user's back-fill past `max_batches`, or many new comments) is due
 *   at once: it waits only behind users already overdue, so back-fills interleave with everyone
 *   else's scans instead of starving them (adding 500 users delays the others by one round, not by
 *   the 5,000 requests of their back-fill);
 * - an active user is due `scanIntervalMs` later; an inactive one `fullScanIntervalMs` later (the
 *   seed scanned inactive users only on full scans, every `full_scan_interval`).
 * A never-scanned user is due from when it was added (the column's default).
 */
export function nextDue(after: Pick<UserScanState, 'position' | 'inactive'>, now: Date, settings: ScheduleSettings): Date {
  if (after.position !== '') return now;
  return new Date(now.getTime() + (after.inactive ? settings.fullScanIntervalMs : settings.scanIntervalMs));
}
