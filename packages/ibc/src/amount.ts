/**
 * Token amounts and time spans as Herald shows and reads them: one place for commands, renderers,
 * the status message and the web pages.
 *
 * Amounts are exact: base units are a `bigint` (e.g. uatom), display units are text (e.g. "1.5"
 * ATOM, 1 ATOM = 10^exponent uatom); conversion goes through `@cosmjs/math`'s `Decimal`, never
 * through floats (the seed's `round(int(amount) / 10**exponent, 3)` lost precision on 18-decimal tokens).
 */
import { Decimal } from '@cosmjs/math';
import { formatDuration } from '@herald/discord/text';

export { formatDuration };

/**
 * The largest amount a Cosmos chain can hold: `sdk.Int` is a 256-bit integer (cosmossdk.io/math),
 * so no balance or threshold is above 2^256 − 1 base units.
 */
export const MAX_BASE_UNITS = 2n ** 256n - 1n;

/** 1234567 → "1,234,567" (commas between groups of three digits). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Base units → display text: `formatAmount(1500000n, 6, 'ATOM')` → `"1.5 ATOM"`,
 * `formatAmount(1234500000000n, 6, 'ATOM')` → `"1,234,500 ATOM"`. Exact (every significant digit
 * is kept, trailing zeros are trimmed), thousands grouped with commas; negative amounts get a "-".
 * Throws only for an exponent Decimal refuses (not an integer 0–100).
 */
export function formatAmount(base: bigint, exponent: number, displayDenom: string): string {
  return `${formatUnits(base, exponent)} ${displayDenom}`;
}

/** Base units → the display number alone, as {@link formatAmount} writes it ("1,234.5"). */
export function formatUnits(base: bigint, exponent: number): string {
  const negative = base < 0n;
  const text = Decimal.fromAtomics(negative ? -base : base, exponent).toString();
  const [whole = '0', fraction] = text.split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction === undefined ? '' : `.${fraction}`}`;
}

export type ParsedAmount = { readonly ok: true; readonly base: bigint } | { readonly ok: false; readonly reason: string };

const PLAIN = /^\d+(?:\.\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * A positive amount typed in display units → exact base units: `parseAmount('0.5', 6)` →
 * `{ ok: true, base: 500000n }`. Accepts digits with an optional dot and fraction, and commas as
 * thousands separators ("1,000.5", as {@link formatAmount} writes them). Refuses, with a reason
 * that can be shown to the user: empty, negative, zero, exponent notation ("1e3": the number of
 * zeros is easy to get wrong in a threshold, so it is spelled out), a decimal comma, other
 * characters, more decimals than the token has (`exponent`), and amounts above {@link MAX_BASE_UNITS}.
 */
export function parseAmount(text: string, exponent: number): ParsedAmount {
  const trimmed = text.trim();
  if (trimmed === '') return fail('is empty; give an amount such as 0.5');
  if (/^[-−]/.test(trimmed)) return fail('must be positive, not negative');
  // "+2" and ".5" are unambiguous; accept them as 2 and 0.5.
  const unsigned = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
  const typed = unsigned.startsWith('.') ? `0${unsigned}` : unsigned;
  if (/^[\d.]+e[+-]?\d+$/i.test(typed)) return fail('is in exponent notation; write the number out (e.g. 1000 rather than 1e3)');
  if (/^\d+,\d+$/.test(typed) && !GROUPED.test(typed)) return fail('uses a decimal comma; use a dot (e.g. 0.5)');
  if (!PLAIN.test(typed) && !GROUPED.test(typed)) return fail('is not a number; give an amount such as 0.5 or 2');
  const digits = typed.replaceAll(',', '');
  const fraction = digits.split('.')[1]?.replace(/0+$/, '') ?? '';
  if (fraction.length > exponent) {
    return fail(exponent === 0 ? 'must be a whole number: this token has no decimals' : `has more than ${exponent} decimals, the token's precision`);
  }
  const base = BigInt(Decimal.fromUserInput(digits, exponent).atomics);
  if (base === 0n) return fail('must be more than zero');
  if (base > MAX_BASE_UNITS) return fail('is larger than any balance a Cosmos chain can hold');
  return { ok: true, base };
}

function fail(reason: string): ParsedAmount {
  return { ok: false, reason };
}

/**
 * Where a span is shown. `text` (the default): inside a sentence of a Discord message or reply, which
 * must say what the number is (`runway ~3 d 4 h`, `5 h 20 min left`, `unknown`). `cell`: in a table
 * column whose heading already says it (the web pages' "Runway" and "Time left"): the span alone
 * (`3 d 4 h`), and `—` when unknown, like every empty cell of the pages.
 */
export type SpanWording = 'text' | 'cell';

const unknownSpan = { text: 'unknown', cell: '—' } as const;

/**
 * How long a wallet's balance lasts at its measured spend rate, from seconds: `~3 d 4 h` (an estimate;
 * `3 d 4 h` in a `cell`); unknown (`unknown`, `—`) when `seconds` is null or not finite (too few
 * balance samples, or the wallet is not spending).
 */
export function formatRunway(seconds: number | null, wording: SpanWording = 'text'): string {
  if (seconds === null || !Number.isFinite(seconds)) return unknownSpan[wording];
  return wording === 'cell' ? formatDuration(seconds) : `~${formatDuration(seconds)}`;
}

/**
 * A light client's time to expiry, from seconds (ibc-go's host-chain clock, as of the last check):
 * `5 h 20 min left` (`5 h 20 min` in a `cell`), `expired 2 h ago` once zero or past (both wordings);
 * unknown (`unknown`, `—`) when `seconds` is null or not finite (never read).
 */
export function formatTimeLeft(seconds: number | null, wording: SpanWording = 'text'): string {
  if (seconds === null || !Number.isFinite(seconds)) return unknownSpan[wording];
  if (seconds <= 0) return `expired ${formatDuration(-seconds)} ago`;
  return wording === 'cell' ? formatDuration(seconds) : `${formatDuration(seconds)} left`;
}

/** A moment in UTC, to the minute: `2026-11-30 12:05 UTC` (the seed printed local time labelled UTC). */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
