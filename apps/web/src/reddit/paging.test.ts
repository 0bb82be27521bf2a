import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';

type UsersJson = { users: Array<{ name: string }>; nextAfter: string | null; prevBefore: string | null };

describe('Reddit page with thousands of users', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    await env.sql.query(`INSERT INTO reddit_users (name, is_new) SELECT 'user' || lpad(i::text, 4, '0'), false FROM generate_series(1, 2000) i`);
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('pages through thousands of users, 50 at a time', async () => {
    const app = await env.build();
    const body = (await app.inject({ url: '/reddit?after=user0950' })).body;
    expect(body.match(/<tr class="reddit-row-/g)).toHaveLength(50);
    expect(body).toContain('>user0951</a>');
    expect(body).toContain('>user1000</a>');
    expect(body).toContain('rel="next"');
    expect(body).toContain('rel="prev"');
    expect(body).toContain('<a href="/reddit?state=active">2,000</a>');
    let seen = 0;
    let after: string | null = '';
    while (after !== null) {
      const page = (await app.inject({ url: `/api/reddit/users?limit=500${after ? `&after=${after}` : ''}` })).json() as UsersJson;
      seen += page.users.length;
      after = page.nextAfter;
    }
    expect(seen).toBe(2000);
  });
});
