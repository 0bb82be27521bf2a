import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanBudget } from '../data/event-search.js';
import type { EventPage } from '../data/events.js';
import { escapeHtml } from '../views/html.js';
import { createTestEnv, type TestEnv } from '../test-harness.js';

type App = Awaited<ReturnType<TestEnv['build']>>;

interface ModelEvent {
  id: string;
  i: number;
  source: string;
  subject: string;
  createdAt: Date;
  /** destination key → status */
  deliveries: Record<'a' | 'b', string | undefined>;
}

const count = 130;
const sourceOf = (i: number) => (i % 3 === 0 ? 'ibc:hub-1' : 'servatrice:default');
const statusA = (i: number) => (i > 125 ? 'pending' : i % 10 === 0 ? 'dead' : 'delivered');
const statusB = (i: number) => (i % 4 !== 0 ? undefined : i % 8 === 0 ? 'dead' : 'delivered');

/** 130 events a minute apart (user1 … user130), every one routed to A, every 4th to B too. */
async function seed(env: TestEnv, base: Date) {
  const { rows: dest } = await env.sql.query<{ id: number; key: string }>(
    `INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ('a', 'webhook', 'https://discord.com/api/webhooks/1/a', 'Alpha', now()),
     ('b', 'channel', '1234', 'Beta', now()) RETURNING id, key`,
  );
  const idOf = Object.fromEntries(dest.map((d) => [d.key, d.id])) as Record<'a' | 'b', number>;
  const model: ModelEvent[] = [];
  for (let i = 1; i <= count; i++) {
    const { rows } = await env.sql.query<{ id: bigint }>(
      `INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at) VALUES ($1, 'test.event', $2, $3, '{}', $4) RETURNING id`,
      [`list.${i}`, sourceOf(i), `user${i}`, new Date(base.getTime() + i * 60_000)],
    );
    const id = rows[0]!.id;
    await env.sql.query(`INSERT INTO deliveries (event_id, destination_id, status) VALUES ($1, $2, $3)`, [id, idOf.a, statusA(i)]);
    if (statusB(i)) await env.sql.query(`INSERT INTO deliveries (event_id, destination_id, status) VALUES ($1, $2, $3)`, [id, idOf.b, statusB(i)]);
    model.push({ id: id.toString(), i, source: sourceOf(i), subject: `user${i}`, createdAt: new Date(base.getTime() + i * 60_000), deliveries: { a: statusA(i), b: statusB(i) } });
  }
  return { model: model.reverse(), idOf };
}

