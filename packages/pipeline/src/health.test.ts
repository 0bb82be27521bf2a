import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { readSourceHealth } from './health.js';
import { createOutboxStore, readCursor } from './outbox.js';

let pg: TestDatabase;
let pool: SqlPool;
beforeAll(async () => {
  pg = await createTestDatabase('herald_health');
  pool = createSqlPool({ url: pg.url });
});
afterAll(async () => {
  await pool.end();
  await pg.drop();
});

describe('source health', () => {
  it('shows a source that has never polled successfully as failing, without giving it a baseline', async () => {
    const outbox = createOutboxStore({ pool, routeTo: () => [] });
    await outbox.notePoll('s:never', { durationMs: 12, error: 'Servatrice database u@h:1/db: ECONNREFUSED' });
    await outbox.notePoll('s:never', { durationMs: 15, error: 'Servatrice database u@h:1/db: ECONNREFUSED' });
    expect(await readCursor(pool, 's:never')).toBeNull(); // the first successful poll still takes the baseline
    const [health] = await readSourceHealth(pool);
    expect(health).toMatchObject({ sourceKey: 's:never', baselined: false, failing: true, lastSuccessAt: null, lagSeconds: null, lastPollMs: 15 });
    expect(health!.lastError).toMatch(/ECONNREFUSED/);
    const failingSince = health!.failingSince!;

    const before = new Date();
    await outbox.poll('s:never', (tx) => tx.saveCursor({ position: 42n, gapSince: null }));
    await outbox.notePoll('s:never', { durationMs: 3 });
    const cursor = await readCursor(pool, 's:never');
    expect(cursor?.position).toBe(42n);
    expect(cursor!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000); // the baseline's time, not the first failure's
    expect(cursor!.createdAt.getTime()).toBeGreaterThanOrEqual(failingSince.getTime());
    const [healthy] = await readSourceHealth(pool);
    expect(healthy).toMatchObject({ baselined: true, position: 42n, failing: false, failingSince: null, lastError: null });
  });
});
