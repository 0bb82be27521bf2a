import type { Queryable } from '@herald/db/sql';
import type { PositionGap } from './types.js';

/** A source's remembered gaps (`source_gaps`), lowest first. */
export async function readGaps(db: Queryable, sourceKey: string): Promise<PositionGap[]> {
  const { rows } = await db.query<{ from_position: bigint; to_position: bigint; seen_at: Date; skipped_at: Date | null }>(
    'SELECT from_position, to_position, seen_at, skipped_at FROM source_gaps WHERE source_key = $1 ORDER BY from_position',
    [sourceKey],
  );
  return rows.map((r) => ({ from: r.from_position, to: r.to_position, seenAt: r.seen_at, skippedAt: r.skipped_at }));
}

/**
 * Replaces a source's gaps. Callers keep the list short (the Servatrice poll caps it), so a
 * delete and one multi-row insert are cheaper than diffing. Dates travel as ISO strings and are
 * cast through timestamptz, so they are stored as UTC whatever this process's time zone.
 */
export async function saveGaps(db: Queryable, sourceKey: string, gaps: PositionGap[]): Promise<void> {
  await db.query('DELETE FROM source_gaps WHERE source_key = $1', [sourceKey]);
  if (gaps.length === 0) return;
  await db.query(
    `INSERT INTO source_gaps (source_key, from_position, to_position, seen_at, skipped_at)
     SELECT $1, f, t, s, k FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) AS x(f, t, s, k)`,
    [
      sourceKey,
      gaps.map((g) => g.from.toString()),
      gaps.map((g) => g.to.toString()),
      gaps.map((g) => g.seenAt.toISOString()),
      gaps.map((g) => g.skippedAt?.toISOString() ?? null),
    ],
  );
}
