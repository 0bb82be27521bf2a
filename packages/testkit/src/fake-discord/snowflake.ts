import { randomBytes } from 'node:crypto';

/**
 * Discord's epoch, 2015-01-01T00:00:00Z in epoch ms: a snowflake's top 42 bits are the ms since it
 * (https://discord.com/developers/docs/reference#snowflakes), which is what discord.js's
 * `SnowflakeUtil.timestampFrom(id)` and Discord's 14-day bulk-delete rule read.
 */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;
const DISCORD_EPOCH = BigInt(DISCORD_EPOCH_MS);
/** Internal worker 1 in bits 17-21; the process id (bits 12-16) tells live ids (1) from past ones (2). */
const WORKER_BITS = 1n << 17n;
const LIVE_PROCESS = 1n << 12n;
const PAST_PROCESS = 2n << 12n;
const MAX_INCREMENT = 0xfffn;

let increment = 0n;
let lastMs = 0n;

/** A Discord-shaped snowflake (19 digits today) for `now` (epoch ms), unique and increasing within this process. */
export function snowflake(now: number = Date.now()): string {
  let ms = BigInt(Math.floor(now));
  // Keep ids increasing even if the clock steps back.
  if (ms < lastMs) ms = lastMs;
  if (ms !== lastMs) increment = 0n;
  // 4096 ids per millisecond at most: borrow the next millisecond when they run out.
  if (increment > MAX_INCREMENT) {
    ms += 1n;
    increment = 0n;
  }
  lastMs = ms;
  return (((ms - DISCORD_EPOCH) << 22n) | WORKER_BITS | LIVE_PROCESS | increment++).toString();
}

/** Ids handed out per millisecond by pastSnowflake (one entry per distinct ms seeded). */
const pastIncrements = new Map<bigint, bigint>();

/**
 * A snowflake for a message created at `at` (epoch ms, typically in the past: seeded history),
 * unique within this process. For a time before the live sequence's last id it does not move that
 * sequence, so later live ids still encode the real time (a different process id keeps the two sets
 * apart); from that time on it is a live id, so ids keep creation order within a millisecond.
 */
export function pastSnowflake(at: number): string {
  let ms = BigInt(Math.floor(at));
  // Not in the past of the live sequence (e.g. age 0): a live id keeps creation order with later live ids.
  if (ms >= lastMs) return snowflake(at);
  let next = pastIncrements.get(ms) ?? 0n;
  while (next > MAX_INCREMENT) {
    ms += 1n;
    next = pastIncrements.get(ms) ?? 0n;
  }
  pastIncrements.set(ms, next + 1n);
  return (((ms - DISCORD_EPOCH) << 22n) | WORKER_BITS | PAST_PROCESS | next).toString();
}

/** The creation time (epoch ms) a snowflake encodes; NaN when `id` is not a snowflake (digits only). */
export function snowflakeTime(id: string): number {
  if (!/^\d{1,20}$/.test(id)) return Number.NaN;
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Orders snowflakes by value (numeric, not lexicographic): negative when `a` is older. */
export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** 68 characters of [A-Za-z0-9_-], like a real webhook token. */
export function webhookToken(): string {
  return randomBytes(51).toString('base64url');
}
