import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { goDuration, GoDurationError, parseGoDuration } from './go-duration.js';

const ns = 1n;
const us = 1000n * ns;
const ms = 1000n * us;
const s = 1000n * ms;
const m = 60n * s;
const h = 60n * m;

describe('parseGoDuration: Go time.ParseDuration', () => {
  // Go's own table (src/time/time_test.go, parseDurationTests).
  it.each([
    ['0', 0n],
    ['5s', 5n * s],
    ['1478s', 1478n * s],
    ['-5s', -5n * s],
    ['+5s', 5n * s],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * s],
    ['5.6s', 5n * s + 600n * ms],
    ['5.s', 5n * s],
    ['.5s', 500n * ms],
    ['1.004s', s + 4n * ms],
    ['100.00100s', 100n * s + ms],
    ['10ns', 10n * ns],
    ['11us', 11n * us],
    ['12\u00b5s', 12n * us],
    ['12\u03bcs', 12n * us],
    ['13ms', 13n * ms],
    ['15m', 15n * m],
    ['16h', 16n * h],
    ['3h30m', 3n * h + 30n * m],
    ['10.5s4m', 4n * m + 10n * s + 500n * ms],
    ['-2m3.4s', -(2n * m + 3n * s + 400n * ms)],
    ['1h2m3s4ms5us6ns', h + 2n * m + 3n * s + 4n * ms + 5n * us + 6n * ns],
    ['39h9m14.425s', 39n * h + 9n * m + 14n * s + 425n * ms],
    ['52763797000ns', 52763797000n],
    ['0.3333333333333333333h', 20n * m],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-9223372036854775.808us', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * m],
    ['0.830103483285477580700h', 49n * m + 48n * s + 372539827n],
    // The seed's README values.
    ['72h', 72n * h],
    ['2200h', 2200n * h],
    ['1.5h', 90n * m],
    ['300ms', 300n * ms],
  ])('%s', (input, want) => {
    expect(parseGoDuration(input)).toBe(want);
  });

  // Go's parseDurationErrorTests, and what other parsers accept but Go does not.
  it.each([
    ['', 'invalid duration ""'],
    ['3', 'missing unit in duration "3"'],
    ['-', 'invalid duration "-"'],
    ['s', 'invalid duration "s"'],
    ['.', 'invalid duration "."'],
    ['-.', 'invalid duration "-."'],
    ['.s', 'invalid duration ".s"'],
    ['+.s', 'invalid duration "+.s"'],
    ['1d', 'unknown unit "d" in duration "1d"'],
    ['9223372036854775810ns', 'invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'invalid duration "-9223372036854775809ns"'],
    ['9223372036854776us', 'invalid duration "9223372036854776us"'],
    ['3000000h', 'invalid duration "3000000h"'],
    ['9223372036854775.808us', 'invalid duration "9223372036854775.808us"'],
    ['1 h', 'unknown unit " h" in duration "1 h"'],
    [' 1h', 'invalid duration " 1h"'],
    ['1H', 'unknown unit "H" in duration "1H"'],
    ['1hour', 'unknown unit "hour" in duration "1hour"'],
    ['1h 30m', 'unknown unit "h " in duration "1h 30m"'],
    ['--1h', 'invalid duration "--1h"'],
    ['00', 'missing unit in duration "00"'],
  ])('refuses %j: %s', (input, reason) => {
    const error = (() => {
      try {
        parseGoDuration(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GoDurationError);
    expect((error as GoDurationError).reason).toBe(reason);
    expect((error as GoDurationError).message).toBe(`time: ${reason}`);
  });
});

describe('goDuration setting', () => {
  const parse = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : result.error.issues[0]!.message;
  };

  it('gives milliseconds', () => {
    expect(parse(goDuration(), '1h30m')).toBe(5_400_000);
    expect(parse(goDuration(), '300us')).toBe(0.3);
    expect(parse(goDuration(), '0')).toBe(0);
  });

  it('says why a string is not a Go duration', () => {
    expect(parse(goDuration(), '3d')).toBe('"3d" is not a Go duration (unknown unit "d" in duration "3d"; use e.g. 72h, 1h30m, 15m, 300ms)');
    expect(parse(goDuration(), 3600)).toBe('must be a Go duration string such as "72h", "1h30m", "15m" or "300ms"');
  });

  it('applies minimums exactly, and 0 when allowed', () => {
    expect(parse(goDuration({ min: '24h' }), '24h')).toBe(86_400_000);
    expect(parse(goDuration({ min: '24h' }), '23h59m59.999999999s')).toBe('must be at least 24h (got 23h59m59.999999999s)');
    expect(parse(goDuration({ min: '1m', zeroOrMin: true }), '0s')).toBe(0);
    expect(parse(goDuration({ min: '1m', zeroOrMin: true }), '59s')).toBe('must be 0 (disabled) or at least 1m (got 59s)');
    expect(parse(goDuration({ min: '1m', zeroOrMin: true }), '-1m')).toBe('must be 0 (disabled) or at least 1m (got -1m)');
    expect(parse(goDuration(), '-1s')).toBe('may not be negative (got -1s)');
  });
});
