import { createRequestBudget } from '@herald/reddit/budget';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';

describe('Reddit request budget panel', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('says how to configure it without reddit.clientId, and that no poller has used it yet with one', async () => {
    const bare = await env.build();
    expect((await bare.inject({ url: '/reddit' })).body).toContain("give the web service the reddit-poller's client id");
    const app = await env.build({ reddit: { clientId: 'herald-test-client' } });
    const body = (await app.inject({ url: '/reddit' })).body;
    expect(body).toContain('No reddit-poller has talked to Reddit with this client id yet.');
    expect(body).toContain('No Reddit user is tracked yet');
    expect(((await app.inject({ url: '/api/reddit' })).json() as Record<string, unknown>).budgetStatus).toBe('none');
  });

  it("shows the pollers' shared figures once Reddit has answered, and the 429s in red", async () => {
    const prefix = env.queues.deliver.opts.prefix!;
    const budget = createRequestBudget({ redis: env.redis, prefix, clientId: 'herald-test-client' });
    await (await budget.acquire()).release({ used: 40, remaining: 60, resetSeconds: 300, receivedAt: Date.now() }, 200);
    const app = await env.build({ reddit: { clientId: 'herald-test-client' } });
    let body = (await app.inject({ url: '/reddit' })).body;
    expect(body).toContain('<div class="value">60 / 100</div>');
    expect(body).toContain('40 used (40 %)');
    expect(body).toMatch(/<div class="label">Window ends<\/div>\n<div class="value">in [45] min<\/div>/);
    expect(body).toMatch(/<div class="tile ok"[^>]*><div class="label">Rate limited<\/div>\n<div class="value">0<\/div>/);
    expect(body).not.toContain('herald-test-client'); // the client id is not shown

    await (await budget.acquire()).release({ used: 100, remaining: 0, resetSeconds: 290, receivedAt: Date.now() }, 429);
    body = (await app.inject({ url: '/reddit' })).body;
    expect(body).toMatch(/<div class="tile bad"[^>]*><div class="label">Rate limited<\/div>\n<div class="value">1<\/div>/);
    const api = (await app.inject({ url: '/api/reddit' })).json() as { budgetStatus: string; budget: Record<string, unknown> };
    expect(api.budgetStatus).toBe('known');
    expect(api.budget).toMatchObject({ limit: 100, used: 100, remaining: 0, rateLimited: 1, resetAt: expect.stringMatching(/Z$/), updatedAt: expect.stringMatching(/Z$/) });
  });
});
