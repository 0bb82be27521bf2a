import { describe, expect, it } from 'vitest';
import { escapeAndTruncate, escapeDiscordText, fitLines } from './text.js';

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
