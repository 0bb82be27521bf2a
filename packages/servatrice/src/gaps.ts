import type { PositionGap } from '@herald/pipeline';

/**
 * How id gaps are handled (issue 7, §6/§7). Auto-increment ids are allocated when an insert
 * starts, so a lower id can become visible after a higher one (a long transaction, a lagging
 * replica, a slow disk), or never (a rolled-back insert, a deleted account).
 */
export interface GapPolicy {
  /** How long an open gap holds the rows above it (so they are posted in id order), from when it was first seen. */
  graceMs: number;
  /** How long a skipped gap is re-checked for a late commit, from when it was first seen. */
  recheckMs: number;
  /** Most skipped gaps remembered per source; beyond it the oldest are given up (see `capGaps`). */
  maxRemembered: number;
}

/**
 * At most 100 gaps per source: one indexed re-check query of 100 ranges is still cheap, and a
 * mass deletion of interleaved accounts cannot grow the list (each gap is a range, so a deleted
 * block of any size is one gap; 100 only runs out when more than 100 separate holes are open).
 */
export const DefaultMaxRememberedGaps = 100;

export interface Advance {
  /** The new cursor: the highest id below which every id was recorded or skipped. */
  position: bigint;
  /** How many of the rows (a prefix, in id order) to record now; the rest wait above an open gap. */
  count: number;
  /** Gaps still holding rows, with the time each was first seen. */
  open: PositionGap[];
  /** Gaps that outlived the grace period in this poll: the cursor moves past them and they are re-checked. */
  skipped: PositionGap[];
}

/**
 * Walks the rows read above the cursor (`rows`, ascending ids) and decides what to record now:
 * contiguous ids, and ids above gaps whose grace has run out. A gap seen for less than `graceMs`
 * holds every row above it, so rows are recorded in id order (the README's "Order" promise). Each
 * gap keeps the first-seen time of the stored open gap it came from (a partly filled gap splits and
 * both parts keep it), so no row waits longer than `graceMs` after the gap below it appeared.
 * `complete`: the read reached the table's end; otherwise stored open gaps above the last row read
 * are kept as they were.
 */
export function advance(position: bigint, rows: ReadonlyArray<{ id: number }>, stored: readonly PositionGap[], now: Date, graceMs: number, complete: boolean): Advance {
  const open: PositionGap[] = [];
  const skipped: PositionGap[] = [];
  let next = position;
  let count = 0;
  let previous = position;
  for (const [index, row] of rows.entries()) {
    const id = BigInt(row.id);
    if (id <= previous) continue;
    if (id > previous + 1n) {
      const gap: PositionGap = { from: previous + 1n, to: id - 1n, seenAt: firstSeen(stored, previous + 1n, id - 1n) ?? now, skippedAt: null };
      if (open.length === 0 && now.getTime() - gap.seenAt.getTime() >= graceMs) skipped.push({ ...gap, skippedAt: now });
      else open.push(gap);
    }
    if (open.length === 0) {
      next = id;
      count = index + 1;
    }
    previous = id;
  }
  if (!complete) open.push(...stored.filter((g) => g.skippedAt === null && g.from > previous));
  return { position: next, count, open, skipped };
}

/** The earliest first-seen time of the stored open gaps overlapping `from..to`. */
function firstSeen(stored: readonly PositionGap[], from: bigint, to: bigint): Date | undefined {
  let earliest: Date | undefined;
  for (const g of stored) {
    if (g.skippedAt !== null || g.to < from || g.from > to) continue;
    if (!earliest || g.seenAt < earliest) earliest = g.seenAt;
  }
  return earliest;
}

/** Splits skipped gaps into those still re-checked and those whose re-check window has ended. */
export function dueForRecheck(gaps: readonly PositionGap[], now: Date, recheckMs: number): { recheck: PositionGap[]; expired: PositionGap[] } {
  const recheck: PositionGap[] = [];
  const expired: PositionGap[] = [];
  for (const g of gaps) (now.getTime() - g.seenAt.getTime() < recheckMs ? recheck : expired).push(g);
  return { recheck, expired };
}

/** Removes ids found by a re-check from the gaps holding them (a gap splits around each id; empty parts vanish). */
export function withoutFound(gaps: readonly PositionGap[], found: ReadonlyArray<{ id: number }>): PositionGap[] {
  const ids = found.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: PositionGap[] = [];
  for (const gap of gaps) {
    let from = gap.from;
    for (const id of ids) {
      if (id < from || id > gap.to) continue;
      if (id > from) out.push({ ...gap, from, to: id - 1n });
      from = id + 1n;
    }
    if (from <= gap.to) out.push({ ...gap, from });
  }
  return out;
}

/**
 * Keeps at most `max` remembered gaps: the newest by first-seen time. The oldest are given up
 * first, since their late commit has become the least likely.
 */
export function capGaps(gaps: readonly PositionGap[], max: number): { kept: PositionGap[]; dropped: PositionGap[] } {
  if (gaps.length <= max) return { kept: [...gaps], dropped: [] };
  const byAge = [...gaps].sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime() || (a.from < b.from ? -1 : 1));
  return { kept: byAge.slice(gaps.length - max), dropped: byAge.slice(0, gaps.length - max) };
}

/** `12–15` or `12`: how a gap is named in logs. */
export function gapLabel(gap: PositionGap): string {
  return gap.from === gap.to ? String(gap.from) : `${gap.from}–${gap.to}`;
}
