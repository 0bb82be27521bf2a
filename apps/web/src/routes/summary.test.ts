import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';

const HourMs = 3_600_000;
const DayMs = 24 * HourMs;

/** The summary tile with this label: its health class and its value. */
function tile(body: string, label: string): { health: string; value: string; html: string } {
  const match = new RegExp(`<div class="tile (\\w+)"[^>]*><div class="label">${label}</div>\\n<div class="value">([^<]*)</div>(.*?)</div>\\n`, 's').exec(body);
  expect(match, `tile ${label}`).not.toBeNull();
  return { health: match![1]!, value: match![2]!, html: match![0] };
}

/** The rows of a chart's "Numbers" table, as label → cells. */
function numbers(body: string, chartId: string): Map<string, string[]> {
  const figure = body.slice(body.indexOf(`<figure class="chart" id="${chartId}">`));
  const table = figure.slice(figure.indexOf('<table class="numbers">'), figure.indexOf('</table>'));
  const rows = [...table.matchAll(/<tr><td>([^<]*)<\/td>((?:<td>[^<]*<\/td>)+)<\/tr>/g)];
  return new Map(rows.map((r) => [r[1]!, [...r[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]!)]));
}

describe('dashboard summary and charts', () => {
  let env: TestEnv;
  let body: string;
  const now = Date.now();
  const hour = Math.floor(now / HourMs) * HourMs;
  const day = Math.floor(now / DayMs) * DayMs;
  const hourLabel = (t: number) => `${new Date(t).toISOString().slice(11, 13)}h`;

  beforeAll(async () => {
    env = await createTestEnv();
    const sql = env.sql;
    const { rows: dest } = await sql.query<{ id: number }>(
      `INSERT INTO destinations (key, kind, target, label, status, updated_at) VALUES
       ('ok', 'webhook', 'https://discord.com/api/webhooks/1/a', 'Sign-ups', 'active', now()),
       ('q', 'webhook', 'https://discord.com/api/webhooks/2/b', 'Broken', 'quarantined', now()),
       ('p', 'channel', '1234', 'Quiet', 'paused', now()) RETURNING id`,
    );
    const main = dest[0]!.id;
    let n = 0;
    /** An event recorded at `at`, delivered `latency` seconds later (or left in `status`). */
    const event = async (at: number, status: 'delivered' | 'pending' | 'dead', latency = 0) => {
      const { rows } = await sql.query<{ id: bigint }>(
        `INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at) VALUES ($1, 'test.event', 'servatrice:default', $1, '{}', $2) RETURNING id`,
        [`s.${n++}`, new Date(at)],
      );
      await sql.query(`INSERT INTO deliveries (event_id, destination_id, status, delivered_at, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        rows[0]!.id,
        main,
        status,
        status === 'delivered' ? new Date(at + latency * 1000) : null,
        new Date(at),
      ]);
    };
    // Two hours ago: three deliveries of 0.5 s, 1.5 s and 40 s; five hours ago one of 3 s.
    for (const latency of [0.5, 1.5, 40]) await event(hour - 2 * HourMs + 10 * 60_000, 'delivered', latency);
    await event(hour - 5 * HourMs + 5 * 60_000, 'delivered', 3);
    // Now: two deliveries waiting for ten minutes (stuck), one dead.
    await event(now - 10 * 60_000, 'pending');
    await event(now - 10 * 60_000, 'pending');
    await event(now - 20 * 60_000, 'dead');
    // Older than 24 hours: only in the 30-day chart.
    for (let i = 0; i < 4; i++) await event(day - 2 * DayMs + HourMs, 'delivered', 1);
    await event(now - 26 * HourMs, 'delivered', 1);
    await sql.query(
      `INSERT INTO source_cursors (source_key, position, last_poll_at, last_success_at, last_error, failing_since, updated_at) VALUES
       ('servatrice:default', 7, now(), now() - interval '5 seconds', NULL, NULL, now()),
       ('ibc:slow-1', 0, now(), now() - interval '10 minutes', NULL, NULL, now()),
       ('ibc:down-1', 0, now(), now() - interval '1 hour', 'all RPC endpoints failed', now() - interval '1 hour', now())`,
    );
    const app = await env.build();
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    body = res.body;
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('counts the last 24 hours and colours what needs attention', () => {
    expect(tile(body, 'Events · 24 h')).toMatchObject({ health: 'plain', value: '7' });
    expect(tile(body, 'Delivered · 24 h')).toMatchObject({ health: 'plain', value: '4' });
    const pending = tile(body, 'Pending');
    expect(pending).toMatchObject({ health: 'bad', value: '2' });
    expect(pending.html).toContain('<span class="state">problem</span>');
    expect(pending.html).toMatch(/oldest 10 min/);
    expect(tile(body, 'Dead-lettered')).toMatchObject({ health: 'bad', value: '1' });
    expect(tile(body, 'Dead-lettered').html).toContain('<a href="/?status=dead">show</a>');
    expect(tile(body, 'Quarantined')).toMatchObject({ health: 'bad', value: '1' });
    // An operator's choice, not a problem: a calm colour and the word "paused".
    expect(tile(body, 'Paused')).toMatchObject({ health: 'held', value: '1' });
    expect(tile(body, 'Paused').html).toContain('<span class="state">paused</span>');
  });

  it('shows each source with its lag: green, amber when behind, red when failing', () => {
    expect(body).toMatch(/<li class="ok"><span class="dot" aria-hidden="true"><\/span>servatrice:default: lag \d+ s<\/li>/);
    expect(body).toMatch(/<li class="warn"><span class="dot" aria-hidden="true"><\/span>ibc:slow-1: lag 10 min<\/li>/);
    expect(body).toContain('<li class="bad"><span class="dot" aria-hidden="true"></span>ibc:down-1: failing</li>');
  });

  it('charts events and deliveries per hour and per day, with the numbers as text', () => {
    expect(body).toContain('<title id="chart-hours-title">Last 24 hours, per hour (UTC)</title>');
    const hours = numbers(body, 'chart-hours');
    expect(hours.size).toBe(24);
    expect(hours.get(hourLabel(hour - 2 * HourMs))).toEqual(['3', '3']);
    expect(hours.get(hourLabel(hour - 5 * HourMs))).toEqual(['1', '1']);
    expect(hours.get(hourLabel(hour - 3 * HourMs))).toEqual(['0', '0']);
    expect(body).toContain(`<title>${hourLabel(hour - 2 * HourMs)}: events 3</title>`);
    const days = numbers(body, 'chart-days');
    expect(days.size).toBe(30);
    expect(days.get(new Date(day - 2 * DayMs).toISOString().slice(5, 10))).toEqual(['4', '4']);
  });

  it('charts delivery latency: p50 and p99 per hour, and its distribution over 24 hours', () => {
    const latency = numbers(body, 'chart-latency');
    expect(latency.get(hourLabel(hour - 2 * HourMs))).toEqual(['1.5 s', '40 s']);
    expect(latency.get(hourLabel(hour - 5 * HourMs))).toEqual(['3 s', '3 s']);
    expect(latency.get(hourLabel(hour - 3 * HourMs))).toEqual(['—', '—']);
    const bins = numbers(body, 'chart-latency-bins');
    expect([...bins.entries()]).toEqual([
      ['&lt;1 s', ['1']],
      ['1 s–2 s', ['1']],
      ['2 s–5 s', ['1']],
      ['5 s–10 s', ['0']],
      ['10 s–30 s', ['0']],
      ['30 s–60 s', ['1']],
      ['60 s–5 min', ['0']],
      ['≥5 min', ['0']],
    ]);
    // Two points with empty hours between: separate segments (d3 draws a lone point as "Mx,yZ").
    expect(body).toMatch(/<path class="line s-p99" d="M[\d.,]+Z?M[\d.,]+Z?"><\/path>/);
  });

  it('serves the live refresh script and the page works without it', async () => {
    const app = await env.build();
    const script = await app.inject({ url: '/assets/live.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain("document.querySelector('[data-live-source]')");
    expect(body).toContain('<script src="/assets/live.js" defer></script>');
    expect(body).toContain('<span id="live-state">Reload the page to update it</span>');
    expect(body).not.toMatch(/<script>[^<]/); // nothing inline: a script-src 'self' CSP allows the page
  });
});

describe('dashboard summary: a backlog held by a paused destination', () => {
  let env: TestEnv;
  let quiet: number;
  let live: number;
  const pendingTile = async () => {
    const res = await (await env.build()).inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    return tile(res.body, 'Pending');
  };

  beforeAll(async () => {
    env = await createTestEnv();
    const { rows } = await env.sql.query<{ id: number; key: string }>(
      `INSERT INTO destinations (key, kind, target, label, status, updated_at) VALUES
       ('live', 'webhook', 'https://discord.com/api/webhooks/1/a', 'Live', 'active', now()),
       ('quiet', 'channel', '1234', 'Quiet <room>', 'paused', now()) RETURNING id, key`,
    );
    live = rows.find((r) => r.key === 'live')!.id;
    quiet = rows.find((r) => r.key === 'quiet')!.id;
    // Four deliveries waiting 15 minutes, all for the paused destination.
    for (let i = 0; i < 4; i++) {
      const at = new Date(Date.now() - 15 * 60_000);
      const { rows: event } = await env.sql.query<{ id: bigint }>(
        `INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at) VALUES ($1, 'test.event', 's', $1, '{}', $2) RETURNING id`,
        [`held.${i}`, at],
      );
      await env.sql.query(`INSERT INTO deliveries (event_id, destination_id, status, created_at) VALUES ($1, $2, 'pending', $3)`, [event[0]!.id, quiet, at]);
    }
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('shows deliveries a paused destination holds as held, in a calm colour, not as a problem', async () => {
    const pending = await pendingTile();
    expect(pending).toMatchObject({ health: 'held', value: '0' });
    expect(pending.html).toContain('<span class="state">held</span>');
    expect(pending.html).not.toMatch(/oldest \d/);
    expect(pending.html).toContain(
      `<div class="held"><a href="/?status=pending&amp;destination=${quiet}">4 held by paused destination Quiet &lt;room&gt;</a></div>`,
    );
  });

  it('counts only the rest toward the problem state, and all of them once the destination is resumed', async () => {
    const { rows: event } = await env.sql.query<{ id: bigint }>(
      `INSERT INTO events (fingerprint, type, source_key, subject, payload) VALUES ('live.1', 'test.event', 's', 'live.1', '{}') RETURNING id`,
    );
    await env.sql.query(`INSERT INTO deliveries (event_id, destination_id, status) VALUES ($1, $2, 'pending')`, [event[0]!.id, live]);
    // One fresh delivery for the active destination: amber (just waiting), whatever the paused one holds.
    const mixed = await pendingTile();
    expect(mixed).toMatchObject({ health: 'warn', value: '1' });
    expect(mixed.html).toMatch(/oldest \d+ s/);
    expect(mixed.html).toContain('4 held by paused destination Quiet');

    await env.sql.query(`UPDATE destinations SET status = 'active' WHERE id = $1`, [quiet]);
    const resumed = await pendingTile();
    expect(resumed).toMatchObject({ health: 'bad', value: '5' });
    expect(resumed.html).toContain('<span class="state">problem</span>');
    expect(resumed.html).toContain('oldest 15 min');
    expect(resumed.html).not.toContain('held by');
    // No destination paused: the Paused tile says OK like every other quiet tile (it said "paused").
    const paused = tile((await (await env.build()).inject({ url: '/' })).body, 'Paused');
    expect(paused).toMatchObject({ health: 'ok', value: '0' });
    expect(paused.html).toContain('<span class="state">OK</span>');
  });
});