describe('event list: keyset paging and filters', () => {
  let env: TestEnv;
  let app: App;
  let model: ModelEvent[];
  let idOf: Record<'a' | 'b', number>;
  const base = new Date(Math.floor(Date.now() / 1000) * 1000 - 200 * 60_000);

  beforeAll(async () => {
    env = await createTestEnv();
    ({ model, idOf } = await seed(env, base));
    app = await env.build();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  const api = async (query: string) => {
    const res = await app.inject({ url: `/api/events${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EventPage;
  };
  const ids = (page: EventPage) => page.events.map((e) => e.id);
  const expected = (keep: (e: ModelEvent) => boolean) => model.filter(keep).map((e) => e.id);

  it('pages newest first: first page, older, older at the end, and back', async () => {
    const first = await api('');
    expect(ids(first)).toEqual(model.slice(0, 50).map((e) => e.id));
    expect(first.prevAfter).toBeNull();
    expect(first.nextBefore).toBe(model[49]!.id);
    const second = await api(`?before=${first.nextBefore}`);
    expect(ids(second)).toEqual(model.slice(50, 100).map((e) => e.id));
    expect(second.prevAfter).toBe(model[50]!.id);
    const last = await api(`?before=${second.nextBefore}`);
    expect(ids(last)).toEqual(model.slice(100).map((e) => e.id));
    expect(last.nextBefore).toBeNull();
    // Newer from the last page is the middle page again, exactly.
    const back = await api(`?after=${last.prevAfter}`);
    expect(ids(back)).toEqual(ids(second));
    expect(back.nextBefore).toBe(second.nextBefore);
  });

  it('newer at the top end gives the full first page, not the last few', async () => {
    const top = await api(`?after=${model[3]!.id}`);
    expect(ids(top)).toEqual(model.slice(0, 50).map((e) => e.id));
    expect(top.prevAfter).toBeNull();
    const fromSecond = await api(`?after=${model[50]!.id}`);
    expect(ids(fromSecond)).toEqual(model.slice(0, 50).map((e) => e.id));
  });

  it('an older page past the end is empty and links back', async () => {
    const none = await api(`?before=${model.at(-1)!.id}`);
    expect(none.events).toEqual([]);
    expect(none.nextBefore).toBeNull();
    const html = (await app.inject({ url: `/?before=${model.at(-1)!.id}` })).body;
    expect(html).toContain('No more events.');
    expect(html).toContain('<a href="/" rel="first">« Newest</a>');
  });

  it('filters by source, status and destination, alone and combined, with paging', async () => {
    expect(ids(await api('?source=ibc:hub-1'))).toEqual(expected((e) => e.source === 'ibc:hub-1'));
    expect(ids(await api('?status=dead'))).toEqual(expected((e) => e.deliveries.a === 'dead' || e.deliveries.b === 'dead'));
    expect(ids(await api('?status=pending'))).toEqual(expected((e) => e.deliveries.a === 'pending'));
    expect(ids(await api(`?destination=${idOf.b}`))).toEqual(expected((e) => e.deliveries.b !== undefined));
    expect(ids(await api(`?destination=${idOf.b}&status=dead`))).toEqual(expected((e) => e.deliveries.b === 'dead'));
    expect(ids(await api(`?destination=${idOf.b}&status=delivered&source=servatrice:default&q=USER1`))).toEqual(
      expected((e) => e.deliveries.b === 'delivered' && e.source === 'servatrice:default' && e.subject.startsWith('user1')),
    );
    // A filter with more than a page: the second page continues where the first ended.
    const delivered = expected((e) => e.deliveries.a === 'delivered' || e.deliveries.b === 'delivered');
    expect(delivered.length).toBeGreaterThan(50);
    const first = await api('?status=delivered');
    expect(ids(first)).toEqual(delivered.slice(0, 50));
    const second = await api(`?status=delivered&before=${first.nextBefore}`);
    expect(ids(second)).toEqual(delivered.slice(50, 100));
    expect(ids(await api(`?status=delivered&after=${second.prevAfter}`))).toEqual(delivered.slice(0, 50));
  });

  it('filters by time range (UTC; from inclusive, to exclusive), combined with other filters', async () => {
    const at = (i: number) => new Date(base.getTime() + i * 60_000).toISOString().slice(0, 19);
    expect(ids(await api(`?from=${at(20)}&to=${at(40)}`))).toEqual(expected((e) => e.i >= 20 && e.i < 40));
    expect(ids(await api(`?from=${at(120)}`))).toEqual(expected((e) => e.i >= 120));
    expect(ids(await api(`?to=${at(5)}`))).toEqual(expected((e) => e.i < 5));
    expect(ids(await api(`?from=${at(20)}&to=${at(40)}&status=dead&source=servatrice:default`))).toEqual(
      expected((e) => e.i >= 20 && e.i < 40 && e.source === 'servatrice:default' && (e.deliveries.a === 'dead' || e.deliveries.b === 'dead')),
    );
    // The form's datetime-local format (minutes, no seconds).
    expect(ids(await api(`?from=${at(120).slice(0, 16)}`))).toEqual(expected((e) => e.i >= 120));
  });

  it('renders the filtered list compactly with filters kept in the paging links and the form', async () => {
    const res = await app.inject({ url: `/?status=delivered&destination=${idOf.a}` });
    expect(res.statusCode).toBe(200);
    const rows = res.body.match(/<tr id="event-/g) ?? [];
    expect(rows).toHaveLength(50);
    expect(res.body).toContain('<option value="delivered" selected>delivered</option>');
    expect(res.body).toContain(`<option value="${idOf.a}" selected>Alpha</option>`);
    const next = /<a href="([^"]+)" rel="next">Older →<\/a>/.exec(res.body)?.[1];
    expect(next).toBe(`/?status=delivered&amp;destination=${idOf.a}&amp;before=${expected((e) => e.deliveries.a === 'delivered')[49]}`);
    // The live refresh fetches the same filters and page.
    expect(res.body).toContain(`data-live-source="/partials/dashboard?status=delivered&amp;destination=${idOf.a}"`);
    const partial = await app.inject({ url: `/partials/dashboard?status=delivered&destination=${idOf.a}` });
    expect(partial.body.match(/<tr id="event-/g)).toHaveLength(50);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('id="live-summary" data-live');
  });

  it('refuses bad filter values with a 400 page that names the parameter (JSON for the API)', async () => {
    // Each message names the parameter and what it expects, in words (no validator jargon).
    const cases: Array<[query: string, parameter: string, message: string]> = [
      ['status=bogus', 'status', 'status: expected one of delivered, pending, dead, not "bogus"'],
      ['destination=abc', 'destination', 'destination: expected a destination number such as 3 (from the Destination list), not "abc"'],
      ['from=yesterday', 'from', 'from: expected a date and time such as 2026-11-30T12:00 (UTC), or a date such as 2026-11-30, not "yesterday"'],
      ['from=2026-02-31', 'from', 'from: expected a real date and time such as 2026-11-30T12:00 (UTC), not "2026-02-31"'],
      ['from=2026-11-02&to=2026-11-01', 'from', 'from: expected a time before to (2026-11-01), not "2026-11-02"'],
      ['before=5&after=3', 'after', 'before, after: give one of them, not both'],
      ['source=%3Cscript%3E', 'source', 'source: expected a source key such as servatrice:default (letters, digits and : . _ -), not "<script>"'],
      // Values Postgres itself would refuse (a 500 before): past bigint's range, a NUL character (shown escaped).
      ['before=9999999999999999999', 'before', 'before: expected an event number such as 1234 (from the Older and Newer links), not "9999999999999999999"'],
      ['q=a%00b', 'q', 'q: expected search text of at most 200 characters, without NUL characters, not "a\\u0000b"'],
      // A parameter the list does not take is refused, not dropped (`page=2` would show the first page).
      ['page=2', 'page', 'page: not a parameter of this page (it takes q, source, status, destination, from, to, before, after)'],
      ['status=dead&status=pending', 'status', 'status: given 2 times; give it once'],
    ];
    for (const [query, parameter, message] of cases) {
      const page = await app.inject({ url: `/?${query}`, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.statusCode, query).toBe(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>Bad request · Herald</title>');
      expect(page.body).toContain(`<div class="notice">${escapeHtml(message)}</div>`);
      const json = await app.inject({ url: `/api/events?${query}` });
      expect(json.statusCode, query).toBe(400);
      expect(json.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message, parameter });
    }
  });

  it('says when a source or destination filter names nothing: a note by the filters on the page, a 400 naming the parameter from the API', async () => {
    await env.sql.query(`INSERT INTO source_cursors (source_key, position, updated_at) VALUES ('servatrice:default', 0, now())`);
    try {
      // A source known by its events only (since removed from the configuration) filters like any other.
      expect(ids(await api('?source=ibc:hub-1'))).toEqual(expected((e) => e.source === 'ibc:hub-1').slice(0, 50));
      const sourceMessage = 'source: no source named "nope" (the sources are servatrice:default)';
      const destinationMessage = `destination: no destination number 99999 (the destinations are ${idOf.a} (Alpha), ${idOf.b} (Beta))`;
      const page = await app.inject({ url: '/?source=nope&destination=99999' });
      expect(page.statusCode).toBe(200);
      for (const message of [sourceMessage, destinationMessage]) {
        expect(page.body).toContain(`<div class="notice filter-note" role="status">${escapeHtml(message)}: no event can match.</div>`);
      }
      // The form still shows what the list is filtered by, and the list says it is empty.
      expect(page.body).toContain('<option value="nope" selected>nope</option>');
      expect(page.body).toContain('<option value="99999" selected>no destination 99999</option>');
      expect(page.body).toContain('No events match these filters.');
      const known = await app.inject({ url: `/?source=servatrice:default&destination=${idOf.b}` });
      expect(known.body).not.toContain('filter-note');
      expect(known.body.match(/<tr id="event-/g)).toHaveLength(expected((e) => e.source === 'servatrice:default' && e.deliveries.b !== undefined).slice(0, 50).length);
      for (const [query, parameter, message] of [
        ['source=nope', 'source', sourceMessage],
        ['destination=99999', 'destination', destinationMessage],
      ] as const) {
        const res = await app.inject({ url: `/api/events?${query}` });
        expect(res.statusCode, query).toBe(400);
        expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message, parameter });
      }
    } finally {
      await env.sql.query('DELETE FROM source_cursors');
    }
  });

  it('answers unknown routes with a 404 page for browsers and JSON for JSON clients and /api', async () => {
    const page = await app.inject({ url: '/no-such-page?x=1' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('The page /no-such-page was not found.');
    const json = await app.inject({ url: '/no-such-page', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Route GET:/no-such-page not found' });
    const apiMissing = await app.inject({ url: '/api/nothing', headers: { accept: 'text/html' } });
    expect(apiMissing.statusCode).toBe(404);
    expect(apiMissing.json()).toMatchObject({ statusCode: 404 });
  });
});

describe('event list on a history longer than the scan budget', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    await env.sql.query(
      `INSERT INTO events (fingerprint, type, source_key, subject, payload)
       SELECT 'scan.' || i, 'test.event', 's', CASE WHEN i IN (3, 7) THEN 'needle' || i ELSE 'hay' || i END, '{}' FROM generate_series(1, $1::int) i`,
      [ScanBudget + 5_000],
    );
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('stops a search that matches little after the budget, says where, and continues from there', async () => {
    const app = await env.build();
    const first = (await app.inject({ url: '/api/events?q=needle' })).json() as EventPage;
    expect(first.events).toEqual([]);
    expect(first.scannedTo).not.toBeNull();
    expect(first.nextBefore).toBe(first.scannedTo);
    const html = (await app.inject({ url: '/?q=needle' })).body;
    expect(html).toContain(`Searched back to event #${first.scannedTo} and stopped`);
    const rest = (await app.inject({ url: `/api/events?q=needle&before=${first.nextBefore}` })).json() as EventPage;
    expect(rest.events.map((e) => e.subject)).toEqual(['needle7', 'needle3']);
    expect(rest.scannedTo).toBeNull();
    expect(rest.nextBefore).toBeNull();
  });
});
