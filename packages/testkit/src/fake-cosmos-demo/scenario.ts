import { DemoGuild } from '../fake-discord/guild.js';

/**
 * The demo's story, as data: three chains linked by four connections whose light clients have
 * 15-minute trusting periods, each kept alive (or not) by a simulated relayer, and three relayer
 * wallets that pay fees every block. With the thresholds below, a newcomer watching the dashboard
 * sees within about six minutes: a warning (~40 s), its resolve (~100 s), a low balance (~2 min),
 * an expired client revived by governance (~3 min), a critical client and its reminder (~5 min),
 * a top-up (~4 min), a chain outage and its recovery (~8 min). Every cycle then repeats.
 */

export interface DemoChainSpec {
  chainId: string;
  name: string;
  bech32Prefix: string;
  denom: string;
  displayDenom: string;
  exponent: number;
  /** RPC endpoints served (the poller fails over between them). */
  endpoints: number;
}

export const demoChains: readonly DemoChainSpec[] = [
  { chainId: 'demo-hub-1', name: 'Demo Hub', bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6, endpoints: 2 },
  { chainId: 'demo-osmo-1', name: 'Demo Osmosis', bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO', exponent: 6, endpoints: 1 },
  { chainId: 'demo-juno-1', name: 'Demo Juno', bech32Prefix: 'juno', denom: 'ujuno', displayDenom: 'JUNO', exponent: 6, endpoints: 1 },
];

/**
 * How the simulated relayer treats one light client:
 * - `steady`: updated at half its trusting period (always ok, like Hermes' refresh at 2/3 or rly's at 1/3 left);
 * - `late`: updated shortly after it passes the warning point (→ warning, then resolved);
 * - `lazy`: updated only when little time is left (→ warning, critical, a reminder, then resolved);
 * - `abandoned`: never updated; once expired for a while, governance revives it (→ expired, then reactivated).
 */
export type Upkeep = 'steady' | 'late' | 'lazy' | 'abandoned';

/** One end of a demo connection: its relayer policy and how long ago its client was last updated at start. */
export interface DemoEnd {
  upkeep: Upkeep;
  /** Seconds since the client's last update when the demo starts (more than the trusting period: already expired). */
  elapsedAtStart: number;
}

export interface DemoLinkSpec {
  a: string;
  b: string;
  trustingPeriodSeconds: number;
  endA: DemoEnd;
  endB: DemoEnd;
}

/** Client timings (seconds) that line the scenario up with the thresholds written into the demo's settings. */
export const demoTimings = {
  /** `ibc.thresholds.warningElapsed` of the demo: warning once 60 % of the trusting period has passed. */
  warningElapsed: 0.6,
  /** `ibc.thresholds.criticalLeft` of the demo. */
  criticalLeftSeconds: 180,
  /** A `late` client is updated this long after its warning point. */
  lateBySeconds: 60,
  /** A `lazy` client is updated when this much time is left. */
  lazyLeftSeconds: 90,
  /** An `abandoned` client is revived by governance once it has been expired this long. */
  reviveAfterSeconds: 240,
};

const T = 900;
export const demoLinks: readonly DemoLinkSpec[] = [
  { a: 'demo-hub-1', b: 'demo-osmo-1', trustingPeriodSeconds: T, endA: { upkeep: 'late', elapsedAtStart: 500 }, endB: { upkeep: 'steady', elapsedAtStart: 100 } },
  { a: 'demo-hub-1', b: 'demo-osmo-1', trustingPeriodSeconds: T, endA: { upkeep: 'lazy', elapsedAtStart: 420 }, endB: { upkeep: 'steady', elapsedAtStart: 300 } },
  { a: 'demo-hub-1', b: 'demo-osmo-1', trustingPeriodSeconds: T, endA: { upkeep: 'steady', elapsedAtStart: 200 }, endB: { upkeep: 'abandoned', elapsedAtStart: T + 60 } },
  { a: 'demo-hub-1', b: 'demo-juno-1', trustingPeriodSeconds: 1200, endA: { upkeep: 'steady', elapsedAtStart: 50 }, endB: { upkeep: 'steady', elapsedAtStart: 250 } },
];

/** What the demo monitors: the hub scans all its connections, Osmosis watches a list (both modes shown). */
export const demoMonitor = [
  { chainId: 'demo-hub-1', connections: 'all' as const },
  { chainId: 'demo-osmo-1', connections: ['connection-0', 'connection-1'] },
];

export interface DemoWalletSpec {
  /** A valid bech32 account address with the chain's prefix (20 bytes of sha256("herald-demo-<name>")). */
  address: string;
  chainId: string;
  /** Discord user id of its owner: a member of the fake Discord's demo server. */
  ownerId: string;
  /** Low-balance threshold and starting balance, in base units. */
  threshold: bigint;
  balance: bigint;
  /** Base units of fees paid per second of block time. */
  spendPerSecond: bigint;
  /** Topped up to `topUpTo` base units this long after falling below its threshold; never when absent. */
  topUpAfterSeconds?: number;
  topUpTo?: bigint;
}

export const demoWallets: readonly DemoWalletSpec[] = [
  // Low after ~2 min, topped up to 9 ATOM 2 min later (→ low, then resolved); low again ~9 min after each top-up.
  {
    address: 'cosmos1see2hsxs386mzh3h3q6epyyfvgrd92fgg4pm7r', chainId: 'demo-hub-1', ownerId: DemoGuild.users.moderator.id,
    threshold: 5_000_000n, balance: 5_900_000n, spendPerSecond: 7_500n, topUpAfterSeconds: 120, topUpTo: 9_000_000n,
  },
  // A long runway (~7 h): ok for the whole demo.
  { address: 'osmo1m0j9gkwvk5gdysrpf3g0sr4zgrwxxzqct2s6l5', chainId: 'demo-osmo-1', ownerId: DemoGuild.users.member.id, threshold: 10_000_000n, balance: 250_000_000n, spendPerSecond: 10_000n },
  // Slowly drifts below its threshold (~20 min) and nobody tops it up: one alert, never repeated.
  { address: 'juno1xxjw5d50vfujj588356yzp93wwlmvpvvh605t5', chainId: 'demo-juno-1', ownerId: DemoGuild.users.owner.id, threshold: 3_000_000n, balance: 3_600_000n, spendPerSecond: 500n },
];

/** The Juno chain's RPC goes down this long after the start, for `seconds`, then again every `every` seconds. */
export const demoOutage = { chainId: 'demo-juno-1', startSeconds: 480, seconds: 60, everySeconds: 1800 };
