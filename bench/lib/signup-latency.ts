import { setTimeout as sleep } from 'node:timers/promises';
import { ArrivalTracker, accountNames } from './accounts.js';
import type { Stack } from './stack.js';
import { seededRandom, summarize } from './stats.js';

export interface SignupRun {
  names: string[];
  /** Wall clock right after each account's INSERT returned (autocommit: committed). */
  insertedAt: Map<string, number>;
  /** The fake Discord's createdAt of the first message holding each account. */
  firstSeen: Map<string, number>;
  /** Sign-up → Discord per account, ms, in registration order. */
  latencies: number[];
  latency: ReturnType<typeof summarize>;
  duplicates: number;
  missing: number;
  unexpected: number;
}

/**
 * The latency benchmark's core: registers `count` accounts one at a time, `minGap`–`maxGap` ms apart
 * (seeded random, so arrivals are not phase-locked to the poll), waits for each to reach the fake
 * Discord, then 3 s more for anything sent twice. Latency = the fake's createdAt of the message
 * holding the account's embed − the wall clock right after its INSERT committed.
 */
export async function measureSignupLatency(
  stack: Stack,
  options: { namePrefix: string; count: number; minGap: number; maxGap: number; seed: number },
): Promise<SignupRun> {
  const names = accountNames(options.namePrefix, options.count);
  const tracker = new ArrivalTracker(stack.discord, names);
  const insertedAt = new Map<string, number>();
  const random = seededRandom(options.seed);
  console.log(`registering ${options.count} accounts, ${options.minGap}–${options.maxGap} ms apart…`);
  for (const name of names) {
    await sleep(options.minGap + random() * (options.maxGap - options.minGap));
    await stack.register(name);
    insertedAt.set(name, Date.now()); // autocommit: the row is committed when the INSERT returns
  }
  await tracker.waitForAll(20_000);
  await sleep(3000); // anything sent twice would show up now
  tracker.stop();
  const latencies = names.map((n) => tracker.firstSeen.get(n)! - insertedAt.get(n)!);
  return {
    names,
    insertedAt,
    firstSeen: tracker.firstSeen,
    latencies,
    latency: summarize(latencies),
    duplicates: tracker.duplicates,
    missing: tracker.missing.length,
    unexpected: tracker.unexpected,
  };
}
