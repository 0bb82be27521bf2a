import { afterEach, describe, expect, it } from 'vitest';
import { renderEvent, RenderError, type Renderers } from './renderers.js';
import { account, engineFixture, lowWallet, testRenderers, type EngineFixture } from '../test-support.js';

const OWNER = '300000000000000001';
const OTHER_OWNER = '300000000000000002';
const ROUTE_USER = '300000000000000003';
const ROUTE_ROLE = '300000000000000004';

let f: EngineFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

type Body = { content?: string; allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] } };
const bodies = (fixture: EngineFixture) => fixture.discord.messages().map((m) => m.body as Body);

describe('pings an event asks for (renderer pings)', () => {
  it('pings the wallet owner, and only the owner: text in the embed never pings', async () => {
    f = await engineFixture();
    const [id] = await f.record([lowWallet(1, OWNER)]);
    await f.engine().deliverEvent(id!);
    const [body] = bodies(f);
    expect(body?.content).toBe(`<@${OWNER}>`);
    expect(body?.allowed_mentions).toEqual({ parse: [], users: [OWNER] });
  });

  it('adds the event\'s pings to the route\'s mentions, once each', async () => {
    f = await engineFixture({ mentions: { users: [ROUTE_USER, OWNER], roles: [ROUTE_ROLE] } });
    const [id] = await f.record([lowWallet(1, OWNER)]);
    await f.engine().deliverEvent(id!);
    const [body] = bodies(f);
    expect(body?.content).toBe(`<@&${ROUTE_ROLE}> <@${ROUTE_USER}> <@${OWNER}>`);
    expect(body?.allowed_mentions).toEqual({ parse: [], users: [ROUTE_USER, OWNER], roles: [ROUTE_ROLE] });
  });

  it('a batch pings every owner of its events and nobody else; events without pings add none', async () => {
    f = await engineFixture();
    const ids = await f.record([lowWallet(1, OWNER), account(1), lowWallet(2, OTHER_OWNER)]);
    await Promise.all(ids.map((id) => f!.engine().deliverEvent(id)));
    const all = bodies(f);
    const pinged = all.flatMap((b) => b.allowed_mentions?.users ?? []);
    expect(pinged.sort()).toEqual([OWNER, OTHER_OWNER]);
    expect(all.every((b) => b.allowed_mentions?.parse?.length === 0 && b.allowed_mentions.roles === undefined)).toBe(true);
  });
});

describe('renderEvent', () => {
  it('accepts embeds alone or embeds with pings', () => {
    expect(renderEvent(testRenderers, 'servatrice.account.registered', account(1).payload).pings).toBeUndefined();
    expect(renderEvent(testRenderers, 'ibc.wallet.low', lowWallet(1, OWNER).payload)).toMatchObject({ pings: { users: [OWNER] } });
  });

  it('refuses a ping that is not a user id, so no renderer can smuggle text into the content', () => {
    const bad: Renderers = { ...testRenderers, 'ibc.wallet.low': () => ({ embeds: [], pings: { users: ['1> @everyone <@2'] } }) };
    expect(() => renderEvent(bad, 'ibc.wallet.low', lowWallet(1, OWNER).payload)).toThrow(RenderError);
  });
});
