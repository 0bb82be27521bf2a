import { describe, expect, it } from 'vitest';
import { currentWeek, isoWeeksInYear, lastWeek, parseReportWeek, shiftWeek, weekOf, weekWindow } from './weeks.js';

const hours = (window: { start: Date; end: Date }) => (window.end.getTime() - window.start.getTime()) / 3_600_000;
const utc = { timezone: 'UTC', leeway: 0 };

describe('ISO weeks', () => {
  it('knows which years have 53 weeks', () => {
    expect([2015, 2019, 2020, 2021, 2025, 2026, 2027, 2032].map(isoWeeksInYear)).toEqual([53, 52, 53, 52, 52, 53, 52, 53]);
  });

  it('starts week 1 on the Monday of the week of 4 January, even in the year before', () => {
    expect(weekWindow({ year: 2020, week: 1 }, utc)).toEqual({ start: new Date('2019-12-30T00:00:00Z'), end: new Date('2020-01-06T00:00:00Z') });
    expect(weekWindow({ year: 2021, week: 1 }, utc).start).toEqual(new Date('2021-01-04T00:00:00Z'));
  });

  it('has a week 53 in 53-week years, running into January', () => {
    expect(weekWindow({ year: 2020, week: 53 }, utc)).toEqual({ start: new Date('2020-12-28T00:00:00Z'), end: new Date('2021-01-04T00:00:00Z') });
    expect(weekWindow({ year: 2026, week: 53 }, utc)).toEqual({ start: new Date('2026-12-28T00:00:00Z'), end: new Date('2027-01-04T00:00:00Z') });
    expect(weekOf(new Date('2021-01-03T23:59:59.999Z'), 'UTC')).toEqual({ year: 2020, week: 53 });
    expect(weekOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toEqual({ year: 2026, week: 53 });
  });

  it('starts weeks at Monday 00:00 local time across DST changes (America/Chicago: 167 and 169 hours)', () => {
    const chicago = { timezone: 'America/Chicago', leeway: 0 };
    // DST began Sunday 2021-03-14: the week starts at CST (UTC−6) and ends at CDT (UTC−5).
    const spring = weekWindow({ year: 2021, week: 10 }, chicago);
    expect(spring).toEqual({ start: new Date('2021-03-08T06:00:00Z'), end: new Date('2021-03-15T05:00:00Z') });
    expect(hours(spring)).toBe(167);
    // DST ended Sunday 2021-11-07.
    const autumn = weekWindow({ year: 2021, week: 44 }, chicago);
    expect(autumn).toEqual({ start: new Date('2021-11-01T05:00:00Z'), end: new Date('2021-11-08T06:00:00Z') });
    expect(hours(autumn)).toBe(169);
  });

  it('starts weeks at Monday 00:00 local time across DST changes (Europe/Paris)', () => {
    const paris = { timezone: 'Europe/Paris', leeway: 0 };
    const spring = weekWindow({ year: 2021, week: 12 }, paris); // DST began Sunday 2021-03-28
    expect(spring).toEqual({ start: new Date('2021-03-21T23:00:00Z'), end: new Date('2021-03-28T22:00:00Z') });
    const autumn = weekWindow({ year: 2021, week: 43 }, paris); // DST ended Sunday 2021-10-31
    expect(autumn).toEqual({ start: new Date('2021-10-24T22:00:00Z'), end: new Date('2021-10-31T23:00:00Z') });
    expect([hours(spring), hours(autumn)]).toEqual([167, 169]);
  });

  it('puts the boundary instant in exactly one week: windows are half-open and meet', () => {
    for (const timezone of ['UTC', 'America/Chicago', 'Europe/Paris']) {
      for (const week of [{ year: 2021, week: 10 }, { year: 2021, week: 44 }, { year: 2020, week: 53 }]) {
        const window = weekWindow(week, { timezone, leeway: 0 });
        const next = weekWindow(shiftWeek(week, 1), { timezone, leeway: 0 });
        expect(next.start).toEqual(window.end);
        expect(weekOf(window.start, timezone)).toEqual(week);
        expect(weekOf(window.end, timezone)).toEqual(shiftWeek(week, 1));
        expect(weekOf(new Date(window.end.getTime() - 1), timezone)).toEqual(week);
      }
    }
  });

  it('shifts the window back by the leeway', () => {
    const window = weekWindow({ year: 2019, week: 36 }, { timezone: 'UTC', leeway: 12 * 3_600_000 });
    expect(window).toEqual({ start: new Date('2019-09-01T12:00:00Z'), end: new Date('2019-09-08T12:00:00Z') });
  });

  it('finds the current and last week in the zone (last week = the week of now − 7 days)', () => {
    const now = new Date('2021-01-03T23:30:00Z'); // Sunday in UTC, already Monday 4 January in Paris
    expect(currentWeek(now, 'UTC')).toEqual({ year: 2020, week: 53 });
    expect(currentWeek(now, 'Europe/Paris')).toEqual({ year: 2021, week: 1 });
    expect(lastWeek(now, 'UTC')).toEqual({ year: 2020, week: 52 });
    expect(lastWeek(now, 'Europe/Paris')).toEqual({ year: 2020, week: 53 });
  });

  it('steps between weeks across year ends', () => {
    expect(shiftWeek({ year: 2020, week: 53 }, 1)).toEqual({ year: 2021, week: 1 });
    expect(shiftWeek({ year: 2021, week: 1 }, -1)).toEqual({ year: 2020, week: 53 });
    expect(shiftWeek({ year: 2019, week: 52 }, 1)).toEqual({ year: 2020, week: 1 });
    expect(shiftWeek({ year: 2021, week: 30 }, -26)).toEqual({ year: 2021, week: 4 });
  });
});

describe('parseReportWeek', () => {
  it('accepts what Go’s Atoi accepts, within the year’s weeks', () => {
    expect(parseReportWeek('2019', '36')).toEqual({ year: 2019, week: 36 });
    expect(parseReportWeek('2020', '53')).toEqual({ year: 2020, week: 53 });
    expect(parseReportWeek('+2019', '036')).toEqual({ year: 2019, week: 36 });
  });

  it('refuses week 53 of a 52-week year and weeks 54–255 (the seed rolled them into later dates)', () => {
    expect(() => parseReportWeek('2019', '53')).toThrow('Week must be between 1 and 52 for 2019.');
    expect(() => parseReportWeek('2020', '54')).toThrow('Week must be between 1 and 53 for 2020.');
    expect(() => parseReportWeek('2019', '255')).toThrow('Week must be between 1 and 52 for 2019.');
    expect(() => parseReportWeek('2019', '0')).toThrow('Week must be between 1 and 52 for 2019.');
    expect(() => parseReportWeek('2019', '-1')).toThrow('Week must be between 1 and 52 for 2019.');
  });

  it('answers with the seed’s texts for what is not a number, and bounds the year', () => {
    expect(() => parseReportWeek('twenty', '1')).toThrow('Year must be a valid number.');
    expect(() => parseReportWeek('2019', '3x')).toThrow('Week must be a valid number.');
    expect(() => parseReportWeek('2019', '')).toThrow('Week must be a valid number.');
    expect(() => parseReportWeek('2019.5', '1')).toThrow('Year must be a valid number.');
    expect(() => parseReportWeek('1969', '1')).toThrow('Year must be between 1970 and 9999.');
    expect(() => parseReportWeek('123456789012345678901', '1')).toThrow('Year must be between 1970 and 9999.');
  });
});
