import { describe, expect, it } from 'vitest';
import { clip, packLines } from './text.js';
import { quote } from './values.js';

describe('packLines', () => {
  it('packs lines into texts within the limit, in order, losing none (the tail included)', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
    const texts = packLines(lines, 200);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(200);
    expect(texts.join('\n').split('\n')).toEqual(lines);
  });

  it('gives one text for a short list and one empty text for none; cuts a single overlong line', () => {
    expect(packLines(['a', 'b'], 10)).toEqual(['a\nb']);
    expect(packLines([], 10)).toEqual(['']);
    expect(packLines(['0123456789abc', 'd'], 10)).toEqual(['012345678…', 'd']);
  });
});

describe('clip and quote: one line, cut by @herald/discord/text truncate', () => {
  it('clip folds whitespace onto one line and cuts to max characters, ending in …', () => {
    expect(clip('  connection\n refused \t by peer ', 100)).toBe('connection refused by peer');
    expect(clip('0123456789abc', 10)).toBe('012345678…');
    expect(clip('0123456789abc', 10)).toHaveLength(10);
  });

  it('quote echoes input as a code span that cannot be broken out of, within max characters', () => {
    expect(quote('a`b\r\nc')).toBe("`a'b c`");
    expect(quote('x'.repeat(100), 40)).toBe(`\`${'x'.repeat(39)}…\``);
    expect(quote('   ')).toBe('(nothing)');
    // Never half of a surrogate pair: the emoji is dropped whole rather than split.
    expect(quote(`${'x'.repeat(38)}😀tail`, 40)).toBe(`\`${'x'.repeat(38)}…\``);
  });
});
