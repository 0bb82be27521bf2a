import type { SqlPool } from '@herald/db/sql';
import { importSeed, rpcProbe, type ImportLine } from '@herald/ibc';

/**
 * `--import-seed DIR`: imports the seed bot's files and prints one line per entry (what was done
 * and why) to `out`. Returns the exit code: 0 when every entry is imported or already there, 1
 * when one failed. A file that cannot be read or parsed throws (exit 1 with the reason).
 */
export async function runImportSeed(options: { db: SqlPool; dir: string; rpc: Map<string, string[]>; timeoutMs: number; out: NodeJS.WritableStream }): Promise<number> {
  const lines = await importSeed({ db: options.db, dir: options.dir, rpc: options.rpc, probe: rpcProbe(options.timeoutMs) });
  for (const line of lines) options.out.write(`${line.outcome.padEnd(9)} ${line.kind} ${line.id}: ${line.message}\n`);
  const count = (outcome: ImportLine['outcome']) => lines.filter((l) => l.outcome === outcome).length;
  options.out.write(
    `seed import: ${count('created')} created, ${count('unchanged')} unchanged, ${count('kept')} kept, ${count('skipped')} skipped, ${count('failed')} failed\n`,
  );
  return count('failed') > 0 ? 1 : 0;
}
