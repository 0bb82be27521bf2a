import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@herald/config';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from './chain-store.js';
import { checkSomethingToWatch } from './watch-check.js';

let database: TestDatabase;
let db: SqlPool;

describe('checkSomethingToWatch', () => {
  beforeEach(async () => {
    database = await createTestDatabase('herald_ibc_watch');
    db = createSqlPool({ url: database.url });
  });
  afterEach(async () => {
    await db.end();
    await database.drop();
  });

  it('refuses an empty configuration, saying what to configure', async () => {
    const error = await checkSomethingToWatch(db, { monitor: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('ibc.monitor');
    expect((error as ConfigError).message).toContain('ibc.chains');
  });

  it('runs with a monitored chain, or with known chains only (wallets registered by the bot)', async () => {
    await expect(checkSomethingToWatch(db, { monitor: [{ chainId: 'hub-1', connections: 'all' }] })).resolves.toBeUndefined();
    await syncConfiguredChains(db, [{ chainId: 'hub-1', name: 'Hub', rpc: ['http://127.0.0.1:1'], bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6 }]);
    await expect(checkSomethingToWatch(db, { monitor: [] })).resolves.toBeUndefined();
  });
});
