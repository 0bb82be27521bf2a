import { fromBech32 } from '@cosmjs/encoding';
import type { Queryable } from '@herald/db/sql';
import { checkAddress } from '../address.js';
import { parseAmount } from '../amount.js';
import { loadChains } from '../chain-store.js';
import { endpointLabel } from '../rpc/index.js';
import type { Chain } from '../types.js';
import { readSeedFiles, type SeedChain, type SeedWallet } from './seed-files.js';

/** What the importer did with one entry: written, already there as it is, already there differently (Herald's kept), left out, or refused. */
export type ImportOutcome = 'created' | 'unchanged' | 'kept' | 'skipped' | 'failed';

export interface ImportLine {
  kind: 'chain' | 'wallet' | 'option';
  id: string;
  outcome: ImportOutcome;
  message: string;
}

/** What a chain's RPC node says about itself (see commands/probe.ts): checked before a chain is recorded. */
export type ProbeChain = (rpcUrl: string) => Promise<{ chainId: string; bech32Prefix?: string; mintDenom?: string }>;

export interface ImportSeedOptions {
  db: Queryable;
  /** The seed's directory (with `chains.py` and/or `tracked_wallets.py`). */
  dir: string;
  /**
   * CometBFT RPC endpoints by chain id (`--import-rpc CHAIN=URL`). The seed's `api` is an LCD/REST
   * URL and Herald talks RPC: the RPC URL cannot be derived from it (different port or host, by
   * provider), so a chain neither configured nor already known is recorded only when given one.
   */
  rpc: ReadonlyMap<string, readonly string[]>;
  probe: ProbeChain;
}

/**
 * Imports the seed bot's `chains.py` and `tracked_wallets.py` so an operator keeps their
 * subscriptions. Chains already in Herald (HERALD_CONFIG, `register_chain`, an earlier import) are
 * used as they are. Another chain is recorded (origin `command`) only with an RPC URL from `rpc`,
 * after its node confirmed the chain id; its bech32 prefix comes from the node (or the seed's
 * wallets on it) and a missing `denom` (the seed's grand-1 NOBLE entry) from the node's mint
 * denom; without them it is skipped, saying what to do. Wallets: address checksum and the chain's
 * prefix checked (`fromBech32(addr, 90)`), owner from "<@id>", threshold from its digits to exact
 * base units with the chain's exponent. A wallet already registered in Herald is kept as it is
 * (its owner decides, not the seed file). Idempotent: a second run changes nothing. Throws
 * SeedFileError when a file cannot be read; per-entry problems are `failed` lines.
 */
export async function importSeed(options: ImportSeedOptions): Promise<ImportLine[]> {
  const seed = await readSeedFiles(options.dir);
  const lines: ImportLine[] = [];
  for (const chainId of options.rpc.keys()) {
    if (!seed.chains.some((c) => c.chainId === chainId)) lines.push({ kind: 'option', id: chainId, outcome: 'failed', message: `--import-rpc names ${chainId}, which is not in chains.py` });
  }
  const known = await loadChains(options.db);
  for (const entry of seed.chains) lines.push(await importChain(entry, seed.wallets, known, options));
  const seedChains = new Set(seed.chains.map((c) => c.chainId));
  for (const wallet of seed.wallets) lines.push(await importWallet(wallet, known, seedChains, options.db));
  return lines;
}

