import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listWallets } from '../queries.js';
import { address, ibcFixture, T0, type IbcFixture } from '../test-harness.js';
import { pollWallets } from './monitor.js';

let f: IbcFixture;
let clock: Date;
const ALICE = '300000000000000001';
const wallet = address('cosmos', 1);
const poll = () => pollWallets(f.walletOptions({ now: () => clock }));
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
const register = (addr: string, chainId: string, threshold: bigint, owner = ALICE) =>
  f.pool.query('INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold) VALUES ($1, $2, $3, $4)', [addr, chainId, owner, threshold.toString()]);
const types = async () => (await f.events()).map((e) => e.type);

describe('wallet monitor', () => {
  beforeEach(async () => {
    f = await ibcFixture();
    clock = T0;
  });
  afterEach(async () => {
    await f.close();
  });

  it('alerts once when a wallet goes low, does not flap within the hysteresis band, and resolves once when topped up', async () => {
    await register(wallet, 'hub-1', 2_000_000n);
    f.hub.setBalance(wallet, 'uatom', 5_000_000n);
    expect((await poll()).recorded).toEqual([]);
    for (const balance of [1_900_000n, 1_800_000n, 2_050_000n, 1_990_000n, 2_099_999n]) {
      later(5);
      f.hub.setBalance(wallet, 'uatom', balance);
      await poll();
    }
    expect(await types()).toEqual(['ibc.wallet.low']);
    later(5);
    f.hub.setBalance(wallet, 'uatom', 2_100_000n);
    await poll();
    later(5);
    await poll();
    const events = await f.events();
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['ibc.wallet.low', `hub-1/${wallet}`],
      ['ibc.wallet.resolved', `hub-1/${wallet}`],
    ]);
    expect(events[0]!.payload).toMatchObject({
      chainId: 'hub-1',
      chainName: 'Cosmos Hub',
      address: wallet,
      ownerId: ALICE,
      balance: '1900000',
      threshold: '2000000',
      denom: 'uatom',
      displayDenom: 'ATOM',
      exponent: 6,
    });
    expect(events[0]!.fingerprint).toMatch(new RegExp(`^ibc\\.wallet\\.${wallet}\\.\\d+\\.1$`));
  });

  it('alerts a wallet registered while already low at its first check, once, also across a restart', async () => {
    await register(wallet, 'hub-1', 2_000_000n);
    f.hub.setBalance(wallet, 'uatom', 10n);
    await poll();
    f.restart();
    later(5);
    await poll();
    expect(await types()).toEqual(['ibc.wallet.low']);
  });

  it('measures the spend rate and runway from successive balances, exactly', async () => {
    await register(wallet, 'hub-1', 1n);
    const hugeWallet = address('cosmos', 2);
    await register(hugeWallet, 'hub-1', 1n);
    f.hub.setBalance(wallet, 'uatom', 10_000_000n);
    f.hub.setBalance(hugeWallet, 'uatom', 123_456_789_012_345_678_901_234_567_890n);
    await poll();
    later(60);
    f.hub.setBalance(wallet, 'uatom', 9_900_000n); // 100,000 an hour = 2,400,000 a day
    await poll();
    later(60);
    f.hub.setBalance(wallet, 'uatom', 20_000_000n); // a top-up is not negative spending
    await poll();
    const [huge, spending] = await listWallets(f.pool);
    expect(spending).toMatchObject({ address: wallet, balance: 20_000_000n, spendPerDay: 1_200_000n, runwaySeconds: (20_000_000 / 1_200_000) * 86_400 | 0, state: 'ok' });
    expect(huge).toMatchObject({ balance: 123_456_789_012_345_678_901_234_567_890n, spendPerDay: 0n, runwaySeconds: null });
    expect((await f.pool.query('SELECT count(*)::int AS n FROM ibc_wallet_samples')).rows[0]).toEqual({ n: 6 });
  });

  it('keeps the last balance and alerts nothing when the chain is down; one unreachable, one recovered', async () => {
    await register(wallet, 'hub-1', 2_000_000n);
    f.hub.setBalance(wallet, 'uatom', 5_000_000n);
    await poll();
    f.hub.setDown(true);
    later(5);
    const down = await poll();
    later(5);
    await poll();
    expect(down.summary).toMatchObject({ wallets: 1, read: 0, failed: 1, unreachable: ['hub-1'] });
    const [view] = await listWallets(f.pool);
    expect(view).toMatchObject({ balance: 5_000_000n, state: 'ok', stale: true });
    expect(view!.lastError).toContain('every RPC endpoint failed');
    f.hub.setDown(false);
    later(5);
    await poll();
    expect(await types()).toEqual(['ibc.chain.unreachable', 'ibc.chain.recovered']);
    expect((await listWallets(f.pool))[0]).toMatchObject({ lastError: null, stale: false });
  });

  it('prunes samples older than a week', async () => {
    await register(wallet, 'hub-1', 1n);
    f.hub.setBalance(wallet, 'uatom', 5n);
    await poll();
    later(8 * 24 * 60);
    await poll();
    const { rows } = await f.pool.query<{ at: Date }>('SELECT at FROM ibc_wallet_samples');
    expect(rows.map((r) => r.at)).toEqual([clock]);
  });

  it('gives a registration made again after deregistering fresh fingerprints', async () => {
    await register(wallet, 'hub-1', 2_000_000n);
    f.hub.setBalance(wallet, 'uatom', 10n);
    await poll();
    await f.pool.query('DELETE FROM ibc_wallets');
    // Registered again (a person takes longer than a millisecond to do that).
    await f.pool.query(`INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold, created_at) VALUES ($1, 'hub-1', $2, 2000000, now() + interval '1 second')`, [wallet, ALICE]);
    later(5);
    await poll();
    const events = await f.events();
    expect(events.map((e) => e.type)).toEqual(['ibc.wallet.low', 'ibc.wallet.low']);
    expect(events[0]!.fingerprint).not.toBe(events[1]!.fingerprint);
  });
});
