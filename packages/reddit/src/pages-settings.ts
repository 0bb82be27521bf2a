import { z } from 'zod';
import { duration, intFromString } from '@herald/config';

/**
 * The settings of the Down Arrows Bot pages and chores that are not about scanning: the weekly
 * reports' `reports:` section (the seed's `timezone` and `report.*`, seed-behaviour §3.9/§3.13) and
 * the paginated comment lists' limits (`web.default_limit`/`web.max_limit`, §3.8). A dab.conf.json
 * (DAB_CONFIG) feeds the same settings; YAML and environment win over it.
 */

/** An IANA time zone name the runtime knows (`Europe/Paris`, `UTC`); Intl is what every date here is formatted with. */
export const timeZone = () =>
  z
    .string()
    .trim()
    .min(1)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone name such as UTC or America/Chicago');

export const reportsSection = z
  .strictObject({
    /** Weeks start on Monday 00:00 in this zone; dates on pages and the `date` command use it (§3.13 `timezone`). */
    timezone: timeZone().default('UTC'),
    /** Comments at or under this score are listed; users whose week sum is under it are ranked (§3.9 `report.cutoff`). */
    cutoff: intFromString({ max: 0 }).default(-50),
    /** How many users the top tables (and the compendium's most downvoted) show (§3.9 `report.nb_top`). */
    nbTop: intFromString({ min: 0, max: 100 }).default(5),
    /** Deprecated in the seed (default 0): shifts each week back by this long. Milliseconds. */
    leeway: duration({ min: 0 }).default(0),
  })
  .prefault({});

export type ReportSettings = z.infer<typeof reportsSection>;

/**
 * `limit`/`offset` pagination of the compendium's comment lists (§3.8 Pagination): fields of the
 * web app's `web:` section (`web.defaultLimit`, `web.maxLimit`; dab.conf.json's web.default_limit/max_limit).
 */
export const pageLimitFields = {
  defaultLimit: intFromString({ min: 1, max: 100_000 }).default(100),
  maxLimit: intFromString({ min: 1, max: 100_000 }).default(1000),
};

export interface PageLimits {
  readonly defaultLimit: number;
  readonly maxLimit: number;
}

/** Environment variables of these sections (the rest is YAML or dab.conf.json). */
export const pagesEnvMapping = {
  HERALD_TIMEZONE: 'reports.timezone',
} as const;
