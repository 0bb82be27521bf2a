/** The IBC commands in the real bot against the fake Discord: `$` prefix commands, slash commands, long answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBech32 } from '@cosmjs/encoding';
import { CommandRegistry, help, registerCommands, startBot, type Bot } from '@herald/bot';
import { createLogger } from '@herald/logging';
import { FakeDiscord } from '@herald/testkit';
import type { IbcCommandDeps } from './deps.js';
import { ibcCommands } from './index.js';
import { NOW, startHarness, type Harness } from './test-support.js';
import { fetchRest } from '@herald/bot/testing';

const TOKEN = 'fake-bot-token.ibc';
const registry = new CommandRegistry<IbcCommandDeps>([help, ...ibcCommands]);

const rest = (apiBaseUrl: string) => fetchRest(apiBaseUrl, TOKEN);

let h: Harness;
let fake: FakeDiscord;
let bot: Bot;
beforeAll(async () => {
  h = await startHarness();
  fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  await registerCommands({ rest: rest(fake.apiBaseUrl), registry, guildId: fake.guild.id });
  bot = startBot({
    token: TOKEN,
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps: h.deps,
    settings: { prefix: '$', messageContent: true, privilegedRoleId: fake.guild.roles.moderator!.id },
    logger: createLogger({ name: 'ibc-bot-test', level: 'silent' }),
  });
  await bot.ready;
  await fake.waitForGatewayReady();
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  await h.close();
});

describe('the IBC commands in the bot', () => {
  it('registers a wallet with `$register` in the channel it was typed in, and shows it with /wallets', async () => {
    const address = toBech32('cosmos', new Uint8Array(20).fill(1));
    h.hub.setBalance(address, 'uatom', 3_000_000n);
    const general = fake.guild.channels.general!.id;
    const typed = fake.dispatchMessage({ authorId: 'member', content: `$register ${address} cosmoshub-4 0.5` });
    const [reply] = await fake.waitForMessages(1, { filter: { referencedMessageId: typed.messageId } });
    expect(reply).toMatchObject({ channelId: general, content: expect.stringContaining('Current balance: **3 ATOM**.') });
    expect(reply!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'wallets' });
    const wallets = await fake.waitForInteractionReply(interactionId);
    expect(JSON.stringify(wallets.embeds)).toContain(address);
  });

  it('answers /data for 150 clients with a reply and follow-ups holding every client', async () => {
    await h.db.query(
      `INSERT INTO ibc_clients (chain_id, client_id, monitored_chain_id, tracked_chain_id, state, trusting_period_s, expires_at, host_time, last_checked_at)
       SELECT 'cosmoshub-4', '07-tendermint-' || i, 'cosmoshub-4', 'juno-1', 'ok', 1209600, $1::timestamp + interval '7 days', $1, $1
         FROM generate_series(0, 149) AS i`,
      [NOW.toISOString().replace('Z', '')],
    );
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'data' });
    await fake.waitForInteractionReply(interactionId);
    const parts = () => fake.messages({ interactionId });
    await expect.poll(() => parts().length).toBeGreaterThan(1);
    // Follow-ups are sent one after another: wait until the last one holds the last client.
    await expect.poll(() => JSON.stringify(parts().map((m) => m.embeds))).toContain('`07-tendermint-149`');
    const ids = parts().flatMap((m) => [...JSON.stringify(m.embeds).matchAll(/`(07-tendermint-\d+)`/g)].map((x) => x[1]));
    expect(new Set(ids).size).toBe(150);
  });
});
