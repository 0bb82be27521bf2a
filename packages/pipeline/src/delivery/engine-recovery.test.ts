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

/**
 * The pipeline's pool, with an outage it controls statement by statement: `down` fails every
 * statement as a cut connection does; `gated` holds every statement until `open()` (Postgres
 * coming back); from then on, writes of answers and in-flight markers take 100 ms each, so writes
 * that run at the same time really overlap.
 */
function controlledPool(pool: SqlPool) {
  let mode: 'up' | 'down' | 'gated' | 'slow' = 'up';
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  const query = async (...args: unknown[]): Promise<unknown> => {
    const sql = String(args[0]);
    if (mode === 'down') {
      // The answer's record fails a moment after the marker: the marker's fallback is kept first.
      if (sql.includes('delivered AS')) await sleep(50);
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    }
    if (mode === 'gated') {
      held++;
      await gate;
    }
    if (mode === 'slow' && isRecordOrMarker(sql)) await sleep(100);
    return (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  const db = new Proxy(pool, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
  return {
    db,
    held: () => held,
    down: () => void (mode = 'down'),
    hold: () => void ((mode = 'gated'), (gate = new Promise<void>((resolve) => (open = resolve)))),
    open: () => void ((mode = 'slow'), open()),
  };
}

async function deliverUntilDone(engine: DeliveryEngine, id: bigint): Promise<void> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const outcome = await engine.deliverEvent(id, [f.destinationId]);
    if (outcome.kind === 'done') return;
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
          await sleep(50); // the claim of the next batch, running alongside, lands first
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
