import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncConfiguredChains } from '../chain-store.js';
import { MAX_LIST_MESSAGES } from './list-messages.js';
import { NOW, startHarness, text, type Harness } from './test-support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await syncConfiguredChains(h.db, [
    { chainId: 'osmosis-1', name: 'Osmosis', rpc: ['http://127.0.0.1:9'], bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO', exponent: 6 },
  ]);
});
afterAll(() => h.close());

const DAY = 86_400;

/**
 * `count` clients on `chainId` as a poll stores them: a 14-day trusting period, updated `i` hours
 * before the host's block time, so the states and times left differ; client ids 07-tendermint-<first + i>.
 */
async function storeClients(chainId: string, count: number, first = 0): Promise<void> {
  await h.db.query(
    `INSERT INTO ibc_clients (chain_id, client_id, monitored_chain_id, tracked_chain_id, connection_id, state, status, trusting_period_s,
                              latest_height, last_update_at, expires_at, host_time, last_checked_at)
     SELECT $1, '07-tendermint-' || ($3 + i), $1, 'juno-1', 'connection-' || ($3 + i),
            CASE WHEN i % 3 = 0 THEN 'ok' WHEN i % 3 = 1 THEN 'warning' ELSE 'critical' END, 'Active', ${14 * DAY},
            '1-' || (1000 + i), $4::timestamp - make_interval(hours => i), $4::timestamp - make_interval(hours => i) + interval '14 days', $4, $4
       FROM generate_series(0, $2 - 1) AS i`,
    [chainId, count, first, NOW.toISOString().replace('Z', '')],
  );
}

beforeEach(async () => {
  await h.db.query('DELETE FROM ibc_clients');
  await h.db.query('UPDATE ibc_chains SET unreachable_since = NULL');
});

describe('data', () => {
  it('says when no client is tracked yet', async () => {
    expect(text(await h.prefix('$data'))).toBe(
      'No IBC light client is tracked yet. The chains to watch are listed under `ibc.monitor` in HERALD_CONFIG; the first poll fills this list.',
    );
  });

  it('shows each client with state, time left, percent left and last check, in UTC', async () => {
    await storeClients('cosmoshub-4', 2);
    const shown = text(await h.slash('data'));
    expect(shown).toContain('2 clients: 1 ✅ ok, 1 ⚠️ warning');
    expect(shown).toContain('**Cosmos Hub** (`cosmoshub-4`)');
    expect(shown).toContain('✅ **ok** `07-tendermint-0` → juno-1 · connection-0 · 14 d left, 100.0 % of 14 d · checked 2026-11-30 12:00 UTC');
    expect(shown).toContain('⚠️ **warning** `07-tendermint-1` → juno-1 · connection-1 · 13 d 23 h left, 99.7 % of 14 d · checked 2026-11-30 12:00 UTC');
  });

  it('lists 30 clients, and 150, over as many messages as needed: every client appears, in order (the seed lost its last chunk)', async () => {
    for (const count of [30, 150]) {
      await storeClients('cosmoshub-4', count);
      const reply = await h.prefix('$data');
      if (count === 150) expect(reply.length).toBeGreaterThan(1);
      for (const message of reply) {
        expect(message.embeds.length).toBeLessThanOrEqual(10);
        expect(message.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0)).toBeLessThanOrEqual(6000);
        for (const embed of message.embeds) expect(embed.description!.length).toBeLessThanOrEqual(4096);
      }
      const shown = text(reply);
      const ids = [...shown.matchAll(/`(07-tendermint-\d+)`/g)].map((m) => m[1]);
      expect(ids).toEqual(Array.from({ length: count }, (_, i) => `07-tendermint-${i}`));
      await h.db.query('DELETE FROM ibc_clients');
      }
  });

  it('marks the clients of an unreachable chain as stale, and filters by chain', async () => {
    await storeClients('cosmoshub-4', 1);
    await storeClients('osmosis-1', 1, 100);
    await h.db.query("UPDATE ibc_chains SET unreachable_since = now() WHERE chain_id = 'osmosis-1'");
    const shown = text(await h.prefix('$data'));
    expect(shown).toContain('**Osmosis** (`osmosis-1`) — unreachable now: last known states');
    expect(shown).toMatch(/`07-tendermint-100` .* · ⏸ stale \(chain unreachable\)/);
    expect(shown).not.toMatch(/`07-tendermint-0` .*stale/);

    const onlyHub = text(await h.slash('data', { chain_id: 'cosmoshub-4' }));
    expect(onlyHub).toContain('`07-tendermint-0`');
    expect(onlyHub).not.toContain('07-tendermint-100');
    const [unknown] = await h.prefix('$data juno-1');
    expect(unknown!.content).toBe('Unknown chain `juno-1`. Known chains: `cosmoshub-4`, `osmosis-1`.\nUsage: `$data [chain_id]`');
  });

  it(`stops at ${MAX_LIST_MESSAGES} messages for thousands of clients, saying how many are left out and how to narrow the list`, async () => {
    await storeClients('cosmoshub-4', 2500);
    const reply = await h.prefix('$data');
    expect(reply).toHaveLength(MAX_LIST_MESSAGES);
    const shown = text(reply);
    const listed = [...shown.matchAll(/`(07-tendermint-\d+)`/g)].length;
    const missing = Number(/… and (\d+) more not shown here: list one chain with `\$data <chain_id>`, or see the dashboard\.$/.exec(shown)?.[1]);
    expect(listed + missing).toBe(2500);
  });
});
