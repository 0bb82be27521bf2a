import { describe, expect, it } from 'vitest';
import { escapeAndTruncate, escapeDiscordText, fitLines, formatDuration } from './text.js';

describe('escapeDiscordText', () => {
  it('shows markdown, mentions, timestamps and mass mentions literally', () => {
    expect(escapeDiscordText('**bold** _i_ `c` ~s~ |sp| > q [l](u)')).toBe('\\*\\*bold\\*\\* \\_i\\_ \\`c\\` \\~s\\~ \\|sp\\| \\> q \\[l\\](u)');
    expect(escapeDiscordText('<@123> <t:1:R> @everyone @Here')).toBe('\\<@123\\> \\<t:1:R\\> @\u200beveryone @\u200bHere');
    expect(escapeDiscordText('# head\n - item')).toBe('\\# head\n \\- item');
  });
});

describe('escapeAndTruncate', () => {
  it('never leaves half an escape at the cut', () => {
    const out = escapeAndTruncate('abc*def', 5);
    expect(out).toBe('abc…');
    expect(out.length).toBeLessThanOrEqual(5);
    expect(escapeAndTruncate('plain', 10)).toBe('plain');
  });
});

describe('fitLines', () => {
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
  it('keeps everything that fits', () => {
    expect(fitLines(lines, 1000)).toBe(lines.join('\n'));
  });
  it('drops lines from the end and says how many, within the limit', () => {
    const out = fitLines(lines, 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out).toBe('line 0\nline 1\n… and 8 more');
    expect(fitLines(lines, 30, (n) => `+${n}`)).toBe('line 0\nline 1\nline 2\nline 3\n+6');
  });
  it('truncates a first line that alone is too long', () => {
    expect(fitLines(['x'.repeat(50)], 10)).toBe(`${'x'.repeat(9)}…`);
    const out = fitLines(['x'.repeat(50), 'y'], 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.endsWith('… and 1 more')).toBe(true);
  });
});

describe('formatDuration', () => {
  it('names whole seconds, minutes, hours and days, short enough for a table cell', () => {
    expect([-3, 0, 44.6, 119, 125, 7199, 7200, 3 * 3600 + 5 * 60, 47 * 3600, 48 * 3600, 52 * 3600].map((s) => formatDuration(s))).toEqual([
      '0 s', '0 s', '45 s', '119 s', '2 min', '119 min', '2 h', '3 h 5 min', '47 h', '2 d', '2 d 4 h',
    ]);
  });

  it('with precise, shows round trips below a second in ms and short waits with one decimal', () => {
    expect([0.0004, 0.15, 0.9994, 0.9996, 1.54, 45, 119.96, 125].map((s) => formatDuration(s, { precise: true }))).toEqual([
      '0 ms', '150 ms', '999 ms', '1 s', '1.5 s', '45 s', '2 min', '2 min',
    ]);
  });
});
