/** The gateway protocol at the payload level, with a bare `ws` client. */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DemoGuild, FakeDiscord } from './index.js';

interface Payload {
  op: number;
  d: Record<string, unknown> | boolean | null;
  s?: number;
  t?: string;
}

let fake: FakeDiscord;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await fake.close();
});

/** A connection whose received payloads can be awaited one at a time. */
async function open(query = '?v=10&encoding=json'): Promise<{ ws: WebSocket; next: () => Promise<Payload>; send: (p: unknown) => void }> {
  const ws = new WebSocket(`${fake.gatewayUrl}${query}`);
  sockets.push(ws);
  const queue: Payload[] = [];
  const waiting: ((p: Payload) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const payload = JSON.parse(data.toString()) as Payload;
    const waiter = waiting.shift();
    if (waiter) waiter(payload);
    else queue.push(payload);
  });
  await once(ws, 'open');
  return {
    ws,
    next: () => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    },
    send: (p) => ws.send(JSON.stringify(p)),
  };
}

const identify = { op: 2, d: { token: 'fake', intents: 513, properties: { os: 'linux', browser: 'test', device: 'test' } } };

describe('fake Discord gateway protocol', () => {
  it('advertises the gateway over REST', async () => {
    const res = await fetch(`${fake.apiBaseUrl}/v10/gateway/bot`, { headers: { Authorization: 'Bot fake' } });
    expect(await res.json()).toEqual({
      url: fake.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    });
    expect((await fetch(`${fake.apiBaseUrl}/v10/gateway/bot`)).status).toBe(401);
  });

  it('says HELLO, acks heartbeats, answers IDENTIFY with READY then GUILD_CREATE and chunks members', async () => {
    const { next, send } = await open();
    expect(await next()).toEqual({ op: 10, d: { heartbeat_interval: 41250 } });
    send({ op: 1, d: null });
    expect(await next()).toEqual({ op: 11 });
    send(identify);
    const ready = await next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { user: { id: DemoGuild.bot.id, bot: true }, guilds: [{ id: DemoGuild.id, unavailable: true }], resume_gateway_url: fake.gatewayUrl, application: { id: DemoGuild.applicationId } } });
    const guild = await next();
    expect(guild).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: DemoGuild.id, owner_id: DemoGuild.ownerId } });
    expect((guild.d as { channels: unknown[] }).channels).toHaveLength(2);
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, readySessions: 1, intents: [513] });

    send({ op: 8, d: { guild_id: DemoGuild.id, query: 'mod', limit: 0, nonce: 'n1' } });
    expect(await next()).toMatchObject({ t: 'GUILD_MEMBERS_CHUNK', s: 3, d: { nonce: 'n1', members: [{ user: { id: DemoGuild.users.moderator.id } }] } });
  });

  it('resumes a known session with RESUMED and answers op 9 for an unknown one', async () => {
    const first = await open();
    await first.next();
    first.send(identify);
    const ready = await first.next();
    await first.next();
    const sessionId = (ready.d as { session_id: string }).session_id;
    const closed = once(first.ws, 'close');
    fake.disconnectGateway();
    expect((await closed)[0]).toBe(4000);

    const second = await open();
    await second.next();
    second.send({ op: 6, d: { token: 'fake', session_id: sessionId, seq: 2 } });
    expect(await second.next()).toEqual({ op: 0, t: 'RESUMED', s: 3, d: null });
    await fake.waitForGatewayReady();
    expect(fake.gatewayStats()).toMatchObject({ resumes: 1, readySessions: 1 });

    const third = await open();
    await third.next();
    third.send({ op: 6, d: { token: 'fake', session_id: 'nope', seq: 1 } });
    expect(await third.next()).toEqual({ op: 9, d: false });
  });

  it('closes with Discord codes on bad input and rejects other paths and refused upgrades', async () => {
    const bad = await open();
    await bad.next();
    const decodeError = once(bad.ws, 'close');
    bad.ws.send('not json');
    expect((await decodeError)[0]).toBe(4002);

    const twice = await open();
    await twice.next();
    twice.send(identify);
    await twice.next();
    await twice.next();
    const already = once(twice.ws, 'close');
    twice.send(identify);
    expect((await already)[0]).toBe(4005);

    const version = await open('?v=9&encoding=json');
    expect((await once(version.ws, 'close'))[0]).toBe(4012);

    const wrongPath = new WebSocket(fake.gatewayUrl.replace('/gateway', '/elsewhere'));
    sockets.push(wrongPath);
    expect(String((await once(wrongPath, 'error'))[0])).toMatch(/404/);

    fake.disconnectGateway({ refuseForMs: 10_000 });
    const refused = new WebSocket(fake.gatewayUrl);
    sockets.push(refused);
    expect(String((await once(refused, 'error'))[0])).toMatch(/503/);
    expect(fake.gatewayStats().refused).toBe(1);
  });
});
