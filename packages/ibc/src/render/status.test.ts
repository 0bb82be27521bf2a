import { describe, expect, it } from 'vitest';
import type { IbcClientState } from '@herald/contracts';
import { embedLength, limitViolations } from '@herald/discord';
import type { ChainView, ClientView, WalletView } from '../queries.js';
import { renderIbcStatus } from './status.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const DAY = 86_400;

function clientView(n: number, state: IbcClientState, secondsLeft: number | null, overrides: Partial<ClientView> = {}): ClientView {
  return {
    chainId: 'cosmoshub-4',
    chainName: 'Cosmos Hub',
    clientId: `07-tendermint-${n}`,
    trackedChainId: 'osmosis-1',
    trackedChainName: 'Osmosis',
    connectionId: `connection-${n}`,
    counterpartyConnectionId: null,
    counterpartyClientId: null,
    state,
    status: 'Active',
    trustingPeriodSeconds: 14 * DAY,
    latestHeight: '1-100',
    lastUpdateAt: null,
    expiresAt: secondsLeft === null ? null : new Date(NOW.getTime() + secondsLeft * 1000),
    hostTime: NOW,
    secondsLeft,
    percentLeft: secondsLeft === null ? null : (secondsLeft / (14 * DAY)) * 100,
    lastCheckedAt: NOW,
    lastError: null,
    stateSince: NOW,
    stale: false,
    ...overrides,
  };
}

function walletView(n: number, state: WalletView['state'], overrides: Partial<WalletView> = {}): WalletView {
  return {
    address: `cosmos1wallet${String(n).padStart(30, '0')}`,
    chainId: 'cosmoshub-4',
    chainName: 'Cosmos Hub',
    ownerId: '400000000000000001',
    threshold: 5_000_000n,
    balance: state === 'low' ? 1_500_000n : 25_000_000n,
    balanceAt: NOW,
    denom: 'uatom',
    displayDenom: 'ATOM',
    exponent: 6,
    state,
    spendPerDay: 1_000_000n,
    runwaySeconds: 2 * DAY,
    lastError: null,
    stale: false,
    ...overrides,
  };
}

const hub: ChainView = { chainId: 'cosmoshub-4', name: 'Cosmos Hub', origin: 'config', endpoints: 2, unreachableSince: null, haltedSince: null, lastError: null, blockHeight: 1n, blockTime: NOW, lastSuccessAt: NOW };

describe('renderIbcStatus', () => {
  it('lists clients most urgent first and wallets, with time left, percent, balance, threshold, state and runway', () => {
    const body = renderIbcStatus({
      clients: [clientView(1, 'ok', 10 * DAY), clientView(2, 'critical', 5 * 3600), clientView(3, 'warning', 2 * DAY), clientView(4, 'expired', -3600)],
      wallets: [walletView(1, 'ok'), walletView(2, 'low')],
      chains: [hub],
      now: NOW,
    });
    expect(limitViolations(body)).toEqual([]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [clients, wallets] = body.embeds!;
    const lines = clients!.description!.split('\n');
    expect(lines[0]).toBe('4 clients: 1 🔴 critical · 1 ⚠️ warning · 1 ⛔ expired · 1 ✅ ok');
    expect(lines.slice(1).map((l) => /07-tendermint-(\d+)/.exec(l)?.[1])).toEqual(['2', '3', '4', '1']);
    expect(lines[1]).toBe(`🔴 \`07-tendermint-2\` Cosmos Hub → \`osmosis-1\` · 5.0 h · 1.5 % · expires <t:${NOW.getTime() / 1000 + 5 * 3600}:R>`);
    expect(lines[4]).toContain('240 h (10.0 d) · 71.4 %');
    expect(clients!.color).toBe(0xfc0303);
    const walletLines = wallets!.description!.split('\n');
    expect(walletLines[0]).toBe('2 wallets: 1 🪫 low · 1 ✅ ok');
    expect(walletLines[1]).toBe('🪫 `cosmos1wallet000000000000000000000000000002` Cosmos Hub · 1.5 ATOM / threshold 5 ATOM · low · runway ~2 d');
    expect(wallets!.color).toBe(0xffa000);
    expect(wallets!.timestamp).toBe(NOW.toISOString());
  });

  it('carries time left forward to the refresh time, and marks what an unreachable chain left stale', () => {
    const checked = new Date(NOW.getTime() - 2 * 3600_000);
    const body = renderIbcStatus({
      clients: [clientView(1, 'warning', 30 * 3600, { lastCheckedAt: checked, stale: true })],
      wallets: [walletView(1, 'ok', { stale: true })],
      chains: [{ ...hub, unreachableSince: checked }, { ...hub, chainId: 'osmosis-1', name: 'Osmosis', haltedSince: checked }],
      now: NOW,
    });
    const [clients, wallets, chains] = body.embeds!;
    expect(clients!.description).toContain('· 28.0 h ·');
    expect(clients!.description).toContain('⏸ stale');
    expect(wallets!.description).toContain('⏸ stale');
    expect(chains!.title).toBe('Chains in trouble');
    expect(chains!.description).toContain(`unreachable since <t:${checked.getTime() / 1000}:R>`);
    expect(chains!.description).toContain(`Osmosis (\`osmosis-1\`) halted: no new block since <t:${checked.getTime() / 1000}:R>`);
  });

  it('is the same body for the same data and time (so an unchanged status is not edited)', () => {
    const view = { clients: [clientView(1, 'ok', 10 * DAY)], wallets: [walletView(1, 'ok')], chains: [hub], now: NOW };
    expect(JSON.stringify(renderIbcStatus(view))).toBe(JSON.stringify(renderIbcStatus({ ...view, now: new Date(NOW) })));
  });

  it('fits thousands of clients and wallets in one message: complete counts, most urgent shown, the rest counted', () => {
    const clients = Array.from({ length: 3000 }, (_, i) => clientView(i, i < 5 ? 'critical' : i < 40 ? 'warning' : 'ok', (i + 1) * 3600));
    const wallets = Array.from({ length: 500 }, (_, i) => walletView(i, i < 3 ? 'low' : 'ok'));
    const body = renderIbcStatus({ clients, wallets, chains: [hub], now: NOW });
    expect(limitViolations(body)).toEqual([]);
    expect(body.embeds!.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    const [clientEmbed, walletEmbed] = body.embeds!;
    expect(clientEmbed!.description).toMatch(/^3000 clients: 5 🔴 critical · 35 ⚠️ warning · 2960 ✅ ok\n🔴 `07-tendermint-0`/);
    expect(clientEmbed!.description).toMatch(/\n… and \d+ more: (\d+ ⚠️ warning · )?\d+ ✅ ok$/);
    expect(walletEmbed!.description).toMatch(/^500 wallets: 3 🪫 low · 497 ✅ ok\n🪫/);
    expect(walletEmbed!.description).toMatch(/\n… and \d+ more: \d+ ✅ ok$/);
  });

  it('says what to do when nothing is tracked yet', () => {
    const body = renderIbcStatus({ clients: [], wallets: [], chains: [], now: NOW });
    expect(limitViolations(body)).toEqual([]);
    expect(body.embeds![0]!.description).toContain('No light client is tracked yet');
    expect(body.embeds![1]!.description).toContain('`register <address> <chain_id> <threshold>`');
  });
});
