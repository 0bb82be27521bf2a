import { describe, expect, it } from 'vitest';
import { karmaWeeks, scoreBinEdges } from './charts.js';

describe('report charts', () => {
  it('bins scores from the cutoff in 1–1.5–2–3–5 steps up to the most negative score', () => {
    expect(scoreBinEdges(-50, -50)).toEqual([50, 100]);
    expect(scoreBinEdges(-50, -1999)).toEqual([50, 100, 150, 200, 300, 500, 1000, 1500, 2000]);
    expect(scoreBinEdges(-50, -2000)).toEqual([50, 100, 150, 200, 300, 500, 1000, 1500, 2000, 3000]);
    expect(scoreBinEdges(0, -7)).toEqual([0, 1, 2, 3, 5, 10]); // integer edges only
    expect(scoreBinEdges(-120, -130)).toEqual([120, 150]);
  });

  it('shows 26 weeks up to the report’s, across the year end', () => {
    const weeks = karmaWeeks({ year: 2021, week: 10 });
    expect(weeks).toHaveLength(26);
    expect(weeks[0]).toEqual({ year: 2020, week: 38 }); // 2020 has 53 weeks
    expect(weeks.at(-1)).toEqual({ year: 2021, week: 10 });
  });
});
