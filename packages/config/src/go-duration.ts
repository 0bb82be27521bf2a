import { z } from 'zod';

/**
 * Go's `time.ParseDuration`, exactly: the grammar `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or a lone `0`,
 * units `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`, `m`, `h` (no `d`), fractions in any
 * part (`1.5h`, `.5s`, `1.s`), several parts (`1h30m`), a sign, and the int64-nanosecond range.
 *
 * Written here because no npm library is strict: `parse-duration` and `ms` accept far more than
 * Go does (`1 day`, `1d`, spaces, bare numbers), and `@arcjet/duration` (a Go port) drops fractions
 * and the sub-second units and adds `d`. A file that Down Arrows Bot accepts must mean the same
 * here, and one it refuses must be refused. Ported from Go's src/time/format.go (BSD licence).
 */

const units = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);
const limit = 1n << 63n;

/** A string Go's `time.ParseDuration` refuses; `reason` is Go's own wording without the `time: ` prefix. */
export class GoDurationError extends Error {
  override name = 'GoDurationError';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`time: ${reason}`);
  }
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Parses a Go duration string into nanoseconds (negative for `-1h`). Throws {@link GoDurationError}
 * with Go's message: `invalid duration "x"`, `missing unit in duration "1"`, `unknown unit "d" in duration "1d"`.
 */
export function parseGoDuration(input: string): bigint {
  const invalid = () => new GoDurationError(input, `invalid duration ${JSON.stringify(input)}`);
  let s = input;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // [0-9]*: Go fails as soon as the integer part passes 2^63.
    let whole = 0n;
    let i = 0;
    for (; isDigit(s[i]); i++) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > limit) throw invalid();
    }
    const before = i > 0;
    s = s.slice(i);
    // (\.[0-9]*)?: digits past int64's precision are consumed but ignored, as in Go's leadingFraction.
    let fraction = 0n;
    let scale = 1;
    let after = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let overflow = false;
      for (i = 0; isDigit(s[i]); i++) {
        if (overflow) continue;
        const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
        if (fraction > (limit - 1n) / 10n || next > limit) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      after = i > 0;
      s = s.slice(i);
    }
    if (!before && !after) throw invalid();
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) throw new GoDurationError(input, `missing unit in duration ${JSON.stringify(input)}`);
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = units.get(unitName);
    if (unit === undefined) throw new GoDurationError(input, `unknown unit ${JSON.stringify(unitName)} in duration ${JSON.stringify(input)}`);
    if (whole > limit / unit) throw invalid();
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes the fraction in float64 (nanosecond-accurate for fractions of hours) and truncates.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > limit) throw invalid();
    }
    total += value;
    if (total > limit) throw invalid();
  }
  if (negative) return -total;
  if (total > limit - 1n) throw invalid();
  return total;
}

/** Nanoseconds to Herald's unit, milliseconds (fractional below a millisecond: `300us` is 0.3). */
export function goDurationToMs(nanoseconds: bigint): number {
  return Number(nanoseconds) / 1e6;
}

/**
 * A Go duration setting (a JSON string such as `"72h"`), as milliseconds. `min` is itself a Go
 * duration string (`'24h'`); with `zeroOrMin`, `0` (any spelling: `0`, `0s`) is allowed too and
 * means "disabled". A value below zero is refused even without `min`. Messages quote the value
 * and the rule in Go's notation (`must be at least 24h`).
 */
export const goDuration = (opts: { min?: string; zeroOrMin?: boolean } = {}) =>
  z.string({ error: 'must be a Go duration string such as "72h", "1h30m", "15m" or "300ms"' }).transform((text, ctx) => {
    let ns: bigint;
    try {
      ns = parseGoDuration(text);
    } catch (error) {
      if (!(error instanceof GoDurationError)) throw error;
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a Go duration (${error.reason}; use e.g. 72h, 1h30m, 15m, 300ms)` });
      return z.NEVER;
    }
    const min = opts.min === undefined ? 0n : parseGoDuration(opts.min);
    if (ns < 0n || (ns < min && !(opts.zeroOrMin && ns === 0n))) {
      const rule = opts.min === undefined ? 'may not be negative' : `must be ${opts.zeroOrMin ? '0 (disabled) or ' : ''}at least ${opts.min}`;
      ctx.addIssue({ code: 'custom', message: `${rule} (got ${text})` });
      return z.NEVER;
    }
    return goDurationToMs(ns);
  });
