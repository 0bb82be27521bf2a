import type { SqlPool } from '@herald/db/sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, embedTitles, engineFixture, type EngineFixture } from '../test-support.js';
import type { DeliveryEngine } from './engine.js';
import type { MessageSender } from './sender.js';

let f: EngineFixture;
beforeEach(async () => {
  f = await engineFixture();
});
afterEach(async () => {
  await f.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isRecordOrMarker = (sql: string) => /delivered AS|SET in_flight/.test(sql);
/** A claim of the next batch (alone, or folded into recording the message before). */
const isClaim = (sql: string) => sql.includes('claimed AS (');

/** Counts occurrences; `reached(n)` resolves once there have been `n`. */
function counter() {
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    add() {
      count++;
      for (const waiter of waiters.filter((w) => w.n <= count)) waiter.resolve();
    },
    reached: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

/**
 * The pipeline's pool, with an outage it controls statement by statement: `down` fails every
 * statement as a cut connection does; `gated` holds every statement until `open()` (Postgres
 * coming back); from then on, writes of answers and in-flight markers take 100 ms each, so writes
 * that run at the same time really overlap. `claims(n)` resolves once `n` claims have committed.
 */
function controlledPool(pool: SqlPool) {
  let mode: 'up' | 'down' | 'gated' | 'slow' = 'up';
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  const claims = counter();
  const failedMarkers = counter();
  const run = async (sql: string, args: unknown[]): Promise<unknown> => {
    if (mode === 'down') {
      // The answer's record fails after the marker and its fallback have (the fallback is then kept
      // first): it waits for the second failed marker, then for the keeping that follows at once.
      if (sql.includes('delivered AS')) {
        await failedMarkers.reached(2);
        await new Promise((r) => setImmediate(r));
      }
      if (sql.includes('SET in_flight')) failedMarkers.add();
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    }
    if (mode === 'gated') {
      held++;
      await gate;
    }
    // A slow write after the outage, so that concurrent writes overlap (their duration is the point).
    if (mode === 'slow' && isRecordOrMarker(sql)) await sleep(100);
    return (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  const query = async (...args: unknown[]): Promise<unknown> => {
    const sql = String(args[0]);
    const result = await run(sql, args);
    if (isClaim(sql)) claims.add();
    return result;
  };
  const db = new Proxy(pool, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
  return {
    db,
    held: () => held,
    claims: claims.reached,
    down: () => void (mode = 'down'),
    hold: () => void ((mode = 'gated'), (gate = new Promise<void>((resolve) => (open = resolve)))),
    open: () => void ((mode = 'slow'), open()),
  };
}

async function deliverUntilDone(engine: DeliveryEngine, id: bigint): Promise<void> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const outcome = await engine.deliverEvent(id, [f.destinationId]);
    if (outcome.kind === 'done') return;
    // As the job queue would: the job comes back at the time the engine named, not before.
    await sleep(Math.max(0, outcome.at.getTime() - Date.now()) + 5);
  }
  throw new Error('not delivered in time');
}

describe('delivery engine when Postgres comes back', () => {
  it('the background retry and the next drain flush the kept answers together: nothing is claimed again before they are written', async () => {
    const ids = await f.record([account(1), account(2)]);
    const pg = controlledPool(f.pool);
    let sends = 0;
    // Postgres goes away right after Discord answered the first message (as in the e2e outage test).
    const sender: MessageSender = {
      async send(destination, body, options) {
        const result = await f.sender.send(destination, body, options);
        if (++sends === 1) {
          await pg.claims(2); // the claim of the next batch, running alongside, lands first (the first claimed this one)
          pg.down();
        }
        return result;
      },
    };
    const engine = f.engine({ db: pg.db, sender, batchSize: 1, leaseMs: 60_000 });
    expect((await engine.deliverEvent(ids[1]!, [f.destinationId])).kind).toBe('retry');
    // Kept: the previous marker (written first) and then the first message's answer.
    expect(engine.unrecorded()).toBe(2);
    pg.hold();
    await expect.poll(pg.held, { timeout: 3000, interval: 5 }).toBe(1); // the background retry is waiting
    const delivering = deliverUntilDone(engine, ids[1]!);
    await expect.poll(pg.held, { interval: 5 }).toBe(2); // and so is the next drain (its lease)
    pg.open();
    await delivering;
    expect(embedTitles(f.discord)).toEqual(['account user1', 'account user2']);
    const attempts = await f.db.deliveryAttempt.findMany({ orderBy: { id: 'asc' } });
    expect(attempts.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
    await engine.stop();
  });
});
