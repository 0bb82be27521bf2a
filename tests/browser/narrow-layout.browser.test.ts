/**
 * Every main page on a phone-sized screen (390 px wide) in a real browser (Debian's Chromium,
 * headless, driven by playwright-core: no browser download): the built web app (`apps/web/dist`,
 * rebuild first) with a seeded dashboard, IBC and Reddit history and a demo Discord holding a few
 * messages. Nothing may make the page wider than the screen (the menu wraps, tables scroll in their
 * own box), every menu link stays on screen, and no page load fails a request or leaves localhost.
 * (Headless Chromium does not ask for /favicon.ico; routes/dashboard.test.ts checks the icon.)
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@herald/db';
import { createTestDatabase, createTestRedisPrefix, FakeDiscord, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { seedRedditHistory } from '../../bench/lib/reddit-history.js';
import { seedIbcFixtures } from '../../apps/web/src/ibc/test-support.js';
import { seedFixtures } from '../../apps/web/src/test-harness.js';
import { startWebApp, type AppProcess } from '../e2e/harness.js';

const chromiumPath = process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium';
const Width = 390;
const admin = { username: 'operator', password: 'narrow-layout-test' };

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  links: Array<{ text: string; left: number; right: number; width: number }>;
}

/** Run in the page (a string: this project's type check has no DOM types): the page's width and each menu link's box. */
const measureLayout = `({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  links: [...document.querySelectorAll('header a')].map((a) => {
    const box = a.getBoundingClientRect();
    return { text: a.textContent ?? '', left: box.left, right: box.right, width: box.width };
  }),
})`;

/** The pages a new user opens first, and a few with the widest content. */
const pages = ['/', '/demo/discord', '/ibc', '/reddit', '/reports', '/compendium', '/compendium/comments?limit=20', '/reports/lastweek', '/?source=nope'];

// Fresh machines may lack Debian's Chromium (`apt-get install chromium`): then there is no browser to drive.
describe.skipIf(!existsSync(chromiumPath))(`pages at ${Width} px in Chromium (${chromiumPath})`, () => {
  let database: TestDatabase;
  let redis: TestRedisPrefix;
  let fake: FakeDiscord;
  let web: AppProcess;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let eventPath: string;
  const failed: string[] = [];
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('herald_browser');
    redis = createTestRedisPrefix();
    const now = new Date();
    await seedRedditHistory(database.url, { users: 40, comments: 4_000, days: 30, now });
    const db = createDb({ url: database.url, maxConnections: 1 });
    try {
      const fixtures = await seedFixtures(db);
      eventPath = `/events/${fixtures.bob.id}`;
      await seedIbcFixtures(db, now);
      // What widens a dashboard: a long label, a long error with no spaces, a long subject.
      const wide = await db.destination.create({
        data: { key: 'wide', kind: 'channel', target: '1234', label: 'A destination with a rather long label for moderators', status: 'paused' },
      });
      const event = await db.event.create({
        data: { fingerprint: 'wide.1', type: 'servatrice.account.registered', sourceKey: 'servatrice:default', subject: 'Someone_With_A_Very_Long_Account_Name_2026', payload: {} },
      });
      await db.delivery.create({ data: { eventId: event.id, destinationId: wide.id, status: 'dead', lastError: `400 Invalid Form Body ${'x'.repeat(160)}` } });
    } finally {
      await db.$disconnect();
    }
    fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
    const webhook = fake.createWebhook();
    for (const content of ['**New sign-up**: someone', '> quoted\n# Header\n-# subtext\nnext line\n- one\n- two <:party:1234>', `a long word ${'y'.repeat(120)}`]) {
      const res = await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content, embeds: [{ title: 'Embed', description: 'A field row', fields: [{ name: 'Name', value: 'value', inline: true }] }] }),
      });
      expect(res.status).toBe(200);
    }
    ({ web, base } = await startWebApp(database.url, redis, {
      HERALD_DEMO_DISCORD_URL: fake.url,
      HERALD_ADMIN_USER: admin.username,
      HERALD_ADMIN_PASSWORD: admin.password,
    }));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: Width, height: 844 }, httpCredentials: { ...admin, send: 'always' } });
    context.on('request', (request) => requests.push(request.url()));
    context.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.kill('SIGTERM');
    await fake?.close();
    await redis?.cleanup();
    await database?.drop();
  });

  it.each([...pages, 'the event page'])('%s fits the screen: no sideways scrolling, every menu link on screen', async (asked) => {
    const path = asked === 'the event page' ? eventPath : asked;
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
    });
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    const layout = await page.evaluate<Layout>(measureLayout);
    expect(layout.innerWidth).toBe(Width);
    expect(layout.scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(Width);
    expect(layout.links.map((l) => l.text)).toEqual(['Herald', 'IBC', 'Reddit', 'Reports', 'Compendium', 'Demo Discord', 'Queues (admin)']);
    for (const link of layout.links) {
      expect(link.width, link.text).toBeGreaterThan(0);
      expect(link.left, link.text).toBeGreaterThanOrEqual(0);
      expect(link.right, `${link.text} on ${path}`).toBeLessThanOrEqual(Width);
    }
    await page.close();
  });

  it('keeps a wide table inside its own scrolling box', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const tables = await page.evaluate<Array<{ overflowX: string; right: number }>>(
      `[...document.querySelectorAll('main table')].map((t) => ({ overflowX: getComputedStyle(t).overflowX, right: t.getBoundingClientRect().right }))`,
    );
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      expect(table.overflowX).toBe('auto');
      expect(table.right).toBeLessThanOrEqual(Width);
    }
    await page.close();
  });

  it('shows Discord subtext, headers and lists on lines of their own', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/demo/discord`);
    const card = page.locator('.msg .content', { hasText: 'quoted' });
    const top = async (selector: string) => (await card.locator(selector).boundingBox())!.y;
    expect(await top('.md-h')).toBeGreaterThan(await top('.md-quote'));
    expect(await top('.md-sub')).toBeGreaterThan(await top('.md-h'));
    expect(await top('.md-list')).toBeGreaterThan(await top('.md-sub'));
    // "next line" sits below the subtext, not beside it: the subtext box ends before the list starts and spans the card.
    const sub = (await card.locator('.md-sub').boundingBox())!;
    const box = (await card.boundingBox())!;
    expect(sub.width).toBeGreaterThan(box.width * 0.9);
    expect(await card.locator('.md-list li').allTextContents()).toEqual(['one', 'two :party:']);
    await page.close();
  });

  it('failed no request, logged no console error and sent nothing off this machine', () => {
    expect(requests.length).toBeGreaterThan(pages.length);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
  });
});
