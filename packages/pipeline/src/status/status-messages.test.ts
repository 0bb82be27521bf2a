import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageBody } from '../delivery/sender.js';
import { pauseDestination, resumeDestination, syncDestinations } from '../destinations.js';
import { engineFixture, silentLogger, type EngineFixture } from '../test-support.js';
import { createStatusMessages, type StatusMessages } from './status-messages.js';
import { discordStatusTransport } from './transport.js';

let f: EngineFixture;
let status: StatusMessages;

beforeEach(async () => {
  f = await engineFixture();
  status = createStatusMessages({ db: f.pool, transport: discordStatusTransport(f.client, false), logger: silentLogger });
});
afterEach(async () => {
  await f.close();
});

const body = (text: string): MessageBody => ({ embeds: [{ title: 'Status', description: text }], allowed_mentions: { parse: [] } });
const stored = async () => (await f.pool.query<{ key: string; destination_id: number; message_id: string }>('SELECT key, destination_id, message_id FROM status_messages')).rows;
const hookMessages = () => f.discord.messages({ webhookId: f.webhookId });

describe('status messages edited in place', () => {
  it('posts once, then edits the same message; an identical rendering sends nothing', async () => {
    expect(await status.refresh('ibc', [f.destinationId], async () => body('v1'))).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'posted']]) });
    const [first] = hookMessages();
    expect(await stored()).toEqual([{ key: 'ibc', destination_id: f.destinationId, message_id: first!.id }]);

    expect((await status.refresh('ibc', [f.destinationId], async () => body('v2'))).busy).toBe(false);
    expect(hookMessages()).toHaveLength(1);
    expect(f.discord.message(first!.id)).toMatchObject({ edits: 1, embeds: [{ description: 'v2' }] });

    const requests = f.discord.stats().requests;
    const same = await status.refresh('ibc', [f.destinationId], async () => body('v2'));
    expect(same).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'unchanged']]) });
    expect(f.discord.stats().requests).toBe(requests);
  });

  it('re-posts when the message was deleted in Discord, and stores the new id', async () => {
    await status.refresh('ibc', [f.destinationId], async () => body('v1'));
    const [first] = hookMessages();
    f.discord.deleteMessage(first!.id);
    const again = await status.refresh('ibc', [f.destinationId], async () => body('v2'));
    expect(again).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'reposted']]) });
    const live = hookMessages().filter((m) => m.deletedAt === undefined);
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(first!.id);
    expect(await stored()).toEqual([{ key: 'ibc', destination_id: f.destinationId, message_id: live[0]!.id }]);
  });

  it('a new process (no memory) edits the stored message instead of posting another', async () => {
    await status.refresh('ibc', [f.destinationId], async () => body('v1'));
    const restarted = createStatusMessages({ db: f.pool, transport: discordStatusTransport(f.client, false), logger: silentLogger });
    const result = await restarted.refresh('ibc', [f.destinationId], async () => body('v1'));
    expect(result).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'edited']]) });
    expect(hookMessages()).toHaveLength(1);
  });

  it('does not skip an edit when another replica changed the message since this one last edited it', async () => {
    await status.refresh('ibc', [f.destinationId], async () => body('X'));
    const replica = createStatusMessages({ db: f.pool, transport: discordStatusTransport(f.client, false), logger: silentLogger });
    await replica.refresh('ibc', [f.destinationId], async () => body('Y'));
    const back = await status.refresh('ibc', [f.destinationId], async () => body('X'));
    expect(back).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'edited']]) });
    const [message] = hookMessages();
    expect(message).toMatchObject({ edits: 2, embeds: [{ description: 'X' }] });
  });

  it('quarantines a destination whose webhook was deleted and leaves quarantined ones alone', async () => {
    await status.refresh('ibc', [f.destinationId], async () => body('v1'));
    f.discord.deleteWebhook(f.webhookId);
    expect((await status.refresh('ibc', [f.destinationId], async () => body('v2'))).busy).toBe(false);
    expect(await f.db.destination.findUniqueOrThrow({ where: { id: f.destinationId } })).toMatchObject({ status: 'quarantined' });
    const requests = f.discord.stats().requests;
    const skipped = await status.refresh('ibc', [f.destinationId], async () => body('v3'));
    expect(skipped).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'skipped']]) });
    expect(f.discord.stats().requests).toBe(requests);
  });

  it('leaves a paused destination alone until it is resumed', async () => {
    await status.refresh('ibc', [f.destinationId], async () => body('v1'));
    await pauseDestination(f.pool, f.destinationId);
    const requests = f.discord.stats().requests;
    expect(await status.refresh('ibc', [f.destinationId], async () => body('v2'))).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'skipped']]) });
    expect(f.discord.stats().requests).toBe(requests);
    await resumeDestination(f.pool, f.destinationId);
    expect(await status.refresh('ibc', [f.destinationId], async () => body('v2'))).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'edited']]) });
    expect(hookMessages()).toHaveLength(1);
    expect(hookMessages()[0]).toMatchObject({ embeds: [{ description: 'v2' }] });
  });

  it('keeps one message per destination and per key; a transient failure is retried by the next refresh', async () => {
    const second = f.discord.createWebhook();
    const ids = await syncDestinations(f.pool, [{ key: 'second', kind: 'webhook', target: second.url, label: 'second' }]);
    const secondId = ids.get('second')!;
    f.discord.injectFaults({ webhookId: second.id }, [{ status: 503 }]); // the fixture's client does not retry by itself
    const first = await status.refresh('ibc', [f.destinationId, secondId], async () => body('v1'));
    expect(first).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'posted'], [secondId, 'failed']]) });
    const retried = await status.refresh('ibc', [f.destinationId, secondId], async () => body('v1'));
    expect(retried).toEqual({ busy: false, outcomes: new Map([[f.destinationId, 'unchanged'], [secondId, 'posted']]) });
    await status.refresh('other', [f.destinationId], async () => body('other'));
    expect(hookMessages()).toHaveLength(2);
    expect(f.discord.messages({ webhookId: second.id })).toHaveLength(1);
  });

  it('lets only one refresh of a key run at a time (another replica is told it is busy)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = status.refresh('ibc', [f.destinationId], async () => {
      entered();
      await gate;
      return body('slow');
    });
    await inside;
    const replica = createStatusMessages({ db: f.pool, transport: discordStatusTransport(f.client, false), logger: silentLogger });
    expect(await replica.refresh('ibc', [f.destinationId], async () => body('fast'))).toEqual({ busy: true });
    release();
    expect((await slow).busy).toBe(false);
    expect(hookMessages()).toHaveLength(1);
  });
});
