import { describe, expect, it } from 'vitest';
import { parseWeekOption } from './cli.js';

describe('parseWeekOption (`report --week`)', () => {
  it('reads YEAR/WEEK and the ISO spellings', () => {
    expect(parseWeekOption('2019/36')).toEqual({ year: 2019, week: 36 });
    expect(parseWeekOption('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseWeekOption(' 2021/w1 ')).toEqual({ year: 2021, week: 1 });
  });

  it('names --week and the reason for anything else', () => {
    expect(() => parseWeekOption('2019/53')).toThrow('--week: Week must be between 1 and 52 for 2019.');
    expect(() => parseWeekOption('last')).toThrow('--week: must be YEAR/WEEK (an ISO week), e.g. 2019/36; got "last"');
    expect(() => parseWeekOption('2019')).toThrow('--week: must be YEAR/WEEK');
  });
});
