import { afterEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { FakeDiscord } from '@herald/testkit';
import { commandsFor } from './command.js';
import { startBot, type Bot } from './bot.js';
import { CONFIRM_EXPIRED, ConfirmationStore } from './confirm/store.js';
import { registerCommands } from './register.js';
import { CommandRegistry } from './registry.js';
import { version } from './commands/version.js';
import { captureLogger } from './test-support.js';

const TOKEN = 'fake-bot-token.confirm';

interface Deps {
  version: string;
  purged: string[];
  /** When set, a confirmed purge waits for it (to exercise the deferred update). */
  release?: Promise<void>;
}

/** Like the DAB seed's original purge: asks first, deletes on the invoker's click. */
const purge = commandsFor<Deps>()({
  name: 'purge',
  description: 'Deletes users after a confirmation.',
  permission: 'everyone',
  options: { names: { kind: 'string', description: 'Who', required: true, rest: true } },
  async run(ctx, { names }) {
    return {
      content: `Delete ${names}?`,
      confirm: {
        label: `Purge ${names}`,
        async run() {
          await ctx.deps.release;
          if (names.includes('boom')) throw new Error('database unreachable');
          ctx.deps.purged.push(names);
          return { content: `Purged ${names}.`, embeds: [{ title: 'Purge', description: names }] };
        },
      },
    };
  },
});
const registry = new CommandRegistry<Deps>([version, purge]);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startFake(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  cleanups.push(() => fake.close());
  await registerCommands({ rest: new REST({ api: fake.apiBaseUrl }).setToken(TOKEN), registry, guildId: fake.guild.id });
  return fake;
}

async function launch(fake: FakeDiscord, confirmations?: ConfirmationStore): Promise<{ bot: Bot; deps: Deps; logs: () => Array<Record<string, unknown>> }> {
  const { logger, entries } = captureLogger();
  const deps: Deps = { version: '1.2.3', purged: [] };
  const bot = startBot({
    token: TOKEN,
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps,
    settings: { prefix: '!', messageContent: true },
    logger,
    deferAfterMs: 100,
    ...(confirmations ? { confirmations } : {}),
  });
  cleanups.push(() => bot.stop());
  await bot.ready;
  await fake.waitForGatewayReady();
  return { bot, deps, logs: entries };
}

/** Runs `!purge <names>` as `userId` and returns the bot's question with its button. */
async function askPrefix(fake: FakeDiscord, names: string, userId = 'moderator') {
  const fromBot = { channelId: fake.guild.channels.general!.id, authorId: fake.guild.bot.id };
  const before = fake.messages(fromBot).length;
  fake.dispatchMessage({ authorId: userId, content: `!purge ${names}` });
  const question = (await fake.waitForMessages(before + 1, { filter: fromBot })).at(-1)!;
  return { question, customId: buttonsOf(fake, question.id)[0]!.custom_id };
}

type Button = { type: number; style: number; label: string; custom_id: string };
function buttonsOf(fake: FakeDiscord, messageId: string): Button[] {
  const rows = (fake.message(messageId)?.body.components ?? []) as Array<{ components: Button[] }>;
  return rows.flatMap((row) => row.components);
}

async function click(fake: FakeDiscord, messageId: string, customId: string, userId: string) {
  const { interactionId } = fake.clickButton({ messageId, customId, userId });
  return fake.waitForInteractionReply(interactionId);
}

describe('confirmation buttons against the fake Discord', () => {
  it('shows a danger button under a prefix reply; others are refused, the invoker\'s click replaces the message', async () => {
    const fake = await startFake();
    const { deps } = await launch(fake);
    const { question, customId } = await askPrefix(fake, 'alice bob');
    expect(question.content).toBe('Delete alice bob?');
    expect(buttonsOf(fake, question.id)).toEqual([{ type: 2, style: 4, label: 'Purge alice bob', custom_id: customId }]);

    const refused = await click(fake, question.id, customId, 'member');
    expect(refused).toMatchObject({ updated: false, ephemeral: true, content: `Only <@${fake.guild.users.moderator!.id}> can confirm this.` });
    expect(deps.purged).toEqual([]);

    const confirmed = await click(fake, question.id, customId, 'moderator');
    expect(confirmed).toMatchObject({ updated: true, deferred: false, messageId: question.id, content: 'Purged alice bob.' });
    expect(deps.purged).toEqual(['alice bob']);
    expect(fake.message(question.id)).toMatchObject({ content: 'Purged alice bob.', body: { components: [], embeds: [{ title: 'Purge', description: 'alice bob' }] } });
  });

  it('works under a slash reply, deferring the update when the confirmed work is slow', async () => {
    const fake = await startFake();
    const { deps } = await launch(fake);
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'owner', name: 'purge', options: { names: 'carol' } });
    const { messageId } = await fake.waitForInteractionReply(interactionId);
    const customId = buttonsOf(fake, messageId)[0]!.custom_id;

    let clickId = '';
    let seen!: (request: { method: string; path: string }) => void;
    deps.release = new Promise<void>((resolve) => {
      // The work finishes once Discord has seen the click acknowledged: no timing guesswork.
      seen = (request) => {
        if (clickId !== '' && request.method === 'POST' && request.path.includes(`/interactions/${clickId}/`)) {
          fake.off('request', seen);
          resolve();
        }
      };
    });
    fake.on('request', seen);
    clickId = fake.clickButton({ messageId, customId, userId: 'owner' }).interactionId;
    expect(await fake.waitForInteractionReply(clickId)).toMatchObject({ updated: true, deferred: true, messageId, content: 'Purged carol.' });
    expect(buttonsOf(fake, messageId)).toEqual([]);
    expect(deps.purged).toEqual(['carol']);
  });

  it('answers a failing confirmation with an error on the message and stays connected', async () => {
    const fake = await startFake();
    const { logs } = await launch(fake);
    const { question, customId } = await askPrefix(fake, 'boom');
    const failed = await click(fake, question.id, customId, 'moderator');
    expect(failed).toMatchObject({ updated: true, content: 'Delete boom?\n\nSomething went wrong running `Purge boom`; the error was logged.' });
    expect(buttonsOf(fake, question.id)).toEqual([]);
    expect(logs()).toContainEqual(expect.objectContaining({ msg: 'confirmation failed', err: expect.objectContaining({ message: 'database unreachable' }) }));
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'version' });
    expect((await fake.waitForInteractionReply(interactionId)).content).toMatch(/^Herald 1\.2\.3/);
  });

  it('says a click came too late (injected clock) and runs nothing', async () => {
    const fake = await startFake();
    let now = Date.now();
    const { deps } = await launch(fake, new ConfirmationStore({ now: () => now }));
    const { question, customId } = await askPrefix(fake, 'dave');
    now += 60_000;
    const late = await click(fake, question.id, customId, 'moderator');
    expect(late).toMatchObject({ updated: true, content: `Delete dave?\n\n${CONFIRM_EXPIRED}` });
    expect(buttonsOf(fake, question.id)).toEqual([]);
    expect(deps.purged).toEqual([]);
  });

  it('removes the button of a confirmation nobody clicked when it expires', async () => {
    const fake = await startFake();
    const short = commandsFor<Deps>()({
      name: 'quick',
      description: 'Asks with a short expiry.',
      permission: 'everyone',
      async run() {
        return { content: 'Sure?', confirm: { label: 'Yes', expiresInMs: 50, run: async () => 'done' } };
      },
    });
    const { logger } = captureLogger();
    const bot = startBot({ token: TOKEN, apiBaseUrl: fake.apiBaseUrl, registry: new CommandRegistry<Deps>([short]), deps: { version: '1', purged: [] }, settings: { prefix: '!', messageContent: true }, logger });
    cleanups.push(() => bot.stop());
    await bot.ready;
    await fake.waitForGatewayReady();
    fake.dispatchMessage({ authorId: 'member', content: '!quick' });
    const [question] = await fake.waitForMessages(1, { filter: { channelId: fake.guild.channels.general!.id, authorId: fake.guild.bot.id } });
    expect(buttonsOf(fake, question!.id)).toHaveLength(1);
    await expect.poll(() => fake.message(question!.id)?.content).toBe(`Sure?\n\n${CONFIRM_EXPIRED}`);
    expect(buttonsOf(fake, question!.id)).toEqual([]);
  });

  it('after a restart a pending button is unknown: the invoker is told to run the command again', async () => {
    const fake = await startFake();
    const first = await launch(fake);
    const { question, customId } = await askPrefix(fake, 'erin');
    await first.bot.stop();
    const second = await launch(fake);
    const stranger = await click(fake, question.id, customId, 'member');
    expect(stranger).toMatchObject({ ephemeral: true, content: `Only <@${fake.guild.users.moderator!.id}> can confirm this.` });
    const invoker = await click(fake, question.id, customId, 'moderator');
    expect(invoker).toMatchObject({ updated: true, content: `Delete erin?\n\n${CONFIRM_EXPIRED}` });
    expect([first.deps.purged, second.deps.purged]).toEqual([[], []]);
  });
});
