import { describe, expect, it } from 'vitest';
import { defineCommand, type CommandContext } from './command.js';
import { createCommandRunner } from './command-runner.js';
import { CONFIRM_EXPIRED, ConfirmationStore } from './confirm/store.js';
import { CommandRegistry } from './registry.js';
import { captureLogger, CHANNEL_ID, GUILD_ID, MEMBER_ID, MODERATOR_ID, MODERATOR_ROLE_ID, OWNER_ID } from './test-support.js';

type Deps = { messageIds: Array<string | undefined>; purged: string[] };

const purge = defineCommand({
  name: 'purge',
  description: 'Deletes users after a confirmation.',
  permission: 'privileged',
  options: { names: { kind: 'string', description: 'Who', required: true, rest: true } },
  async run(ctx: CommandContext<Deps>, { names }) {
    ctx.deps.messageIds.push(ctx.messageId);
    return {
      content: `Delete ${names}?`,
      confirm: {
        label: 'Purge',
        async run() {
          ctx.deps.purged.push(names);
          return `Purged ${names}.`;
        },
      },
    };
  },
});

function runner(now: () => number = Date.now) {
  const deps: Deps = { messageIds: [], purged: [] };
  const guild = { ownerId: OWNER_ID, moderatorId: MODERATOR_ID, moderatorRoleId: MODERATOR_ROLE_ID, channelId: CHANNEL_ID, guildId: GUILD_ID };
  const confirmations = new ConfirmationStore({ now });
  return { deps, run: createCommandRunner({ registry: new CommandRegistry<Deps>([purge]), deps, logger: captureLogger().logger, prefix: '!', guild, confirmations }) };
}

describe('command runner: message ids and confirmation clicks', () => {
  it('gives prefix commands a message id (given or a fresh snowflake) and slash commands none', async () => {
    const { deps, run } = runner();
    await run.prefix('!purge a', OWNER_ID, { messageId: '42' });
    await run.prefix('!purge a', OWNER_ID);
    await run.slash('purge', { names: 'a' }, OWNER_ID);
    expect(deps.messageIds[0]).toBe('42');
    expect(deps.messageIds[1]).toMatch(/^\d{17,20}$/);
    expect(deps.messageIds[2]).toBeUndefined();
  });

  it('clicks as the bot would: others refused, the invoker confirms, a later click is expired', async () => {
    const { deps, run } = runner();
    const [question] = await run.prefix('!purge alice bob', MODERATOR_ID);
    expect(question).toMatchObject({ content: 'Delete alice bob?', confirmButton: { label: 'Purge', style: 'danger' } });
    const customId = question!.confirmButton!.customId;
    expect(await run.click(customId, MEMBER_ID)).toEqual([
      { content: `Only <@${MODERATOR_ID}> can confirm this.`, embeds: [], ephemeral: true, allowedMentions: { parse: [] } },
    ]);
    expect(deps.purged).toEqual([]);
    expect(await run.click(customId, MODERATOR_ID)).toEqual([{ content: 'Purged alice bob.', embeds: [], ephemeral: false, allowedMentions: { parse: [] } }]);
    expect(deps.purged).toEqual(['alice bob']);
    expect(await run.click(customId, MODERATOR_ID)).toEqual([
      { content: `Delete alice bob?\n\n${CONFIRM_EXPIRED}`, embeds: [], ephemeral: false, allowedMentions: { parse: [] } },
    ]);
  });

  it('expires with the injected clock', async () => {
    let now = 1_000;
    const { deps, run } = runner(() => now);
    const [question] = await run.slash('purge', { names: 'carol' }, OWNER_ID);
    now += 60_000;
    const [answer] = await run.click(question!.confirmButton!.customId, OWNER_ID);
    expect(answer?.content).toBe(`Delete carol?\n\n${CONFIRM_EXPIRED}`);
    expect(answer?.confirmButton).toBeUndefined();
    expect(deps.purged).toEqual([]);
  });
});
