/** Message components are validated like Discord's and recorded with the message. */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';

const general = DemoGuild.channels.general.id;
let fake: FakeDiscord;
let rest: REST;

beforeEach(async () => {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
  rest = new REST({ api: fake.apiBaseUrl, retries: 0 }).setToken('token');
});
afterEach(() => fake.close());

const button = (customId: string, extra: Record<string, unknown> = {}) => ({ type: 2, style: 1, label: customId, custom_id: customId, ...extra });
const row = (...components: unknown[]) => ({ type: 1, components });

async function post(body: Record<string, unknown>): Promise<{ status: number; code?: number | string; errors?: unknown }> {
  try {
    await rest.post(Routes.channelMessages(general), { body });
    return { status: 200 };
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    return { status: error.status, code: error.code, errors: (error.rawError as { errors?: unknown }).errors };
  }
}

describe('message components', () => {
  it('records valid action rows with buttons (link buttons included) and returns them', async () => {
    const components = [row(button('yes', { style: 4 }), button('no', { style: 2 })), row({ type: 2, style: 5, label: 'Docs', url: 'https://example.org' })];
    const created = (await rest.post(Routes.channelMessages(general), { body: { content: 'Purge?', components } })) as { id: string; components: unknown[] };
    expect(created.components).toEqual(components);
    expect(fake.message(created.id)?.components).toEqual(components);
    expect(fake.message(created.id)?.body.components).toEqual(components);
    // Components alone make a message non-empty.
    expect(await post({ components: [row(button('only'))] })).toEqual({ status: 200 });
  });

  it('refuses what Discord refuses with 50035, naming the path', async () => {
    const cases: Array<[string, unknown[], string[]]> = [
      ['six rows', Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))), ['components']],
      ['six buttons in a row', [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))], ['components', '0', 'components']],
      ['a custom_id over 100', [row(button('x'.repeat(101)))], ['components', '0', 'components', '0', 'custom_id']],
      ['no custom_id', [row({ type: 2, style: 1, label: 'x' })], ['components', '0', 'components', '0', 'custom_id']],
      ['a link button with a custom_id', [row({ type: 2, style: 5, label: 'x', url: 'https://e.org', custom_id: 'x' })], ['components', '0', 'components', '0', 'custom_id']],
      ['a link button without a url', [row({ type: 2, style: 5, label: 'x' })], ['components', '0', 'components', '0', 'url']],
      ['a bad style', [row(button('x', { style: 9 }))], ['components', '0', 'components', '0', 'style']],
      ['a label over 80', [row(button('x', { label: 'l'.repeat(81) }))], ['components', '0', 'components', '0', 'label']],
      ['a duplicate custom_id', [row(button('x')), row(button('x'))], ['components', '1', 'components', '0', 'custom_id']],
      ['a button outside a row', [button('x')], ['components', '0', 'type']],
      ['an empty row', [row()], ['components', '0', 'components']],
    ];
    for (const [name, components, path] of cases) {
      const refused = await post({ content: 'x', components });
      expect(refused, name).toMatchObject({ status: 400, code: 50035 });
      let node = refused.errors as Record<string, unknown>;
      for (const key of path) node = node[key] as Record<string, unknown>;
      expect(node?._errors, `${name} at ${path.join('.')}`).toBeDefined();
    }
    expect(fake.messages()).toEqual([]);
  });
});
