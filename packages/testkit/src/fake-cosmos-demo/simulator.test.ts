import { createRequire } from 'node:module';
import { QueryClient, setupBankExtension, setupIbcExtension } from '@cosmjs/stargate';
import { Comet38Client, HttpClient } from '@cosmjs/tendermint-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIbcSettings, demoWalletSubscriptions } from './settings.js';
import { demoChains, demoTimings, demoWallets } from './scenario.js';
import { IbcDemo, type DemoClient } from './simulator.js';

// @cosmjs/encoding is a dependency of @cosmjs/stargate (not of the test kit): resolve it from there.
const { fromBech32 } = createRequire(createRequire(import.meta.url).resolve('@cosmjs/stargate'))('@cosmjs/encoding') as typeof import('@cosmjs/encoding');

const start = new Date('2026-11-30T12:00:00Z');
const at = (s: number) => new Date(start.getTime() + s * 1000);

/** The state the demo's thresholds give a client at `now` (what the IBC poller will judge). */
function judged(client: DemoClient, now: Date): string {
  const left = client.trustingPeriodSeconds - (now.getTime() - client.lastUpdate.getTime()) / 1000;
  if (left <= 0) return 'expired';
  if (left < demoTimings.criticalLeftSeconds) return 'critical';
  if (left < client.trustingPeriodSeconds * (1 - demoTimings.warningElapsed)) return 'warning';
  return 'ok';
}

describe('IbcDemo (the demo’s simulated chains)', () => {
  let demo: IbcDemo;
  const activity: string[] = [];
  /** Each client's judged state at every 10 s poll over the first 10 minutes, by "chain/client". */
  const timeline = new Map<string, string[]>();

  beforeAll(async () => {
    demo = await IbcDemo.start({ start, onActivity: (line) => activity.push(line) });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('serves three chains with real cosmjs clients, linked by open connections with a client at each end', async () => {
    const hub = demo.chains.get('demo-hub-1')!;
    expect(hub.endpoints).toHaveLength(2);
    const comet = await Comet38Client.create(new HttpClient(hub.endpoints[1]!.url, 2000));
    const query = QueryClient.withExtensions(comet, setupIbcExtension, setupBankExtension);
    const { connections } = await query.ibc.connection.connections();
    expect(connections.map((c) => [c.id, c.clientId, c.counterparty.connectionId])).toEqual([
      ['connection-0', '07-tendermint-0', 'connection-0'],
      ['connection-1', '07-tendermint-1', 'connection-1'],
      ['connection-2', '07-tendermint-2', 'connection-2'],
      ['connection-3', '07-tendermint-3', 'connection-0'],
    ]);
    const state = await query.ibc.client.stateTm('07-tendermint-0');
    expect([state.chainId, state.trustingPeriod?.seconds]).toEqual(['demo-osmo-1', 900n]);
    // The late client was last updated 500 s before the start.
    const consensus = await query.ibc.client.consensusStateTm('07-tendermint-0');
    expect(Number(consensus.timestamp!.seconds)).toBe(start.getTime() / 1000 - 500);
    const balance = await query.bank.balance(demoWallets[0]!.address, 'uatom');
    expect(balance.amount).toBe('5900000');
    comet.disconnect();
  });

  it('starts with one client expired (the abandoned one) and every other one active', () => {
    const statuses = demo.clients.map((c) => `${c.chainId}/${c.clientId}:${demo.chains.get(c.chainId)!.clientStatus(c.clientId)}`);
    expect(statuses.filter((s) => s.endsWith('Expired'))).toEqual(['demo-osmo-1/07-tendermint-2:Expired']);
  });

  it('over ten minutes shows a warning then its resolve, warning → critical → resolve, and an expired client revived', () => {
    for (let s = 0; s <= 600; s += 10) {
      demo.tick(at(s));
      for (const c of demo.clients) {
        const key = `${c.chainId}/${c.clientId}`;
        timeline.set(key, [...(timeline.get(key) ?? []), judged(c, at(s))]);
      }
    }
    const transitions = (key: string) => timeline.get(key)!.filter((state, i, all) => i === 0 || all[i - 1] !== state);
    expect(transitions('demo-hub-1/07-tendermint-0')).toEqual(['ok', 'warning', 'ok']);
    expect(timeline.get('demo-hub-1/07-tendermint-0')!.indexOf('warning')).toBeLessThanOrEqual(6); // within a minute
    expect(transitions('demo-hub-1/07-tendermint-1')).toEqual(['ok', 'warning', 'critical', 'ok']);
    expect(transitions('demo-osmo-1/07-tendermint-2')).toEqual(['expired', 'ok']);
    for (const steady of ['demo-osmo-1/07-tendermint-0', 'demo-hub-1/07-tendermint-3', 'demo-juno-1/07-tendermint-0']) expect(transitions(steady)).toEqual(['ok']);
    expect(activity).toContain('governance revived expired client 07-tendermint-2 on demo-osmo-1 (tracking demo-hub-1)');
    // The chain agrees with the simulation: the revived client is active again at the host's block time.
    expect(demo.chains.get('demo-osmo-1')!.clientStatus('07-tendermint-2')).toBe('Active');
  });

  it('spends from every wallet each block; the hub wallet goes low within minutes and is topped up', () => {
    const hub = demoWallets[0]!;
    // 5.9 ATOM at 0.0075 ATOM/s: below 5 ATOM at the 130 s poll, topped up to 9 ATOM at 250 s, then 350 s more of fees.
    expect(activity.filter((l) => l.startsWith('topped up wallet'))).toEqual([`topped up wallet ${hub.address} on demo-hub-1`]);
    expect(demo.balance(hub.address)).toBe(9_000_000n - 350n * 7_500n);
    expect(demo.balance(demoWallets[1]!.address)).toBe(demoWallets[1]!.balance - 600n * demoWallets[1]!.spendPerSecond);
  });

  it('takes the Juno chain down for a minute after eight minutes, then brings it back', async () => {
    expect(activity).toContain('every RPC endpoint of demo-juno-1 is down for 60 s');
    expect(activity).toContain('demo-juno-1 answers again');
    const juno = demo.chains.get('demo-juno-1')!;
    demo.tick(at(480 + 1800 + 5));
    await expect(fetch(juno.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    demo.tick(at(480 + 1800 + 65));
    expect((await fetch(juno.url, { method: 'POST', body: '{}' })).status).toBe(200);
  });

  it('describes itself as an ibc: settings section with the running endpoints, and valid wallet addresses', () => {
    const settings = demoIbcSettings(demo.chainEndpoints);
    expect(settings.chains.map((c) => [c.chainId, c.rpc.length])).toEqual([
      ['demo-hub-1', 2],
      ['demo-osmo-1', 1],
      ['demo-juno-1', 1],
    ]);
    expect(settings.chains[0]!.rpc[0]).toBe(demo.chains.get('demo-hub-1')!.url);
    expect(settings.thresholds).toEqual({ warningElapsed: 0.6, criticalLeft: '3m' });
    for (const wallet of demoWalletSubscriptions()) {
      const chain = demoChains.find((c) => c.chainId === wallet.chainId)!;
      const decoded = fromBech32(wallet.address, 90);
      expect([decoded.prefix, decoded.data.length]).toEqual([chain.bech32Prefix, 20]);
    }
  });
});
