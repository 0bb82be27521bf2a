import type { Logger } from '@herald/logging';
import { toOutgoingMessages, type OutgoingReply } from '../reply.js';
import { CONFIRM_EXPIRED, confirmOnlyBy, type ConfirmationStore } from './store.js';

/** What the bot does with a click on a confirmation button, whatever the transport. */
export type ClickAnswer =
  /** Not a confirmation button: someone else's component. */
  | { readonly kind: 'ignore' }
  /** Answer the clicker alone; the message stays as it is. */
  | { readonly kind: 'ephemeral'; readonly content: string }
  /** Append `note` to the clicked message's content and remove its button (embeds stay). */
  | { readonly kind: 'note'; readonly note: string }
  /** The first message replaces the clicked one (its button gone); the others follow it. */
  | { readonly kind: 'replace'; readonly messages: readonly OutgoingReply[] };

export type ClickDecision =
  | { readonly kind: 'answer'; readonly answer: ClickAnswer }
  /** The invoker confirmed: `answer` runs the confirmed work (never rejects). */
  | { readonly kind: 'run'; readonly label: string; answer(): Promise<ClickAnswer> };

export interface Click {
  readonly customId: string;
  readonly userId: string;
  /** Whether the clicked message is ephemeral: the result's further messages are too. */
  readonly ephemeral: boolean;
}

/**
 * Decides what a click does (brief of issue 11: only the invoker confirms, within the time; the
 * result replaces the message). A `run` that throws is logged and becomes a note on the message.
 */
export function decideClick(store: ConfirmationStore, click: Click, logger: Logger): ClickDecision {
  const claim = store.claim(click.customId, click.userId);
  const answer = (value: ClickAnswer): ClickDecision => ({ kind: 'answer', answer: value });
  switch (claim.kind) {
    case 'not-a-confirmation':
      return answer({ kind: 'ignore' });
    case 'not-yours':
      return answer({ kind: 'ephemeral', content: confirmOnlyBy(claim.ownerId) });
    case 'running':
      return answer({ kind: 'ephemeral', content: 'Already confirmed; working on it.' });
    case 'expired':
      return answer({ kind: 'note', note: CONFIRM_EXPIRED });
    case 'confirmed': {
      const log = logger.child({ confirmation: claim.label, userId: click.userId });
      return {
        kind: 'run',
        label: claim.label,
        async answer() {
          const started = Date.now();
          try {
            const result = await claim.run();
            log.info({ ms: Date.now() - started }, 'confirmation ran');
            // A result may ask for a further confirmation, again for the same user.
            return { kind: 'replace', messages: toOutgoingMessages(result, click.ephemeral, (next) => store.add(click.userId, next)) };
          } catch (err) {
            log.error({ err, ms: Date.now() - started }, 'confirmation failed');
            return { kind: 'note', note: `Something went wrong running \`${claim.label}\`; the error was logged.` };
          } finally {
            claim.done();
          }
        },
      };
    }
  }
}
