import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;
let lastMs = 0n;

/** A Discord-shaped snowflake (19 digits today), unique and increasing within this process. */
export function snowflake(now: number = Date.now()): string {
  let ms = BigInt(now);
  // Keep ids increasing even if the clock steps back.
  if (ms < lastMs) ms = lastMs;
  if (ms !== lastMs) increment = 0n;
  // 4096 ids per millisecond at most: borrow the next millisecond when they run out.
  if (increment > 0xfffn) {
    ms += 1n;
    increment = 0n;
  }
  lastMs = ms;
  const id = ((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | increment++;
  return id.toString();
}

/** 68 characters of [A-Za-z0-9_-], like a real webhook token. */
export function webhookToken(): string {
  return randomBytes(51).toString('base64url');
}
