import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PythonLiteralError, readPythonAssignment } from './python-literal.js';

/** One entry of the seed's `chains.py` (`chain_data`). `api` is an LCD/REST URL; `denom` is missing on some (grand-1 NOBLE). */
export interface SeedChain {
  chainId: string;
  api: string | null;
  name: string;
  exponent: number;
  denom: string | null;
  displayDenom: string;
}

/** One entry of the seed's `tracked_wallets.py`: `'addr': ['chain_id', '<@owner>', threshold]`. */
export interface SeedWallet {
  address: string;
  chainId: string;
  /** As written, e.g. `<@123456>`. */
  ownerTag: string;
  /** The threshold's source text in display units (e.g. "2.0"), never a float. */
  threshold: string;
}

export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

// Numbers arrive as their source text (see python-literal.ts).
const text = z.string().min(1);
const chainEntry = z.looseObject({
  chain_id: text,
  api: text.optional(),
  chain_name: text,
  exponent: z.string().regex(/^\d+$/, 'must be a whole number of decimals').transform(Number).pipe(z.number().max(30)),
  denom: text.optional(),
  full_denom: text,
});
const walletEntry = z.tuple([text, text, z.string().regex(/^\d+(\.\d*)?([eE][-+]?\d+)?$/, 'must be a positive number')]);

/**
 * Reads `chains.py` and `tracked_wallets.py` from the seed's directory. A missing file reads as
 * empty (the seed itself started without `tracked_wallets.py`); a file that cannot be parsed throws
 * SeedFileError naming the file and the entry.
 */
export async function readSeedFiles(dir: string): Promise<{ chains: SeedChain[]; wallets: SeedWallet[] }> {
  const chainData = await readAssignment(join(dir, 'chains.py'), 'chain_data');
  const trackedWallets = await readAssignment(join(dir, 'tracked_wallets.py'), 'tracked_wallets');
  // Either file alone is worth importing; neither means a mistyped directory, which must not look like success.
  if (chainData === undefined && trackedWallets === undefined) {
    throw new SeedFileError(`${dir}: neither chains.py nor tracked_wallets.py is there (give the seed bot's directory)`);
  }
  const chains = z.array(z.unknown()).safeParse(chainData ?? []);
  if (!chains.success) throw new SeedFileError('chains.py: chain_data must be a list of chains');
  const wallets = z.record(z.string(), z.unknown()).safeParse(trackedWallets ?? {});
  if (!wallets.success) throw new SeedFileError('tracked_wallets.py: tracked_wallets must be a dict of wallets');
  return {
    chains: chains.data.map((entry, i) => {
      const parsed = chainEntry.safeParse(entry);
      if (!parsed.success) throw new SeedFileError(`chains.py: chain_data[${i}]: ${describe(parsed.error)}`);
      const c = parsed.data;
      return { chainId: c.chain_id, api: c.api ?? null, name: c.chain_name, exponent: c.exponent, denom: c.denom ?? null, displayDenom: c.full_denom };
    }),
    wallets: Object.entries(wallets.data).map(([address, entry]) => {
      const parsed = walletEntry.safeParse(entry);
      if (!parsed.success) throw new SeedFileError(`tracked_wallets.py: '${address}': ${describe(parsed.error)} (expected ['chain_id', '<@user id>', threshold])`);
      const [chainId, ownerTag, threshold] = parsed.data;
      return { address, chainId, ownerTag, threshold };
    }),
  };
}

async function readAssignment(path: string, name: string): Promise<unknown> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SeedFileError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return readPythonAssignment(source, name);
  } catch (error) {
    if (error instanceof PythonLiteralError) throw new SeedFileError(`${path}: ${error.message}`);
    throw error;
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ');
}
