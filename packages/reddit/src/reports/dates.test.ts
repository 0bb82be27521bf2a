import { describe, expect, it } from 'vitest';
import { formatAverage, formatCommentDate, formatDay, formatLongDate, formatReportBound, formatRfc850, formatStatisticsBound, zoneLocale } from './dates.js';
import { roundScore } from './model.js';

const monday = new Date('2019-09-02T05:00:00Z');

describe('report dates', () => {
  it('writes the seed’s layouts in the configured zone', () => {
    expect(formatReportBound(monday, 'America/Chicago')).toBe('02 Sep 19 00:00 CDT');
    expect(formatStatisticsBound(monday, 'America/Chicago')).toBe('02 September 2019 00:00 CDT');
    expect(formatCommentDate(monday, 'America/Chicago')).toBe('Monday 02 September 00:00');
    expect(formatReportBound(monday, 'UTC')).toBe('02 Sep 19 05:00 UTC');
    expect(formatDay(monday, 'Asia/Tokyo')).toBe('02 Sep 2019');
  });

  it('names zones with letters where an English locale has them, as Go did (CET, not GMT+1)', () => {
    expect(zoneLocale('America/Chicago')).toBe('en-US');
    expect(zoneLocale('Europe/Paris')).toBe('en-GB');
    expect(formatReportBound(monday, 'Europe/Paris')).toBe('02 Sep 19 07:00 CEST'); // English month names whatever the zone's locale
    expect(formatStatisticsBound(new Date('2019-12-02T12:00:00Z'), 'Europe/Paris')).toBe('02 December 2019 13:00 CET');
    expect(formatReportBound(monday, 'Asia/Tokyo')).toBe('02 Sep 19 14:00 GMT+9'); // no English abbreviation known
  });

  it('rounds averages half away from zero like Go’s math.Round, and shows a missing one as —', () => {
    expect([-2.5, -2.49, -56.667, 2.5, -0.4].map(roundScore)).toEqual([-3, -2, -57, 3, 0]);
    expect(Object.is(roundScore(-0.4), -0)).toBe(false);
    expect(formatAverage(-50.5)).toBe('-51');
    expect(formatAverage(null)).toBe('—');
  });

  it("writes the compendium's long dates (Go's `Monday 02 January 2006 15:04 MST`), N/A for none", () => {
    const winter = new Date('2026-01-05T23:30:00Z');
    const summer = new Date('2026-07-06T08:05:00Z');
    expect(formatLongDate(winter, 'UTC')).toBe('Monday 05 January 2026 23:30 UTC');
    expect(formatLongDate(winter, 'Europe/Paris')).toBe('Tuesday 06 January 2026 00:30 CET');
    expect(formatLongDate(summer, 'Europe/Paris')).toBe('Monday 06 July 2026 10:05 CEST');
    expect(formatLongDate(winter, 'America/Chicago')).toBe('Monday 05 January 2026 17:30 CST');
    expect(formatLongDate(summer, 'America/Chicago')).toBe('Monday 06 July 2026 03:05 CDT');
    expect(formatLongDate(winter, 'Asia/Tokyo')).toBe('Tuesday 06 January 2026 08:30 GMT+9');
    expect(formatLongDate(null, 'UTC')).toBe('N/A');
  });

  it("writes Go's RFC 850 layout (the `date` command) with the zone's daylight saving time", () => {
    expect(formatRfc850(new Date('2006-01-02T22:04:05Z'), 'America/Denver')).toBe('Monday, 02-Jan-06 15:04:05 MST');
    expect(formatRfc850(new Date('2024-07-01T12:00:00Z'), 'America/Chicago')).toBe('Monday, 01-Jul-24 07:00:00 CDT');
    expect(formatRfc850(new Date('2024-01-01T12:00:00Z'), 'America/Chicago')).toBe('Monday, 01-Jan-24 06:00:00 CST');
    expect(formatRfc850(new Date('2024-07-01T12:00:00Z'), 'Europe/Paris')).toBe('Monday, 01-Jul-24 14:00:00 CEST');
    expect(formatRfc850(new Date('2024-01-01T00:30:00Z'), 'UTC')).toBe('Monday, 01-Jan-24 00:30:00 UTC');
    expect(formatRfc850(new Date('2024-03-10T15:00:00Z'), 'Asia/Tokyo')).toBe('Monday, 11-Mar-24 00:00:00 GMT+9');
    expect(() => formatRfc850(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
