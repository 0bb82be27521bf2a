import type { SqlPool } from '@herald/db/sql';
import { DabDatabaseError } from './dab-file.js';
import { importDab, type DabImportResult, type ImportCount } from './import-dab.js';

/**
 * The import's report: a heading, one line per kind (users, comments, registered-by, high scores)
 * with its counts and skip reasons, then one `note:` line per detail. Example:
 *
 *   DAB database /var/lib/dab/db.sqlite3 (written by DAB 1.26.4) imported
 *   users: 40 imported (3 unregistered), 2 already present, 1 skipped (1 same Reddit account as another user (names differ only in case))
 *   comments: 100000 imported, 0 already present, 0 skipped
 *   registered-by: 38 imported, 0 already present, 0 skipped
 *   highscores: 12 imported, 0 already present, 0 skipped
 *   note: user "foo" skipped: "Foo" is the same Reddit account (names differ only in case); ...
 */
export function printDabImport(result: DabImportResult, out: NodeJS.WritableStream): void {
  out.write(`DAB database ${result.path} (written by DAB ${result.version}) imported\n`);
  out.write(line('users', result.users, result.users.unregistered > 0 ? ` (${result.users.unregistered} unregistered)` : ''));
  out.write(line('comments', result.comments));
  out.write(line('registered-by', result.registeredBy));
  out.write(line('highscores', result.highscores));
  for (const note of result.notes) out.write(`note: ${note}\n`);
}

function line(kind: string, counts: ImportCount, imported = ''): string {
  const reasons = Object.entries(counts.skipped);
  const skipped = reasons.reduce((sum, [, n]) => sum + n, 0);
  const why = reasons.length > 0 ? ` (${reasons.map(([reason, n]) => `${n} ${reason}`).join('; ')})` : '';
  return `${kind}: ${counts.imported} imported${imported}, ${counts.alreadyPresent} already present, ${skipped} skipped${why}\n`;
}

/**
 * `--import-dab PATH` (apps/reddit-poller): imports the DAB database at `sqlitePath` and prints the
 * report to `out`. Returns the exit code: 0 when imported (skipped rows are reported, not
 * failures); 1 when the file is refused (`dab import: <why>` on `out`: missing, not SQLite, another
 * application, a version Herald does not read, a failed quick_check), with nothing written.
 * A Postgres error throws (the transaction is rolled back).
 */
export async function runDabImport(options: { sqlitePath: string; db: SqlPool; out: NodeJS.WritableStream; now?: Date }): Promise<number> {
  try {
    const result = await importDab({ sqlitePath: options.sqlitePath, db: options.db, out: options.out, ...(options.now ? { now: options.now } : {}) });
    printDabImport(result, options.out);
    return 0;
  } catch (error) {
    if (!(error instanceof DabDatabaseError)) throw error;
    options.out.write(`dab import: ${error.message}\n`);
    return 1;
  }
}
