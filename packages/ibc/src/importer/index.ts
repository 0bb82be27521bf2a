import { probeChain } from '../commands/probe.js';
import type { ProbeChain } from './import-seed.js';

export { importSeed, expandExponent, type ImportLine, type ImportOutcome, type ImportSeedOptions, type ProbeChain } from './import-seed.js';
export { readSeedFiles, SeedFileError, type SeedChain, type SeedWallet } from './seed-files.js';
export { readPythonAssignment, PythonLiteralError } from './python-literal.js';

/** The importer's look at a chain's RPC node (chain id, bech32 prefix, mint denom): `register_chain`'s probe. */
export function rpcProbe(timeoutMs: number): ProbeChain {
  return (rpcUrl) => probeChain(rpcUrl, timeoutMs);
}
