import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Logger } from '@herald/logging';
import { decideClick, type ClickAnswer } from '../confirm/click.js';
import { CONFIRM_EXPIRED, type ConfirmationStore } from '../confirm/store.js';
import { withNote } from '../reply.js';
import { messageOptions } from './messages.js';
import { editableReply } from './slash.js';

/**
 * Answers a click on a confirmation button (see `Confirmation` in command.ts). The confirmed work
 * answers by updating the clicked message in place (callback type 7); work slower than
 * `deferAfterMs` first acknowledges the click (type 6, Discord allows 3 s) and then edits it.
 */
export async function handleButton(interaction: ButtonInteraction, store: ConfirmationStore, logger: Logger, deferAfterMs: number): Promise<void> {
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const decision = decideClick(store, { customId: interaction.customId, userId: interaction.user.id, ephemeral }, logger);
  if (decision.kind === 'answer') {
    await apply(interaction, decision.answer, store);
    return;
  }
  const answer = decision.answer();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deferAfterMs);
  });
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first === 'late') await interaction.deferUpdate();
  await apply(interaction, await answer, store);
}

async function apply(interaction: ButtonInteraction, answer: ClickAnswer, store: ConfirmationStore): Promise<void> {
  // After deferUpdate the clicked message is the interaction's original response.
  const update = (options: Parameters<ButtonInteraction['update']>[0] & object) =>
    interaction.deferred ? interaction.editReply(options) : interaction.update(options);
  switch (answer.kind) {
    case 'ignore':
      return;
    case 'ephemeral':
      await interaction.reply({ content: answer.content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    case 'note':
      await update({ content: withNote(interaction.message.content, answer.note), components: [], allowedMentions: { parse: [] } });
      return;
    case 'replace': {
      const [first, ...rest] = answer.messages;
      if (!first) return;
      await update(messageOptions(first, { clearButtons: true }));
      if (first.confirmButton) {
        const { confirmButton, ...plain } = first;
        const original = editableReply(interaction, '@original');
        store.whenExpired(confirmButton.customId, () => original.edit({ ...plain, content: withNote(first.content, CONFIRM_EXPIRED) }));
      }
      for (const message of rest) {
        const options = messageOptions(message);
        await interaction.followUp(message.ephemeral ? { ...options, flags: MessageFlags.Ephemeral } : options);
      }
    }
  }
}