async function importChain(entry: SeedChain, wallets: readonly SeedWallet[], known: Map<string, Chain>, options: ImportSeedOptions): Promise<ImportLine> {
  const line = (outcome: ImportOutcome, message: string): ImportLine => ({ kind: 'chain', id: entry.chainId, outcome, message });
  const existing = known.get(entry.chainId);
  if (existing) return line('unchanged', `already in Herald (${existing.origin === 'config' ? 'from HERALD_CONFIG' : 'registered earlier'}); used as it is`);
  const rpc = options.rpc.get(entry.chainId);
  const lcd = entry.api ? ` (the seed's ${endpointLabel(entry.api)} is a REST/LCD endpoint)` : '';
  if (!rpc) return line('skipped', `not imported: Herald needs a CometBFT RPC URL${lcd}; re-run with --import-rpc ${entry.chainId}=<rpc url>, or add it to ibc.chains`);
  let probe;
  try {
    probe = await options.probe(rpc[0]!);
  } catch (error) {
    return line('failed', `${endpointLabel(rpc[0]!)} did not answer usably: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (probe.chainId !== entry.chainId) return line('failed', `${endpointLabel(rpc[0]!)} serves ${probe.chainId}, not ${entry.chainId}`);
  const prefix = probe.bech32Prefix ?? prefixOfWallets(entry.chainId, wallets);
  if (!prefix) return line('failed', `the bech32 prefix is unknown (the node does not say, and no seed wallet is on it); add ${entry.chainId} to ibc.chains`);
  const denom = entry.denom ?? probe.mintDenom;
  if (!denom) return line('failed', `chains.py gives no denom and the node has no mint denom; add ${entry.chainId} to ibc.chains with its base denom`);
  const chain: Chain = { chainId: entry.chainId, name: entry.name, rpc: [...rpc], bech32Prefix: prefix, denom, displayDenom: entry.displayDenom, exponent: entry.exponent, origin: 'command' };
  const { rowCount } = await options.db.query(
    `INSERT INTO ibc_chains (chain_id, name, rpc, bech32_prefix, denom, display_denom, exponent, origin, registered_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'command', NULL, now()) ON CONFLICT (chain_id) DO NOTHING`,
    [chain.chainId, chain.name, chain.rpc, chain.bech32Prefix, chain.denom, chain.displayDenom, chain.exponent],
  );
  known.set(chain.chainId, chain);
  const from = entry.denom ? '' : ` (denom ${denom} from the node: chains.py has none)`;
  return line(rowCount ? 'created' : 'unchanged', `recorded with RPC ${rpc.map(endpointLabel).join(', ')}, prefix ${prefix}, ${chain.displayDenom} = 10^${chain.exponent} ${denom}${from}`);
}

/** The bech32 prefix every seed wallet on the chain agrees on, if any. */
function prefixOfWallets(chainId: string, wallets: readonly SeedWallet[]): string | undefined {
  const prefixes = new Set<string>();
  for (const w of wallets.filter((x) => x.chainId === chainId)) {
    try {
      prefixes.add(fromBech32(w.address, 90).prefix);
    } catch {
      // An invalid address is reported with its wallet.
    }
  }
  return prefixes.size === 1 ? [...prefixes][0] : undefined;
}

async function importWallet(wallet: SeedWallet, known: ReadonlyMap<string, Chain>, seedChains: ReadonlySet<string>, db: Queryable): Promise<ImportLine> {
  const line = (outcome: ImportOutcome, message: string): ImportLine => ({ kind: 'wallet', id: wallet.address, outcome, message });
  const chain = known.get(wallet.chainId);
  if (!chain) {
    const why = seedChains.has(wallet.chainId) ? "see the chain's line above" : 'nor in chains.py: add it to ibc.chains, or with register_chain, and import again';
    return line('failed', `its chain ${wallet.chainId} is not in Herald (${why})`);
  }
  const address = checkAddress(wallet.address, chain);
  if (!address.ok) return line('failed', `the address ${address.reason}`);
  const owner = /^<@!?(\d{15,22})>$/.exec(wallet.ownerTag.trim())?.[1];
  if (!owner) return line('failed', `owner "${wallet.ownerTag}" is not a Discord user mention like <@123456789012345678>`);
  const threshold = parseAmount(expandExponent(wallet.threshold), chain.exponent);
  if (!threshold.ok) return line('failed', `threshold ${wallet.threshold} ${threshold.reason}`);
  const { rows } = await db.query<{ inserted: boolean; chain_id: string; owner_id: string; threshold: string }>(
    `WITH ins AS (INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold) VALUES ($1, $2, $3, $4) ON CONFLICT (address) DO NOTHING RETURNING chain_id, owner_id, threshold)
     SELECT true AS inserted, chain_id, owner_id, threshold::text FROM ins
     UNION ALL SELECT false, chain_id, owner_id, threshold::text FROM ibc_wallets WHERE address = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
    [address.address, chain.chainId, owner, threshold.base.toString()],
  );
  const row = rows[0]!;
  const what = `${chain.chainId}, owner ${owner}, threshold ${wallet.threshold} ${chain.displayDenom}`;
  if (row.inserted) return line('created', `registered: ${what}`);
  if (row.chain_id === chain.chainId && row.owner_id === owner && row.threshold === threshold.base.toString()) return line('unchanged', `already registered: ${what}`);
  return line('kept', `already registered in Herald differently (${row.chain_id}, owner ${row.owner_id}); kept as it is`);
}

/** "1e-05" (how Python prints small floats) → "0.00001", so it is converted from its digits. */
export function expandExponent(text: string): string {
  const m = /^(\d+)(?:\.(\d*))?[eE]([-+]?\d+)$/.exec(text);
  if (!m) return text;
  const digits = `${m[1]}${m[2] ?? ''}`;
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
