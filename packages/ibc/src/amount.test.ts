import { describe, expect, it } from 'vitest';
import { formatAmount, formatDuration, formatRunway, formatTimeLeft, formatUtc, MAX_BASE_UNITS, parseAmount } from './amount.js';

describe('formatAmount', () => {
  it('shows base units exactly in display units, trailing zeros trimmed, thousands grouped', () => {
    expect(formatAmount(1_500_000n, 6, 'ATOM')).toBe('1.5 ATOM');
    expect(formatAmount(2_000_000n, 6, 'ATOM')).toBe('2 ATOM');
    expect(formatAmount(0n, 6, 'ATOM')).toBe('0 ATOM');
    expect(formatAmount(1n, 6, 'ATOM')).toBe('0.000001 ATOM');
    expect(formatAmount(1_234_567_890_000n, 6, 'ATOM')).toBe('1,234,567.89 ATOM');
    expect(formatAmount(42n, 0, 'NOBLE')).toBe('42 NOBLE');
    expect(formatAmount(-2_500_000n, 6, 'ATOM')).toBe('-2.5 ATOM');
  });

  it('keeps every digit of an 18-decimal token (the seed rounded floats to 3 decimals)', () => {
    expect(formatAmount(123_456_789_012_345_678_901_234_567n, 18, 'INJ')).toBe('123,456,789.012345678901234567 INJ');
  });
});

describe('parseAmount', () => {
  it('reads display units into exact base units', () => {
    expect(parseAmount('0.5', 6)).toEqual({ ok: true, base: 500_000n });
    expect(parseAmount('2', 6)).toEqual({ ok: true, base: 2_000_000n });
    expect(parseAmount(' 1,000.25 ', 6)).toEqual({ ok: true, base: 1_000_250_000n });
    expect(parseAmount('.5', 6)).toEqual({ ok: true, base: 500_000n });
    expect(parseAmount('+3', 0)).toEqual({ ok: true, base: 3n });
    expect(parseAmount('0.000000000000000001', 18)).toEqual({ ok: true, base: 1n });
    expect(parseAmount('1.500000000', 6)).toEqual({ ok: true, base: 1_500_000n });
  });

  it('round-trips what formatAmount writes', () => {
    for (const base of [1n, 999n, 1_000_000n, 123_456_789_000_001n]) {
      const shown = formatAmount(base, 6, 'ATOM').replace(' ATOM', '');
      expect(parseAmount(shown, 6)).toEqual({ ok: true, base });
    }
  });

  it.each([
    ['', 'is empty; give an amount such as 0.5'],
    ['-1', 'must be positive, not negative'],
    ['0', 'must be more than zero'],
    ['0.000', 'must be more than zero'],
    ['abc', 'is not a number; give an amount such as 0.5 or 2'],
    ['1.2.3', 'is not a number; give an amount such as 0.5 or 2'],
    ['5.', 'is not a number; give an amount such as 0.5 or 2'],
    ['NaN', 'is not a number; give an amount such as 0.5 or 2'],
    ['Infinity', 'is not a number; give an amount such as 0.5 or 2'],
    ['0x10', 'is not a number; give an amount such as 0.5 or 2'],
    ['1e3', 'is in exponent notation; write the number out (e.g. 1000 rather than 1e3)'],
    ['0,5', 'uses a decimal comma; use a dot (e.g. 0.5)'],
    ['1.0000001', "has more than 6 decimals, the token's precision"],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseAmount(text, 6)).toEqual({ ok: false, reason });
  });

  it('refuses decimals on a token without any, and amounts above 2^256 − 1 base units', () => {
    expect(parseAmount('1.5', 0)).toEqual({ ok: false, reason: 'must be a whole number: this token has no decimals' });
    expect(parseAmount(MAX_BASE_UNITS.toString(), 0)).toEqual({ ok: true, base: MAX_BASE_UNITS });
    expect(parseAmount((MAX_BASE_UNITS + 1n).toString(), 0)).toEqual({ ok: false, reason: 'is larger than any balance a Cosmos chain can hold' });
    expect(parseAmount('9'.repeat(80), 6)).toMatchObject({ ok: false });
  });
});

describe('durations', () => {
  it('formats spans short, and runways and time left around them', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(12 * 60 + 5)).toBe('12 min');
    expect(formatDuration(5 * 3600 + 20 * 60)).toBe('5 h 20 min');
    expect(formatDuration(26 * 3600)).toBe('26 h');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
    expect(formatDuration(14 * 86400)).toBe('14 d');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatUtc(new Date('2026-11-30T12:05:59.999Z'))).toBe('2026-11-30 12:05 UTC');
  });

  it('words a runway for a sentence (Discord) or a table cell (web pages)', () => {
    expect(formatRunway(null)).toBe('unknown');
    expect(formatRunway(Number.POSITIVE_INFINITY)).toBe('unknown');
    expect(formatRunway(2 * 86400)).toBe('~2 d');
    expect(formatRunway(3 * 86400 + 4 * 3600, 'text')).toBe('~3 d 4 h');
    expect(formatRunway(null, 'cell')).toBe('—');
    expect(formatRunway(Number.NaN, 'cell')).toBe('—');
    expect(formatRunway(3 * 86400 + 4 * 3600, 'cell')).toBe('3 d 4 h');
  });

  it('words time left for a sentence or a table cell; an expired client reads the same in both', () => {
    expect(formatTimeLeft(7200)).toBe('2 h left');
    expect(formatTimeLeft(7199)).toBe('119 min left');
    expect(formatTimeLeft(-3 * 3600)).toBe('expired 3 h ago');
    expect(formatTimeLeft(0)).toBe('expired 0 s ago');
    expect(formatTimeLeft(null)).toBe('unknown');
    expect(formatTimeLeft(2 * 86_400 + 3600, 'cell')).toBe('2 d 1 h');
    expect(formatTimeLeft(17 * 3600 + 20 * 60, 'cell')).toBe('17 h 20 min');
    expect(formatTimeLeft(-7200, 'cell')).toBe('expired 2 h ago');
    expect(formatTimeLeft(0, 'cell')).toBe('expired 0 s ago');
    expect(formatTimeLeft(null, 'cell')).toBe('—');
  });
});
