import { randomUUID } from 'node:crypto';
import type { DemoCommandInput, DemoCommandOutcome } from './demo-commands.js';

/** A command a visitor sent from the demo page, and what became of it. */
export interface SentDemoCommand extends DemoCommandInput {
  /** Random, so a `?sent=` link cannot be guessed or made to show text of someone's choosing. */
  id: string;
  at: Date;
  outcome: DemoCommandOutcome;
}

const UuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The last few commands sent from this page, in memory. The fake records the bot's replies with only
 * an interaction or message id; this log is what lets the page say "reply to /status by moderator".
 * Lost on restart, which only costs those labels.
 */
export class DemoCommandLog {
  readonly #entries: SentDemoCommand[] = [];

  constructor(readonly capacity = 200) {}

  add(input: DemoCommandInput, outcome: DemoCommandOutcome): SentDemoCommand {
    const entry: SentDemoCommand = { ...input, id: randomUUID(), at: new Date(), outcome };
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.shift();
    return entry;
  }

  get(id: string): SentDemoCommand | undefined {
    if (!UuidPattern.test(id)) return undefined;
    return this.#entries.find((e) => e.id === id);
  }

  /** The command a bot message answers: by its interaction (slash command) or referenced message (prefix command). */
  answeredBy(reference: { interactionId: string | null; referencedMessageId: string | null }): SentDemoCommand | undefined {
    return this.#entries.find(({ outcome }) =>
      'interactionId' in outcome ? outcome.interactionId === reference.interactionId : outcome.kind === 'posted' && outcome.messageId === reference.referencedMessageId,
    );
  }
}
