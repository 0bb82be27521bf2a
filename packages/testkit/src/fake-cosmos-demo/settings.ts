import { demoMonitor, demoTimings, demoWallets, type DemoChainSpec } from './scenario.js';

/**
 * The `ibc:` section of HERALD_CONFIG that matches the demo's story (see scenario.ts), as plain
 * JSON (the YAML writer dumps it): 10 s polls so a threshold crossing shows within seconds, expired
 * clients re-checked every 20 s so governance's revival is seen, thresholds lined up with the
 * relayer's timings, a reminder each minute while critical. Durations use Herald's syntax (`10s`, `3m`).
 */
export function demoIbcSettings(chains: ReadonlyArray<DemoChainSpec & { rpc: string[] }>) {
  return {
    chains: chains.map(({ chainId, name, rpc, bech32Prefix, denom, displayDenom, exponent }) => ({ chainId, name, rpc, bech32Prefix, denom, displayDenom, exponent })),
    monitor: demoMonitor.map((m) => ({ chainId: m.chainId, connections: m.connections })),
    pollInterval: '10s',
    expiredPollInterval: '20s',
    walletInterval: '10s',
    requestTimeout: '3s',
    thresholds: { warningElapsed: demoTimings.warningElapsed, criticalLeft: `${demoTimings.criticalLeftSeconds / 60}m` },
    reminderInterval: '1m',
  };
}

/** The demo's wallet subscriptions (to register as their owners would): threshold in base units, as a decimal string. */
export function demoWalletSubscriptions() {
  return demoWallets.map((w) => ({ address: w.address, chainId: w.chainId, ownerId: w.ownerId, threshold: w.threshold.toString() }));
}
