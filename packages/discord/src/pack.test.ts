import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { limitViolations } from './check.js';
import { embedLength, fitEmbed } from './fit.js';
import { seededRandom } from '@herald/testkit';
import { packMessages, type PackItem } from './pack.js';

const random = seededRandom;

function randomEmbed(rand: () => number): APIEmbed {
  const text = (max: number): string => 'x'.repeat(Math.floor(rand() ** 3 * max));
  const embed: APIEmbed = { color: Math.floor(rand() * 0xffffff) };
  if (rand() < 0.8) embed.title = text(400);
  if (rand() < 0.6) embed.description = text(6000);
  if (rand() < 0.4) embed.footer = { text: text(3000) };
  if (rand() < 0.3) embed.author = { name: text(400) };
  if (rand() < 0.5) embed.fields = Array.from({ length: Math.floor(rand() * 32) }, () => ({ name: text(300), value: text(1500) }));
  return embed;
}

function randomItems(rand: () => number, count: number): PackItem[] {
  return Array.from({ length: count }, (_, i) => {
    const item: PackItem = { key: `k${i}`, embeds: Array.from({ length: Math.floor(rand() ** 2 * 14) }, () => randomEmbed(rand)) };
    if (rand() < 0.1) item.mention = { content: `<@&${i}> ${'m'.repeat(Math.floor(rand() * 900))}`, roles: [String(i)] };
    return item;
  });
}

