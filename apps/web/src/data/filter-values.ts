import type { Queryable } from '@herald/db/sql';
import { shown } from '../views/format.js';
import type { EventFilter } from './event-filter.js';

/** A filter value that names no source or destination Herald has: the list can only be empty. */
export interface UnknownFilterValue {
  parameter: 'source' | 'destination';
  /** `source: no source named "nope" (the sources are servatrice:default, ibc:cosmoshub-4)`. */
  message: string;
}

/** How many known names a message lists at most. */
const ListedNames = 10;

const listed = (names: string[], total: number) => `${names.join(', ')}${total > names.length ? `, … (${total} in all)` : ''}`;

/**
 * Which of the filter's `source` and `destination` name nothing: a source with neither a cursor (a
 * configured source that polled) nor an event (one since removed from the configuration keeps its
 * history), a destination id with no row. Each message names the parameter and the known values,
 * so a typo is seen at once instead of an empty list. Two indexed look-ups at most.
 */
export async function unknownFilterValues(db: Queryable, filter: Pick<EventFilter, 'source' | 'destination'>): Promise<UnknownFilterValue[]> {
  const unknown: UnknownFilterValue[] = [];
  if (filter.source !== undefined) {
    const { rows } = await db.query<{ known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM source_cursors WHERE source_key = $1) OR EXISTS (SELECT 1 FROM events WHERE source_key = $1) AS known`,
      [filter.source],
    );
    if (rows[0]?.known !== true) {
      const { rows: keys } = await db.query<{ source_key: string; total: number }>(
        'SELECT source_key, count(*) OVER ()::int AS total FROM source_cursors ORDER BY source_key LIMIT $1',
        [ListedNames],
      );
      const known = keys.length === 0 ? 'no source has polled yet' : `the sources are ${listed(keys.map((k) => k.source_key), keys[0]!.total)}`;
      unknown.push({ parameter: 'source', message: `source: no source named ${JSON.stringify(filter.source)} (${known})` });
    }
  }
  if (filter.destination !== undefined) {
    const { rows: found } = await db.query('SELECT 1 FROM destinations WHERE id = $1', [filter.destination]);
    if (found.length === 0) {
      const { rows } = await db.query<{ id: number; label: string; total: number }>(
        'SELECT id, label, count(*) OVER ()::int AS total FROM destinations ORDER BY id LIMIT $1',
        [ListedNames],
      );
      // Labels as every page shows them (an e-mail address in one is masked).
      const names = rows.map((d) => `${d.id} (${shown(d.label) ?? ''})`);
      const known = rows.length === 0 ? 'no destination is configured' : `the destinations are ${listed(names, rows[0]!.total)}`;
      unknown.push({ parameter: 'destination', message: `destination: no destination number ${filter.destination} (${known})` });
    }
  }
  return unknown;
}
