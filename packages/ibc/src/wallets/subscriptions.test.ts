import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from '../chain-store.js';
import { deregisterWallet, getWallet, listWalletsOf, registerWallet } from './subscriptions.js';

const ALICE = '300000000000000001';
const BOB = '300000000000000002';
const AT = new Date('2026-11-30T12:00:00Z');

let database: TestDatabase;
let db: SqlPool;
beforeAll(async () => {
  database = await createTestDatabase('herald_ibc_wallets');
  db = createSqlPool({ url: database.url });
  const chain = { rpc: ['http://127.0.0.1:9'], denom: 'utest', displayDenom: 'TEST', exponent: 6 };
  await syncConfiguredChains(db, [
    { ...chain, chainId: 'test-1', name: 'Test', bech32Prefix: 'test' },
    { ...chain, chainId: 'test-2', name: 'Test 2', bech32Prefix: 'test' },
  ]);
});
afterAll(async () => {
  await db.end();
  await database.drop();
});

describe('wallet subscriptions', () => {
  it('registers, lets the owner update, refuses another user and keeps exact bigints', async () => {
    const huge = 2n ** 200n;
    expect(await registerWallet(db, { address: 'test1aaa', chainId: 'test-1', ownerId: ALICE, threshold: huge }, { amount: huge + 1n, at: AT })).toEqual({ kind: 'created' });
    expect(await registerWallet(db, { address: 'TEST1AAA', chainId: 'test-1', ownerId: ALICE, threshold: 5n })).toEqual({
      kind: 'updated',
      previous: { chainId: 'test-1', threshold: huge },
    });
    expect(await registerWallet(db, { address: 'test1aaa', chainId: 'test-1', ownerId: BOB, threshold: 1n })).toEqual({ kind: 'taken', ownerId: ALICE });
    // The update without a new balance kept the stored one.
    expect(await getWallet(db, 'test1aaa')).toMatchObject({ ownerId: ALICE, threshold: 5n, balance: huge + 1n, balanceAt: AT });
  });

  it("forgets the balance, state and spend samples when the owner moves the address to another chain", async () => {
    await registerWallet(db, { address: 'test1bbb', chainId: 'test-1', ownerId: ALICE, threshold: 1n }, { amount: 10n, at: AT });
    await db.query("UPDATE ibc_wallets SET state = 'low', runway_s = 60 WHERE address = 'test1bbb'");
    await db.query("INSERT INTO ibc_wallet_samples (address, at, balance) VALUES ('test1bbb', $1, 10)", [AT]);
    await registerWallet(db, { address: 'test1bbb', chainId: 'test-2', ownerId: ALICE, threshold: 1n });
    expect(await getWallet(db, 'test1bbb')).toMatchObject({ chainId: 'test-2', balance: null, state: 'unknown', runwaySeconds: null });
    const { rowCount } = await db.query("SELECT 1 FROM ibc_wallet_samples WHERE address = 'test1bbb'");
    expect(rowCount).toBe(0);
  });

  it("someone else's failed registration touches nothing, samples included", async () => {
    await registerWallet(db, { address: 'test1ccc', chainId: 'test-1', ownerId: ALICE, threshold: 1n });
    await db.query("INSERT INTO ibc_wallet_samples (address, at, balance) VALUES ('test1ccc', $1, 10)", [AT]);
    expect(await registerWallet(db, { address: 'test1ccc', chainId: 'test-2', ownerId: BOB, threshold: 1n })).toEqual({ kind: 'taken', ownerId: ALICE });
    const { rowCount } = await db.query("SELECT 1 FROM ibc_wallet_samples WHERE address = 'test1ccc'");
    expect(rowCount).toBe(1);
    expect(await getWallet(db, 'test1ccc')).toMatchObject({ chainId: 'test-1' });
  });

  it('deregisters for the owner or a privileged caller only, comparing ids exactly', async () => {
    await registerWallet(db, { address: 'test1ddd', chainId: 'test-1', ownerId: ALICE, threshold: 1n });
    expect(await deregisterWallet(db, 'test1ddd', { id: ALICE.slice(0, -1), privileged: false })).toEqual({ kind: 'not-owner', ownerId: ALICE });
    expect(await deregisterWallet(db, 'test1ddd', { id: BOB, privileged: true })).toMatchObject({ kind: 'removed', wallet: { ownerId: ALICE, address: 'test1ddd' } });
    expect(await deregisterWallet(db, 'test1ddd', { id: ALICE, privileged: false })).toEqual({ kind: 'not-found' });
  });

  it("lists one owner's wallets", async () => {
    await registerWallet(db, { address: 'test1eee', chainId: 'test-2', ownerId: BOB, threshold: 1n });
    expect((await listWalletsOf(db, BOB)).map((w) => w.address)).toEqual(['test1eee']);
  });
});