describe('packMessages', () => {
  it('puts small items together, in order, with pings disabled', () => {
    const items: PackItem[] = [1, 2, 3].map((n) => ({ key: `e${n}`, embeds: [{ title: `event ${n}` }] }));
    expect(packMessages(items)).toEqual([
      { keys: ['e1', 'e2', 'e3'], body: { allowed_mentions: { parse: [] }, embeds: [{ title: 'event 1' }, { title: 'event 2' }, { title: 'event 3' }] } },
    ]);
  });

  it('starts a new message at 10 embeds without splitting an item', () => {
    const items: PackItem[] = [
      { key: 'a', embeds: Array.from({ length: 6 }, (_, i) => ({ title: `a${i}` })) },
      { key: 'b', embeds: Array.from({ length: 5 }, (_, i) => ({ title: `b${i}` })) },
      { key: 'c', embeds: [{ title: 'c0' }] },
    ];
    const messages = packMessages(items);
    expect(messages.map((m) => m.keys)).toEqual([['a'], ['b', 'c']]);
    expect(messages[1]?.body.embeds?.map((e) => e.title)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'c0']);
  });

  it('starts a new message before the 6000-character total is passed', () => {
    const big = (key: string): PackItem => ({ key, embeds: [{ description: 'd'.repeat(2500) }] });
    expect(packMessages([big('a'), big('b'), big('c')]).map((m) => m.keys)).toEqual([['a', 'b'], ['c']]);
  });

  it('splits only an item that alone exceeds a limit, every part carrying its key', () => {
    const items: PackItem[] = [
      { key: 'small', embeds: [{ title: 's' }] },
      { key: 'huge', embeds: Array.from({ length: 23 }, (_, i) => ({ title: `h${i}` })), mention: { content: 'heads up <@1>', users: ['1'] } },
      { key: 'after', embeds: [{ title: 'z' }] },
    ];
    const messages = packMessages(items);
    expect(messages.map((m) => [m.keys, m.body.embeds?.length])).toEqual([
      [['small'], 1],
      [['huge'], 10],
      [['huge'], 10],
      [['huge'], 3],
      [['after'], 1],
    ]);
    expect(messages[1]?.body.content).toBe('heads up <@1>');
    expect(messages[1]?.body.allowed_mentions).toEqual({ parse: [], users: ['1'] });
    expect(messages[2]?.body.content).toBeUndefined();
  });

  it('pings only the listed users and roles, and a batch mention only once', () => {
    const items: PackItem[] = [
      { key: 'a', embeds: [{ title: '@everyone from a source' }] },
      { key: 'b', embeds: [{ title: 'b' }], mention: { content: '<@&7>', roles: ['7'] } },
    ];
    const messages = packMessages(items, { mention: { content: '<@42> new registrations', users: ['42'] } });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body.content).toBe('<@42> new registrations\n<@&7>');
    expect(messages[0]?.body.allowed_mentions).toEqual({ parse: [], users: ['42'], roles: ['7'] });

    const split = packMessages(
      Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, embeds: [{ title: 't' }] })),
      { mention: { content: '<@42>', users: ['42'] } },
    );
    expect(split.map((m) => m.body.content)).toEqual(['<@42>', undefined]);
    expect(split[1]?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('does not repeat a ping that items of one message share (a route role, plus one item\'s own user)', () => {
    const items: PackItem[] = [
      { key: 'a', embeds: [{ title: 'a' }], mention: { content: '<@&7>', roles: ['7'] } },
      { key: 'b', embeds: [{ title: 'b' }], mention: { content: '<@&7> <@11>', roles: ['7'], users: ['11'] } },
      { key: 'c', embeds: [{ title: 'c' }], mention: { content: '<@&7>', roles: ['7'] } },
    ];
    const [message] = packMessages(items);
    expect(message?.body.content).toBe('<@&7>\n<@11>');
    expect(message?.body.allowed_mentions).toEqual({ parse: [], users: ['11'], roles: ['7'] });
  });

  it('starts a new message rather than list more than 100 users in allowed_mentions (the rest would not be pinged)', () => {
    const ids = (from: number) => Array.from({ length: 60 }, (_, i) => String(100_000_000_000_000_000n + BigInt(from + i)));
    const items: PackItem[] = [
      { key: 'a', embeds: [{ title: 'a' }], mention: { content: 'team A', users: ids(0) } },
      { key: 'b', embeds: [{ title: 'b' }], mention: { content: 'team B', users: ids(60) } },
    ];
    const messages = packMessages(items);
    expect(messages.map((m) => m.keys)).toEqual([['a'], ['b']]);
    expect(messages.map((m) => m.body.allowed_mentions?.users)).toEqual([ids(0), ids(60)]);
  });

  it('copies the base (username, flags) into every message', () => {
    const items: PackItem[] = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, embeds: [{ title: 't' }] }));
    const messages = packMessages(items, { base: { username: 'Herald', flags: 1 << 12 } });
    for (const message of messages) expect(message.body).toMatchObject({ username: 'Herald', flags: 4096, allowed_mentions: { parse: [] } });
  });

  it('keeps the keys of items with nothing to send and returns nothing for an empty batch', () => {
    expect(packMessages([{ key: 'a', embeds: [] }, { key: 'b', embeds: [{ title: 'b' }] }, { key: 'c', embeds: [] }]).map((m) => m.keys)).toEqual([
      ['a', 'b', 'c'],
    ]);
    expect(packMessages([])).toEqual([]);
    expect(packMessages([{ key: 'a', embeds: [] }])).toEqual([]);
  });

  it('always produces sendable messages that keep every embed and key in order (random batches)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = random(seed);
      const items = randomItems(rand, 1 + Math.floor(rand() * 30));
      const messages = packMessages(items);
      if (messages.length === 0) {
        expect(items.every((item) => item.embeds.length === 0 && !item.mention), `seed ${seed}`).toBe(true);
        continue;
      }

      for (const { body } of messages) {
        expect(limitViolations(body), `seed ${seed}`).toEqual([]);
        expect(body.allowed_mentions?.parse, `seed ${seed}`).toEqual([]);
      }
      // Every embed, fitted, in input order.
      expect(messages.flatMap((m) => m.body.embeds ?? [])).toEqual(items.flatMap((item) => item.embeds.map(fitEmbed)));
      // Every key, in input order, repeated only for the items that had to be split.
      const keys = messages.flatMap((m) => m.keys);
      expect(keys.filter((key, i) => key !== keys[i - 1])).toEqual(items.map((item) => item.key));
      for (const item of items) {
        const fitted = item.embeds.map(fitEmbed);
        const fitsOne = fitted.length <= 10 && fitted.reduce((sum, e) => sum + embedLength(e), 0) <= 6000;
        if (fitsOne) expect(messages.filter((m) => m.keys.includes(item.key)), `seed ${seed} ${item.key}`).toHaveLength(1);
      }
    }
  });
});
