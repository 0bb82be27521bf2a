import { DateTime } from 'luxon';
import { roundScore } from './model.js';

/**
 * Every date format of the Down Arrows Bot pages and chores (`@herald/reddit/dates`): the reports'
 * (seed-behaviour §3.9), the compendium's (§3.10) and the `date` command's (§3.6), in the configured
 * IANA zone with luxon, in English.
 * Go printed the tz database's zone abbreviation (`CST`, `CET`); ICU knows them per locale: en-US
 * the American zones' (CST, EDT), en-GB the European ones' (CET, BST). Each zone gets the locale that
 * names it in winter and summer; elsewhere the offset shows (`GMT+9`).
 */

const zoneLocales = new Map<string, string>();

/** `en-US` or `en-GB`: the English locale whose zone abbreviation for `timezone` is letters, not `GMT+n`. */
export function zoneLocale(timezone: string): string {
  let locale = zoneLocales.get(timezone);
  if (locale === undefined) {
    const named = (l: string) =>
      [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)].every((t) => !/^GMT[+-]/.test(DateTime.fromMillis(t, { zone: timezone }).setLocale(l).toFormat('ZZZZ')));
    locale = ['en-US', 'en-GB'].find(named) ?? 'en-US';
    zoneLocales.set(timezone, locale);
  }
  return locale;
}

/** Month and day names in en-US (en-GB abbreviates September `Sept`). */
const at = (date: Date, timezone: string) => DateTime.fromJSDate(date, { zone: timezone }).setLocale('en-US');
const zoneName = (date: Date, timezone: string) => at(date, timezone).setLocale(zoneLocale(timezone)).toFormat('ZZZZ');

/** `02 Jan 06 15:04 UTC`: the summary line of the report and its Markdown (Go's `02 Jan 06 15:04 MST`). */
export function formatReportBound(date: Date, timezone: string): string {
  return `${at(date, timezone).toFormat('dd LLL yy HH:mm')} ${zoneName(date, timezone)}`;
}

/** `02 January 2006 15:04 UTC`: the statistics page's bounds. */
export function formatStatisticsBound(date: Date, timezone: string): string {
  return `${at(date, timezone).toFormat('dd LLLL yyyy HH:mm')} ${zoneName(date, timezone)}`;
}

/** `Monday 02 January 15:04`: a comment's date in the report (no year, no zone, as the seed). */
export function formatCommentDate(date: Date, timezone: string): string {
  return at(date, timezone).toFormat('cccc dd LLLL HH:mm');
}

/** `Monday 02 January 2006 15:04 CET`: the compendium's dates (Go's layout, §3.10); `N/A` for none (no comment yet). */
export function formatLongDate(date: Date | null, timezone: string): string {
  return date === null ? 'N/A' : `${at(date, timezone).toFormat('cccc dd LLLL yyyy HH:mm')} ${zoneName(date, timezone)}`;
}

/**
 * `Monday, 02-Jan-06 15:04:05 MST`: Go's `time.RFC850`, what the seed's `date` answered (§3.6).
 * Throws for an unknown zone (the settings check it at start).
 */
export function formatRfc850(date: Date, timezone: string): string {
  const local = at(date, timezone);
  if (!local.isValid) throw new RangeError(`unknown time zone ${timezone}: ${local.invalidExplanation ?? ''}`);
  return `${local.toFormat('cccc, dd-LLL-yy HH:mm:ss')} ${zoneName(date, timezone)}`;
}

/** An average as the pages show it: rounded half away from zero (`-2.5` → `-3`); `—` when there is none. */
export function formatAverage(average: number | null): string {
  return average === null ? '—' : String(roundScore(average));
}

/** `02 Sep 2019`: a week's first day in the index of reports. */
export function formatDay(date: Date, timezone: string): string {
  return at(date, timezone).toFormat('dd LLL yyyy');
}
