/**
 * The Reddit pages in a real browser (Debian's Chromium, headless, driven by playwright-core: no
 * browser download): the built web app (`apps/web/dist`, rebuild first) on a seeded history, a weekly
 * report and the compendium's pages render with their tables and charts, the search box works, a
 * hostile comment body runs no script, and no request leaves localhost.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedisPrefix, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { redditHistoryUserName, seedRedditHistory } from '../../bench/lib/reddit-history.js';
import { startWebApp, type AppProcess } from '../e2e/harness.js';

const chromiumPath = process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium';
/** A body that tries a script, a script link and an image from elsewhere: none may run or load. */
const hostileBody = '**Hostile** <script>alert("xss")</script> [click](javascript:alert(1)) ![pixel](https://tracker.example/pixel.png)';

// Fresh machines may lack Debian's Chromium (`apt-get install chromium`): then there is no browser to drive.
describe.skipIf(!existsSync(chromiumPath))(`Reddit pages in Chromium (${chromiumPath})`, () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let web: AppProcess;
  let browser: Browser;
  let base: string;
  const dialogs: string[] = [];
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const busiest = redditHistoryUserName(0);

  beforeAll(async () => {
    database = await createTestDatabase('herald_browser');
    redis = createTestRedisPrefix();
    const now = new Date();
    // 20,000 comments over 60 days: every week holds dozens at or under the reports' cutoff.
    await seedRedditHistory(database.url, { users: 60, comments: 20_000, days: 60, now });
    const client = new pg.Client({ connectionString: database.url, options: '-c TimeZone=UTC' });
    await client.connect();
    try {
      // Last week for sure (the ISO week of now − 7 days, which /reports/lastweek shows), by a user the reports count.
      await client.query(
        `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
         VALUES ('hostile1', $1, -4321, '/r/pics/comments/x/t/hostile1/', 'pics', $2, $3)`,
        [busiest, new Date(now.getTime() - 7 * 86_400_000), hostileBody],
      );
    } finally {
      await client.end();
    }
    ({ web, base } = await startWebApp(database.url, redis, { HERALD_TIMEZONE: 'Europe/Paris' }));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.kill('SIGTERM');
    await redis?.cleanup();
    await database?.drop();
  });

  /** A fresh page whose requests, dialogs (alert) and script errors are recorded. */
  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  /** How many marks (bars, dots, lines) the chart SVGs under `selector` draw. */
  const marks = (page: Page, selector: string) => page.locator(`${selector} svg :is(rect, circle, path)`).count();

  it("renders last week's report with its tables, charts and the hostile comment made harmless", async () => {
    const page = await open('/reports/lastweek');
    expect(await page.title()).toMatch(/^Report of year \d{4} week \d{1,2}/);
    expect(await page.locator('table').count()).toBeGreaterThanOrEqual(2);
    expect(await marks(page, 'body')).toBeGreaterThan(5);
    const hostile = page.locator('blockquote', { hasText: 'Hostile' });
    expect(await hostile.locator('strong').textContent()).toBe('Hostile');
    expect(await hostile.textContent()).toContain('<script>alert("xss")</script>');
    await page.close();
  });

  it('renders the compendium index with its summary, most downvoted and both per-user tables', async () => {
    const page = await open('/compendium');
    expect(await page.title()).toBe('Compendium · Herald');
    expect(await page.locator('h2#summary + table th', { hasText: 'Registered' }).count()).toBe(1);
    expect(await page.locator('#most-downvoted ~ article.comment').count()).toBe(5);
    // The hostile comment (−4,321) is among the five most downvoted: rendered, not run.
    expect(await page.locator('article.comment blockquote strong', { hasText: 'Hostile' }).count()).toBe(1);
    // 60 users seeded: the first hidden (every 100th) and unregistered (every 97th) ones would come later (reddit-history.ts).
    expect(await page.locator('h2#negative + table.stats tbody tr').count()).toBeGreaterThan(50);
    expect(await page.locator('h2#karma + table.stats tbody tr').count()).toBeGreaterThan(50);
    await page.close();
  });

  it("renders a user's page with its weekly karma chart, and finds a user through the search box", async () => {
    const page = await open('/compendium');
    await page.locator('form.search input[name=q]').fill(busiest.toLowerCase());
    await Promise.all([page.waitForURL(`**/compendium/user/${busiest}`), page.locator('form.search button').click()]);
    expect(await page.title()).toBe(`Compendium of /u/${busiest} · Herald`);
    expect(await marks(page, '#chart-weekly-karma')).toBeGreaterThan(8);
    expect(await page.locator('h2#per-sub + table.stats tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('table.facts th', { hasText: 'Number of comments' }).count()).toBe(1);
    await page.close();
  });

  it('pages through all comments', async () => {
    const page = await open('/compendium/comments?limit=20');
    expect(await page.locator('article.comment').count()).toBe(20);
    await Promise.all([page.waitForURL('**/compendium/comments?limit=20&offset=20'), page.locator('a[rel=next]').click()]);
    expect(await page.locator('article.comment h3').first().textContent()).toBe('#21');
    await page.close();
  });

  it('sent no request off this machine, ran no dialog and threw no script error', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
