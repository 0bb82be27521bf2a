import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { ibcSecrets, seedIbcFixtures } from './test-support.js';

type App = Awaited<ReturnType<TestEnv['build']>>;

/** The table row (`<tr …>…</tr>`) that mentions `text`. */
function row(body: string, text: string): string {
  const found = body.split('<tr').find((r) => r.includes(text));
  if (found === undefined) throw new Error(`no row mentions ${text}`);
  return found;
}

describe('IBC page and API', () => {
  let env: TestEnv;
  let app: App;

  beforeAll(async () => {
    env = await createTestEnv();
    await seedIbcFixtures(env.db);
    app = await env.build();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('lists chains with reachability, block height and time, and how many endpoints, never the RPC URLs', async () => {
    const res = await app.inject({ url: '/ibc' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const hub = row(res.body, 'cosmoshub-4</span></td>');
    expect(hub).toContain('<span class="badge ibc-reachable">reachable</span>');
    expect(hub).toContain('23456789');
    expect(hub).toContain('2026-11-30 11:59:57 UTC');
    expect(hub).toMatch(/<td class="num">2<\/td>/);
    const osmosis = row(res.body, 'osmosis-1</span> <span class="meta">(added by register_chain)');
    expect(osmosis).toContain('<span class="badge ibc-unreachable">unreachable</span> <span class="meta">since 2026-11-30 11:50:00 UTC</span>');
    // The error keeps the endpoint's origin (useful) and loses its path and query (API keys).
    expect(osmosis).toContain('every RPC endpoint failed (https://rpc.osmo.example: connect ECONNREFUSED)');
    for (const secret of ibcSecrets) expect(res.body).not.toContain(secret);
  });

  it('shows each light client with its state colour, time and percent left, expiry in UTC and last check', async () => {
    const body = (await app.inject({ url: '/ibc' })).body;
    const warning = row(body, '07-tendermint-0<div');
    expect(warning).toContain('class="ibc-row-warning"');
    expect(warning).toContain('<span class="badge ibc-warning">warning</span>');
    expect(warning).toContain('Osmosis <span class="mono meta">osmosis-1</span>');
    expect(warning).toContain('connection-0<div class="meta">↔ connection-9 (07-tendermint-5)</div>');
    expect(warning).toContain('<td class="num">2 d</td><td class="num">14.3 %</td>');
    expect(warning).toContain('<td>2026-12-02 11:59:57 UTC</td><td>2026-11-30 11:59:58 UTC</td>');
    expect(warning).not.toContain('stale');
    const critical = row(body, '07-tendermint-1<div');
    expect(critical).toContain('<span class="badge ibc-critical">critical</span>');
    expect(critical).toContain('<td class="num">5 h</td><td class="num">1.5 %</td>');
  });

  it('marks the clients of an unreachable host chain as stale, keeping their last known state', async () => {
    const body = (await app.inject({ url: '/ibc' })).body;
    const ok = row(body, '07-tendermint-5<div');
    expect(ok).toContain('<span class="badge ibc-ok">ok</span> <span class="badge ibc-stale"');
    expect(ok).toContain('host unreachable since 2026-11-30 11:50:00 UTC');
    const expired = row(body, '07-tendermint-9<div');
    expect(expired).toContain('<span class="badge ibc-expired">expired</span>');
    expect(expired).toContain('<td class="num">expired 2 h ago</td><td class="num">0.0 %</td>');
  });

  it('lists wallets with the owner as a Discord id, exact amounts in display units, state colour and runway', async () => {
    const body = (await app.inject({ url: '/ibc' })).body;
    const low = row(body, 'cosmos1relayerlowbalance');
    expect(low).toContain('<td class="mono" title="Discord user id">123456789012345678</td>');
    expect(low).toContain('<td class="num">1.5 ATOM</td><td class="num">5 ATOM</td>');
    expect(low).toContain('<span class="badge ibc-low">low</span>');
    expect(low).toContain('<td class="num">3 d</td><td class="num">0.5 ATOM</td>');
    const funded = row(body, 'osmo1relayerfunded');
    expect(funded).toContain('<td class="num">20 OSMO</td><td class="num">2 OSMO</td>');
    expect(funded).toContain('<span class="badge ibc-ok">ok</span> <span class="badge ibc-stale"');
    expect(funded).toContain('<td class="num">—</td><td class="num">—</td>');
  });

  it('shows configuration warnings and a summary of states', async () => {
    const body = (await app.inject({ url: '/ibc' })).body;
    expect(body).toContain('<h2>Configuration warnings</h2>');
    expect(body).toContain('connection-7 on cosmoshub-4 leads to juno-1, which is not in ibc.chains');
    expect(body).toContain('4 light clients: 1 critical, 1 expired, 1 warning, 1 ok · 2 wallets: 1 low, 1 ok · 1 of 2 chains unreachable');
  });

  it('escapes text from the database', async () => {
    await env.db.ibcConfigWarning.create({ data: { key: 'x', message: '<script>alert(1)</script>' } });
    const body = (await app.inject({ url: '/ibc' })).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await env.db.ibcConfigWarning.delete({ where: { key: 'x' } });
  });

  it('serves the same data as JSON: base units as strings, ISO times, no RPC URLs', async () => {
    const res = await app.inject({ url: '/api/ibc' });
    expect(res.statusCode).toBe(200);
    for (const secret of ibcSecrets) expect(res.body).not.toContain(secret);
    const data = res.json() as {
      chains: Array<Record<string, unknown>>;
      clients: Array<Record<string, unknown>>;
      wallets: Array<Record<string, unknown>>;
      warnings: Array<Record<string, unknown>>;
    };
    expect(data.chains.map((c) => [c.chainId, c.reachable, c.endpoints, c.blockHeight])).toEqual([
      ['cosmoshub-4', true, 2, '23456789'],
      ['osmosis-1', false, 1, '1000'],
    ]);
    expect(data.chains[0]).not.toHaveProperty('rpc');
    expect(data.clients.find((c) => c.clientId === '07-tendermint-0')).toMatchObject({
      chainId: 'cosmoshub-4', trackedChainId: 'osmosis-1', state: 'warning', secondsLeft: 172_800, trustingPeriodSeconds: 1_209_600,
      expiresAt: '2026-12-02T11:59:57.000Z', stale: false,
    });
    expect(data.clients.find((c) => c.clientId === '07-tendermint-5')).toMatchObject({ stale: true, state: 'ok' });
    expect(data.wallets[0]).toMatchObject({
      address: 'cosmos1relayerlowbalance0000000000000000', ownerId: '123456789012345678', balance: '1500000', threshold: '5000000',
      balanceDisplay: '1.5 ATOM', thresholdDisplay: '5 ATOM', state: 'low', runwaySeconds: 259_200, denom: 'uatom', exponent: 6,
    });
    expect(data.warnings).toEqual([
      { key: 'counterparty:juno-1', message: expect.stringContaining('juno-1'), firstSeenAt: '2026-11-29T12:00:00.000Z', lastSeenAt: '2026-11-30T11:59:58.000Z' },
    ]);
  });

  it('links the IBC page from every page header, and the ibc:<chain> sources from the dashboard', async () => {
    const dashboard = (await app.inject({ url: '/' })).body;
    expect(dashboard).toContain('<a href="/ibc">IBC</a>');
    // The Sources table's row (the summary and the event list mention the source too).
    const hub = row(dashboard, '<td><a href="/ibc">ibc:cosmoshub-4</a></td>');
    expect(hub).toContain('<a href="/ibc">ibc:cosmoshub-4</a>');
    expect(hub).toContain('850 ms');
    const wallets = row(dashboard, '<td><a href="/ibc">ibc:wallets</a></td>');
    expect(wallets).toContain('<span class="badge ">failing</span> <span class="meta">since 2026-11-30 11:50:00 UTC</span>');
    expect(wallets).toContain('osmosis-1 unreachable');
  });
});

describe('IBC page without IBC', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('says how to configure it, and the API answers empty lists', async () => {
    const app = await env.build();
    const body = (await app.inject({ url: '/ibc' })).body;
    expect(body).toContain('No IBC chains configured');
    expect(body).toContain('No wallets registered');
    expect(body).not.toContain('Configuration warnings');
    expect((await app.inject({ url: '/api/ibc' })).json()).toEqual({ chains: [], clients: [], wallets: [], warnings: [] });
  });
});
