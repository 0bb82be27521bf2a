/**
 * The arguments of `delete <n> [offset]`, read and refused with the seed's texts (seed-behaviour
 * §3.6), except that Go's `strconv.Atoi: parsing "x": invalid syntax` became a sentence.
 */

/** The most messages one `delete` looks at (n + offset): one page of channel history. */
export const MAX_DELETE_WINDOW = 100;

export type DeleteArguments = { readonly ok: true; readonly count: number; readonly offset: number } | { readonly ok: false; readonly error: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** What Go's `strconv.Atoi` accepted on a 64-bit machine: an optional sign and decimal digits, within int64. */
function atoi(text: string): { value: number } | { error: string } {
  const quoted = JSON.stringify(text);
  if (!/^[+-]?\d+$/.test(text)) return { error: `${quoted} is not a whole number` };
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return { error: `${quoted} is far too large` };
  // Anything beyond ±2^53 is far outside the accepted range, so the rounding of Number() is harmless.
  return { value: Number(value) };
}

/**
 * `count` is the first argument as typed, `rest` everything after it (the seed split the line on
 * single spaces, so `5  2` is three arguments, the middle one empty).
 */
export function parseDeleteArguments(count: string, rest: string | undefined): DeleteArguments {
  const args = rest === undefined ? [count] : [count, ...rest.split(' ')];
  if (args.length > 2) return { ok: false, error: 'This command takes at most two arguments.' };
  const n = atoi(args[0]!);
  if ('error' in n) return { ok: false, error: `Invalid number of messages to delete: ${n.error}` };
  if (n.value < 1) return { ok: false, error: 'The number of messages to delete must be higher than 0' };
  let offset = 0;
  if (args.length === 2) {
    const parsed = atoi(args[1]!);
    if ('error' in parsed) return { ok: false, error: `Invalid deletion offset: ${parsed.error}` };
    if (parsed.value < 0) return { ok: false, error: 'The deletion offset must be at least 0' };
    offset = parsed.value;
  }
  if (n.value + offset > MAX_DELETE_WINDOW) {
    return {
      ok: false,
      error: `The sum of the number of messages to delete (${n.value}) and the offset (${offset}) cannot be more than ${MAX_DELETE_WINDOW}.`,
    };
  }
  return { ok: true, count: n.value, offset };
}
