import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibcSecrets, seedIbcFixtures } from '../ibc/test-support.js';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { displayUnits } from './ibc.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics: IBC series', () => {
  let env: TestEnv;
  let text: string;

  beforeAll(async () => {
    env = await createTestEnv();
    await seedIbcFixtures(env.db);
    await env.db.$executeRawUnsafe(`UPDATE ibc_chains SET halted_since = now() WHERE chain_id = 'cosmoshub-4'`);
    const app = await env.build();
    text = (await app.inject({ url: '/metrics' })).body;
  });
  afterAll(async () => {
    await env.cleanup();
  });

  const warning = 'chain_id="cosmoshub-4",client_id="07-tendermint-0",tracked_chain_id="osmosis-1"';
  const expired = 'chain_id="osmosis-1",client_id="07-tendermint-9",tracked_chain_id="cosmoshub-4"';

  it('exports seconds to expiry (negative once expired), the trusting period and the expiry time per client', () => {
    expect(sample(text, `herald_ibc_client_seconds_to_expiry{${warning}}`)).toBe(172_800);
    expect(sample(text, `herald_ibc_client_seconds_to_expiry{${expired}}`)).toBe(-7200);
    expect(sample(text, `herald_ibc_client_trusting_period_seconds{${warning}}`)).toBe(1_209_600);
    expect(sample(text, `herald_ibc_client_expiry_timestamp_seconds{${warning}}`)).toBe(Date.parse('2026-12-02T11:59:57Z') / 1000);
  });

  it('exports 1 for the current state of each client and 0 for the others', () => {
    expect(sample(text, `herald_ibc_client_state{${warning},state="warning"}`)).toBe(1);
    expect(sample(text, `herald_ibc_client_state{${warning},state="ok"}`)).toBe(0);
    expect(sample(text, `herald_ibc_client_state{${expired},state="expired"}`)).toBe(1);
    const states = text.split('\n').filter((l) => l.startsWith(`herald_ibc_client_state{${warning}`));
    expect(states).toHaveLength(6);
  });

  it('exports wallet balance and threshold in display units with the address as a label, and the runway', () => {
    const low = 'chain_id="cosmoshub-4",address="cosmos1relayerlowbalance0000000000000000",denom="ATOM"';
    expect(sample(text, `herald_ibc_wallet_balance{${low}}`)).toBe(1.5);
    expect(sample(text, `herald_ibc_wallet_threshold{${low}}`)).toBe(5);
    expect(sample(text, `herald_ibc_wallet_runway_seconds{${low}}`)).toBe(259_200);
    // No spend measured yet: no runway sample rather than a misleading number.
    expect(text).not.toMatch(/herald_ibc_wallet_runway_seconds\{[^}]*osmo1relayerfunded/);
    expect(text).toContain('# HELP herald_ibc_wallet_balance Relayer wallet balance in display units');
  });

  it('exports whether each chain answered, and its latest block time', () => {
    expect(sample(text, 'herald_ibc_chain_up{chain_id="cosmoshub-4"}')).toBe(1);
    expect(sample(text, 'herald_ibc_chain_up{chain_id="osmosis-1"}')).toBe(0);
    expect(sample(text, 'herald_ibc_chain_halted{chain_id="cosmoshub-4"}')).toBe(1);
    expect(sample(text, 'herald_ibc_chain_block_timestamp_seconds{chain_id="cosmoshub-4"}')).toBe(Date.parse('2026-11-30T11:59:57Z') / 1000);
  });

  it('reports the IBC pollers as sources like any other', () => {
    expect(sample(text, 'herald_source_up{source="ibc:cosmoshub-4"}')).toBe(1);
    expect(sample(text, 'herald_source_up{source="ibc:wallets"}')).toBe(0);
  });

  it('never puts RPC URLs into labels', () => {
    // The chains whose (credentialed) RPC URLs are configured are labelled by chain id instead.
    expect(sample(text, 'herald_ibc_chain_up{chain_id="cosmoshub-4"}')).toBe(1);
    expect(sample(text, 'herald_ibc_chain_up{chain_id="osmosis-1"}')).toBe(0);
    for (const secret of ibcSecrets) expect(text).not.toContain(secret);
  });

  it('reads the database again at every scrape', async () => {
    await env.db.ibcClient.update({ where: { chainId_clientId: { chainId: 'cosmoshub-4', clientId: '07-tendermint-0' } }, data: { state: 'ok' } });
    const again = (await (await env.build()).inject({ url: '/metrics' })).body;
    expect(sample(again, `herald_ibc_client_state{${warning},state="ok"}`)).toBe(1);
    expect(sample(again, `herald_ibc_client_state{${warning},state="warning"}`)).toBe(0);
  });
});

describe('displayUnits', () => {
  it('divides by 10^exponent without losing the fraction of large balances', () => {
    expect(displayUnits(1_500_000n, 6)).toBe(1.5);
    expect(displayUnits(0n, 18)).toBe(0);
    expect(displayUnits(123_456_789_000_000_000_000_000n, 18)).toBeCloseTo(123_456.789, 6);
    expect(displayUnits(7n, 0)).toBe(7);
  });
});
