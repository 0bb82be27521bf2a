import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';

const messages = [
  {
    index: 0,
    id: '1100000000000000001',
    channelId: '42',
    webhookId: '7',
    content: '',
    embeds: [
      {
        title: 'New account: FirstUser',
        color: 0x2ecc71,
        fields: [
          { name: 'E-mail', value: 'first.user@example.org', inline: true },
          { name: 'Country', value: 'de', inline: true },
        ],
        footer: { text: 'Servatrice · default' },
        timestamp: '2026-11-21T10:00:00.000Z',
      },
    ],
    createdAt: Date.parse('2026-11-21T10:00:01.000Z'),
  },
  {
    index: 1,
    id: '1100000000000000002',
    channelId: '42',
    content: 'Welcome <b>SecondUser</b>! Contact second@example.org',
    embeds: [{ title: 'New account: SecondUser', description: 'joined just now' }, 'not an embed'],
    createdAt: Date.parse('2026-11-21T10:05:00.000Z'),
  },
];

/** Stands in for the fake Discord's control API: GET /_fake/messages answers a fixed list. */
async function startFakeControlApi(status = 200): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== '/_fake/messages') return void res.writeHead(404).end();
    res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify(messages) : '{"message":"boom"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('GET /demo/discord', () => {
  let env: TestEnv;
  let fake: { url: string; server: Server };
  beforeAll(async () => {
    env = await createTestEnv();
    fake = await startFakeControlApi();
  });
  afterAll(async () => {
    await close(fake.server);
    await env.cleanup();
  });

  it('renders recorded messages as cards, newest first, with e-mail addresses masked', async () => {
    const app = await env.build({ demoDiscordUrl: fake.url });
    const res = await app.inject({ url: '/demo/discord' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body.indexOf('New account: SecondUser')).toBeLessThan(body.indexOf('New account: FirstUser'));
    expect(body).toContain('Servatrice · default');
    expect(body).toContain('<div class="name">Country</div><div>de</div>');
    expect(body).toContain('border-left-color:#2ecc71');
    expect(body).toContain('Welcome &lt;b&gt;SecondUser&lt;/b&gt;! Contact [email]');
    expect(body).not.toContain('first.user@example.org');
    expect(body).not.toContain('second@example.org');
    expect(body).toContain('2026-11-21 10:05:00 UTC');
  });

  it('shows a friendly error, not a 500, when the demo Discord fails or is gone', async () => {
    const broken = await startFakeControlApi(500);
    const app = await env.build({ demoDiscordUrl: broken.url });
    const failing = await app.inject({ url: '/demo/discord' });
    expect(failing.statusCode).toBe(200);
    expect(failing.body).toContain('Could not load the demo messages');
    expect(failing.body).toContain('HTTP 500');
    await close(broken.server);
    const gone = await app.inject({ url: '/demo/discord' });
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toContain('did not answer');
  });

  it('does not exist outside demo mode', async () => {
    const app = await env.build();
    expect((await app.inject({ url: '/demo/discord' })).statusCode).toBe(404);
  });
});
