import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '@herald/testkit';
import { startBot } from '../bot.js';
import { version } from '../commands/version.js';
import { CommandRegistry } from '../registry.js';
import { captureLogger } from '../test-support.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('gateway log', () => {
  it('a deliberate stop logs no lost connection, while the gateway dropping the bot still does', async () => {
    fake = await FakeDiscord.start();
    const { logger, entries } = captureLogger();
    const start = () => startBot({ token: 'fake-token', apiBaseUrl: fake!.apiBaseUrl, registry: new CommandRegistry([version]), deps: { version: '1.0.0' }, settings: { prefix: '!', messageContent: false }, logger });
    const messages = () => entries().map((e) => String(e.msg));

    const bot = start();
    await bot.ready;
    await fake.waitForGatewayReady();
    fake.disconnectGateway({ code: 4000 });
    await fake.waitForGatewayReady({ timeoutMs: 10_000 });
    expect(messages()).toContain('Discord gateway connection lost; reconnecting');
    const before = messages().length;

    // stop() resolves once discord.js has closed the socket and emitted its events about it.
    await bot.stop();
    const atStop = messages().slice(before);
    expect(atStop.filter((m) => /gateway (connection lost|disconnected)/.test(m))).toEqual([]);
  });
});
