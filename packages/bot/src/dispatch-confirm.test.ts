import { describe, expect, it } from 'vitest';
import { defineCommand, type CommandContext } from './command.js';
import { CONFIRM_EXPIRED, ConfirmationStore } from './confirm/store.js';
import { createDispatcher, type Responder } from './dispatch.js';
import { CommandRegistry } from './registry.js';
import type { OutgoingReply } from './reply.js';
import { captureLogger, invocation, MEMBER_ID } from './test-support.js';

type Deps = { seen: Array<string | undefined> };

const whereAmI = defineCommand({
  name: 'where',
  description: 'Records the command message id.',
  permission: 'everyone',
  async run(ctx: CommandContext<Deps>) {
    ctx.deps.seen.push(ctx.messageId);
    return 'noted';
  },
});

const purge = defineCommand({
  name: 'purge',
  description: 'Asks before deleting.',
  permission: 'everyone',
  async run() {
    return { content: 'Delete 2 users?', embeds: [{ title: 'Users' }], confirm: { label: 'Purge 2 users', expiresInMs: 20, run: async () => 'Purged.' } };
  },
});

const registry = new CommandRegistry<Deps>([whereAmI, purge]);

describe('dispatcher: command message id and confirmations', () => {
  it('gives a prefix command its message id and a slash command none', async () => {
    const deps: Deps = { seen: [] };
    const dispatcher = createDispatcher({ registry, deps, logger: captureLogger().logger });
    const quiet: Responder = { defer: async () => undefined, reply: async () => undefined, followUp: async () => undefined };
    await dispatcher.dispatch(invocation({ via: 'prefix', commandName: 'where', messageId: '123456789012345678' }), quiet);
    await dispatcher.dispatch(invocation({ via: 'slash', commandName: 'where' }), quiet);
    expect(deps.seen).toEqual(['123456789012345678', undefined]);
  });

  it('sends the button with the reply, for the invoker, and removes it through the sent message at expiry', async () => {
    const confirmations = new ConfirmationStore();
    const dispatcher = createDispatcher({ registry, deps: { seen: [] }, logger: captureLogger().logger, confirmations });
    const sent: OutgoingReply[] = [];
    let onEdit!: (message: OutgoingReply) => void;
    const edited = new Promise<OutgoingReply>((resolve) => (onEdit = resolve));
    const responder: Responder = {
      defer: async () => undefined,
      async reply(message) {
        sent.push(message);
        return { edit: async (replacement) => onEdit(replacement) };
      },
      followUp: async () => undefined,
    };
    await dispatcher.dispatch(invocation({ commandName: 'purge' }), responder);
    expect(sent).toHaveLength(1);
    const button = sent[0]!.confirmButton!;
    expect(button).toMatchObject({ label: 'Purge 2 users', style: 'danger' });
    expect(button.customId).toContain(`:${MEMBER_ID}:`);
    expect(confirmations.size).toBe(1);

    const replacement = await edited;
    expect(replacement).toEqual({
      content: `Delete 2 users?\n\n${CONFIRM_EXPIRED}`,
      embeds: [{ title: 'Users' }],
      ephemeral: false,
      allowedMentions: { parse: [] },
    });
    expect(confirmations.size).toBe(0);
  });

  it('forgets the confirmation of a reply that could not be sent', async () => {
    const confirmations = new ConfirmationStore();
    const dispatcher = createDispatcher({ registry, deps: { seen: [] }, logger: captureLogger().logger, confirmations });
    const failing: Responder = {
      defer: async () => undefined,
      reply: async () => {
        throw new Error('Missing Access');
      },
      followUp: async () => undefined,
    };
    await expect(dispatcher.dispatch(invocation({ commandName: 'purge' }), failing)).resolves.toBe('answered');
    expect(confirmations.size).toBe(0);
  });
});
