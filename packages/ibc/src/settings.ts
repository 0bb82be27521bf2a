import { z } from 'zod';
import { duration, intFromString, urlWithProtocol } from '@herald/config';

/** A chain id as Cosmos allows it (e.g. "cosmoshub-4", "osmo-test-5"); also used in fingerprints. */
export const chainIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** An IBC identifier (ICS-24: 2–64 of [a-zA-Z0-9._+-#[]<>]), e.g. "connection-12", "07-tendermint-5". */
export const ibcIdentifierPattern = /^[a-zA-Z0-9._+\-#[\]<>]{2,64}$/;

/** A number strictly between 0 and 1, also written as a string in the environment ("0.8", not "80%"). */
const fraction = (opts: { min: number; max: number; inclusive?: boolean }) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ error: `must be a number between ${opts.min} and ${opts.max}, such as 0.8 (not a percentage)` }).refine(
      (n) => (opts.inclusive ? n >= opts.min && n <= opts.max : n > opts.min && n < opts.max),
      `must be ${opts.inclusive ? 'from' : 'between'} ${opts.min} ${opts.inclusive ? 'to' : 'and'} ${opts.max}`,
    ),
  );

const chainId = z.string().regex(chainIdPattern, 'is not a chain id (letters, digits, ".", "_" and "-", e.g. cosmoshub-4)');

/**
 * One chain Herald can query: every monitored chain and every counterparty chain whose clients
 * should be judged must be listed (the seed's `chains.py` entries, with RPC instead of LCD).
 */
export const chainSettings = z.strictObject({
  /** The chain id the node reports (`status.node_info.network`); checked on the first answer. */
  chainId,
  /** Display name, e.g. "Cosmos Hub" (the seed's `chain_name`). */
  name: z.string().min(1).max(64),
  /** CometBFT RPC endpoints, tried in this order; the next one is used when one fails or times out. */
  // One URL or a list; a lone URL is read as a list of one, so a bad one gets the URL's own message.
  rpc: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(urlWithProtocol(['http', 'https'])).min(1).max(10)),
  /** bech32 address prefix of accounts on this chain, e.g. "cosmos". */
  bech32Prefix: z.string().regex(/^[a-z0-9]{1,32}$/, 'must be lowercase letters and digits, e.g. cosmos'),
  /** Base denom, e.g. "uatom" (balances are queried in it). */
  denom: z.string().regex(/^[a-zA-Z][a-zA-Z0-9/:._-]{1,127}$/, 'is not a denom (e.g. uatom, ibc/27394F…)'),
  /** Display denom and its exponent: 1 ATOM = 10^6 uatom. */
  displayDenom: z.string().min(1).max(32),
  exponent: intFromString({ min: 0, max: 30 }),
});
export type ChainSettings = z.infer<typeof chainSettings>;

/** A monitored chain: its open connections (all, or a list of ids) and the clients at both ends are watched. */
export const monitorSettings = z.strictObject({
  chainId,
  /** `all` (the default) scans every open connection, paginated; or a list of connection ids. */
  connections: z.union([z.literal('all'), z.array(z.string().regex(ibcIdentifierPattern, 'is not a connection id (e.g. connection-12)')).min(1)]).default('all'),
});
export type MonitorSettings = z.infer<typeof monitorSettings>;

export const ibcSection = z
  .strictObject({
    chains: z.array(chainSettings).default([]),
    monitor: z.array(monitorSettings).default([]),
    /** How often each monitored chain is polled (the seed: 6 h, which let alerts arrive hours late). */
    pollInterval: duration({ min: 1000, max: 24 * 3_600_000 }).default(60_000),
    /** How often expired clients are re-checked (cheaply) for a governance revival. */
    expiredPollInterval: duration({ min: 1000 }).default(3_600_000),
    /** How often wallet balances are read. */
    walletInterval: duration({ min: 1000, max: 24 * 3_600_000 }).default(300_000),
    /** Per RPC request; on timeout the next endpoint is tried. */
    requestTimeout: duration({ min: 100, max: 120_000 }).default(10_000),
    /** Queries in flight at once per chain (bench/ibc-scan.ts times a scan of 600 clients at 20 ms per request at the default). */
    concurrency: intFromString({ min: 1, max: 64 }).default(16),
    thresholds: z
      .strictObject({
        /** Fraction of the trusting period elapsed from which a client is in `warning` (the seed's `expiry_alert_threshold`). */
        warningElapsed: fraction({ min: 0, max: 1 }).default(0.8),
        /** Time left below which a client is `critical`. */
        criticalLeft: duration({ min: 0 }).default(24 * 3_600_000),
      })
      .prefault({}),
    /**
     * A reachable chain whose block height has not grown for this long is `halted` (one alert, one
     * when blocks come again): ibc-go's expiry clock is the host's block time, so every judgement on
     * it is frozen meanwhile.
     */
    haltedAfter: duration({ min: 60_000 }).default(600_000),
    /** Re-post a `critical` alert this often while a client stays critical; `0` (the default) never. */
    reminderInterval: duration({ min: 0 }).default(0),
    /**
     * A low wallet is resolved only once its balance is this fraction above its threshold, so a
     * balance hovering at the threshold does not flap (0.05 = 5 %).
     */
    walletHysteresis: fraction({ min: 0, max: 1, inclusive: true }).default(0.05),
    /** Destinations (names from `destinations`) whose IBC status message is kept up to date, edited in place. */
    statusDestinations: z.array(z.string().min(1)).default([]),
  })
  .superRefine((ibc, ctx) => {
    const seen = new Set<string>();
    ibc.chains.forEach((chain, i) => {
      if (seen.has(chain.chainId)) ctx.addIssue({ code: 'custom', path: ['chains', i, 'chainId'], message: `"${chain.chainId}" is listed twice` });
      seen.add(chain.chainId);
    });
    ibc.monitor.forEach((monitor, i) => {
      if (!seen.has(monitor.chainId)) {
        ctx.addIssue({ code: 'custom', path: ['monitor', i, 'chainId'], message: `"${monitor.chainId}" is not in ibc.chains (configured: ${[...seen].join(', ') || 'none'})` });
      }
    });
  })
  .prefault({});
export type IbcSettings = z.infer<typeof ibcSection>;

/** Environment variables for the IBC settings that are not lists. */
export const ibcEnvMapping = {
  IBC_POLL_INTERVAL: 'ibc.pollInterval',
  IBC_EXPIRED_POLL_INTERVAL: 'ibc.expiredPollInterval',
  IBC_WALLET_INTERVAL: 'ibc.walletInterval',
  IBC_REQUEST_TIMEOUT: 'ibc.requestTimeout',
  IBC_CONCURRENCY: 'ibc.concurrency',
  IBC_WARNING_ELAPSED: 'ibc.thresholds.warningElapsed',
  IBC_CRITICAL_LEFT: 'ibc.thresholds.criticalLeft',
  IBC_REMINDER_INTERVAL: 'ibc.reminderInterval',
  IBC_WALLET_HYSTERESIS: 'ibc.walletHysteresis',
  IBC_HALTED_AFTER: 'ibc.haltedAfter',
};
