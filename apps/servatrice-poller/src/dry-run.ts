import type { Queryable } from '@herald/db/sql';
import { readCursor } from '@herald/pipeline';
import type { Logger } from '@herald/logging';
import { dryRunLine, previewPoll, sourceKey, type AccountReader } from '@herald/servatrice';

/** `--dry-run`: queries like a real poll and prints what would be posted. Writes nothing. */
export async function runDryRun(
  deps: { db: Queryable; reader: AccountReader; logger: Logger; out: NodeJS.WritableStream },
  options: { source: string; batchSize: number; showEmail: boolean; showRealName: boolean },
): Promise<number> {
  const cursor = await readCursor(deps.db, sourceKey(options.source));
  const preview = await previewPoll({ reader: deps.reader, ...options }, cursor);
  if ('baseline' in preview) {
    deps.out.write(`[dry-run] first run: would record the baseline at id=${preview.baseline} and post nothing\n`);
  } else if (preview.events.length === 0) {
    deps.out.write(`[dry-run] no new accounts since id=${cursor?.position ?? 0}\n`);
  } else {
    for (const event of preview.events) deps.out.write(`${dryRunLine(event.payload)}\n`);
    deps.out.write(`[dry-run] ${preview.events.length} account(s) would be posted; nothing was written\n`);
  }
  return 0;
}
