import type { Db } from '@herald/db';

/** Secrets a page must never show: RPC URLs carry credentials in their user info, path or query. */
export const ibcSecrets = ['hub-user', 'hub-pass', 'rpc.secret.example', 'KEY123', 'SECRETKEY', 'apikey='];

const hour = 3_600_000;
const day = 24 * hour;

/**
 * What an IBC poller would have stored: Cosmos Hub reachable with a warning and a critical client,
 * Osmosis unreachable (its clients and wallet stale) with an ok and an expired client, a low wallet
 * with a measured runway, a configuration warning and the pollers' source rows.
 */
export async function seedIbcFixtures(db: Db, now = new Date('2026-11-30T12:00:00Z')) {
  const at = (ms: number) => new Date(now.getTime() + ms);
  await db.ibcChain.createMany({
    data: [
      {
        chainId: 'cosmoshub-4', name: 'Cosmos Hub', origin: 'config', bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6,
        rpc: ['https://hub-user:hub-pass@rpc.secret.example/KEY123', 'https://rpc2.example.org/?apikey=KEY123'],
        blockHeight: 23_456_789n, blockTime: at(-3000), lastSuccessAt: at(-2000),
      },
      {
        chainId: 'osmosis-1', name: 'Osmosis', origin: 'command', bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO', exponent: 6,
        rpc: ['https://rpc.osmo.example/SECRETKEY'], blockHeight: 1_000n, blockTime: at(-20 * 60_000), lastSuccessAt: at(-15 * 60_000),
        unreachableSince: at(-10 * 60_000),
        lastError: 'osmosis-1: every RPC endpoint failed (https://rpc.osmo.example/SECRETKEY?apikey=SECRETKEY: connect ECONNREFUSED)',
      },
    ],
  });
  const client = (chainId: string, clientId: string, trackedChainId: string, state: string, leftMs: number, extra: Record<string, unknown> = {}) => ({
    chainId, clientId, monitoredChainId: 'cosmoshub-4', trackedChainId, state, status: state === 'expired' ? 'Expired' : 'Active',
    trustingPeriodS: 14n * 86_400n, latestHeight: '1-1000', connectionId: 'connection-0', counterpartyConnectionId: 'connection-9',
    counterpartyClientId: '07-tendermint-5', hostTime: at(-3000), expiresAt: at(-3000 + leftMs), lastUpdateAt: at(-3000 + leftMs - 14 * day),
    lastCheckedAt: at(-2000), stateSince: at(-hour), ...extra,
  });
  await db.ibcClient.createMany({
    data: [
      client('cosmoshub-4', '07-tendermint-0', 'osmosis-1', 'warning', 2 * day),
      client('cosmoshub-4', '07-tendermint-1', 'osmosis-1', 'critical', 5 * hour, { connectionId: 'connection-1' }),
      client('osmosis-1', '07-tendermint-5', 'cosmoshub-4', 'ok', 10 * day, { connectionId: 'connection-9', counterpartyConnectionId: 'connection-0', counterpartyClientId: '07-tendermint-0' }),
      client('osmosis-1', '07-tendermint-9', 'cosmoshub-4', 'expired', -2 * hour, { connectionId: 'connection-3' }),
    ],
  });
  await db.ibcWallet.createMany({
    data: [
      {
        address: 'cosmos1relayerlowbalance0000000000000000', chainId: 'cosmoshub-4', ownerId: '123456789012345678', threshold: '5000000', balance: '1500000',
        balanceAt: at(-5000), state: 'low', spendPerDay: '500000', runwayS: 259_200n,
      },
      { address: 'osmo1relayerfunded00000000000000000000', chainId: 'osmosis-1', ownerId: '223456789012345678', threshold: '2000000', balance: '20000000', balanceAt: at(-15 * 60_000), state: 'ok' },
    ],
  });
  await db.ibcConfigWarning.create({
    data: { key: 'counterparty:juno-1', message: 'connection-7 on cosmoshub-4 leads to juno-1, which is not in ibc.chains', firstSeenAt: at(-day), lastSeenAt: at(-2000) },
  });
  await db.sourceCursor.createMany({
    data: [
      { sourceKey: 'ibc:cosmoshub-4', position: null, lastPollAt: at(-2000), lastSuccessAt: at(-2000), lastPollMs: 850 },
      { sourceKey: 'ibc:wallets', position: null, lastPollAt: at(-5000), lastError: 'osmosis-1 unreachable', failingSince: at(-10 * 60_000) },
    ],
  });
  return { now };
}
