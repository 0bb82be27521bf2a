import { randomBytes } from 'node:crypto';
import { truncate } from '@herald/discord/text';
import type { Logger } from '@herald/logging';
import type { CommandResult, Confirmation } from '../command.js';

export const CONFIRM_EXPIRED = 'This confirmation expired; run the command again.';
export const DEFAULT_CONFIRM_EXPIRY_MS = 60_000;
/** An interaction token lives 15 minutes: after that a slash reply's button could not be removed. */
export const MAX_CONFIRM_EXPIRY_MS = 15 * 60_000;
/** Discord's limit for a button label. */
const MAX_LABEL = 80;

/** The answer to a click by someone other than the invoker (ephemeral, pings nobody). */
export function confirmOnlyBy(userId: string): string {
  return `Only <@${userId}> can confirm this.`;
}

/** A rendered confirmation button: a Discord button's `custom_id`, label and style. */
export interface ConfirmButton {
  readonly customId: string;
  readonly label: string;
  readonly style: 'danger' | 'primary';
}

/** What a click on a confirmation button means. */
export type ClickClaim =
  /** Not a confirmation button (another component): leave it to others. */
  | { readonly kind: 'not-a-confirmation' }
  | { readonly kind: 'not-yours'; readonly ownerId: string }
  /** Expired, or unknown to this process (e.g. made before a restart). */
  | { readonly kind: 'expired' }
  /** The invoker clicked twice: the first click is still running. */
  | { readonly kind: 'running' }
  | { readonly kind: 'confirmed'; readonly label: string; run(): Promise<CommandResult>; done(): void };

interface Pending {
  readonly ownerId: string;
  readonly label: string;
  readonly expiresAt: number;
  readonly run: () => Promise<CommandResult>;
  timer?: NodeJS.Timeout;
}

// custom_id: `herald-confirm:<invoker id>:<random token>`, ≤ 100 characters as Discord requires.
// The invoker's id is in the id itself so that, after a restart, a stranger's click is still
// answered "Only <@id> can confirm this." rather than "expired".
const PREFIX = 'herald-confirm';
const CUSTOM_ID = /^herald-confirm:(\d{1,21}):([A-Za-z0-9_-]{16})$/;

export interface ConfirmationStoreOptions {
  /** The clock that decides expiry, in ms since the epoch (tests inject one). Default `Date.now`. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/**
 * Pending confirmations of one bot process, in memory: a restart forgets them, and their buttons
 * then answer "expired" (a destructive command should be run again, not resumed). Each can be
 * claimed once, by its invoker, before it expires.
 */
export class ConfirmationStore {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<string>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: ConfirmationStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Registers `confirmation` for `ownerId` (the invoker) and returns the button to show. */
  add(ownerId: string, confirmation: Confirmation): ConfirmButton {
    const expiresInMs = Math.min(Math.max(confirmation.expiresInMs ?? DEFAULT_CONFIRM_EXPIRY_MS, 0), MAX_CONFIRM_EXPIRY_MS);
    const customId = `${PREFIX}:${ownerId}:${randomBytes(12).toString('base64url')}`;
    const label = truncate(confirmation.label.trim() === '' ? 'Confirm' : confirmation.label, MAX_LABEL);
    this.pending.set(customId, { ownerId, label, expiresAt: this.now() + expiresInMs, run: () => confirmation.run() });
    return { customId, label, style: confirmation.style ?? 'danger' };
  }

  /**
   * Once the button's message is sent: `expire` removes the button if nobody confirms in time.
   * Its failure (e.g. the message was deleted) is only logged.
   */
  whenExpired(customId: string, expire: () => Promise<void>): void {
    const entry = this.pending.get(customId);
    if (!entry || this.closed) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.pending.get(customId) !== entry) return;
      this.pending.delete(customId);
      expire().catch((err: unknown) => this.options.logger?.warn({ err }, 'could not remove an expired confirmation button'));
    }, Math.max(entry.expiresAt - this.now(), 0));
    entry.timer.unref();
  }

  /** Decides what a click by `userId` on the component `customId` does; a confirmed claim is used up. */
  claim(customId: string, userId: string): ClickClaim {
    const parsed = CUSTOM_ID.exec(customId);
    if (!parsed) return { kind: 'not-a-confirmation' };
    const ownerId = parsed[1]!;
    if (userId !== ownerId) return { kind: 'not-yours', ownerId };
    if (this.running.has(customId)) return { kind: 'running' };
    const entry = this.pending.get(customId);
    if (!entry) return { kind: 'expired' };
    this.pending.delete(customId);
    clearTimeout(entry.timer);
    if (this.now() >= entry.expiresAt) return { kind: 'expired' };
    this.running.add(customId);
    return { kind: 'confirmed', label: entry.label, run: entry.run, done: () => this.running.delete(customId) };
  }

  /** Drops a confirmation whose message could not be sent. */
  forget(customId: string): void {
    clearTimeout(this.pending.get(customId)?.timer);
    this.pending.delete(customId);
  }

  /** How many confirmations wait for a click (for tests and shutdown logs). */
  get size(): number {
    return this.pending.size;
  }

  /** Stops the expiry timers (the bot is stopping); pending confirmations are forgotten. */
  close(): void {
    this.closed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}

/** Whether a component's custom_id is a confirmation button's. */
export function isConfirmationId(customId: string): boolean {
  return customId.startsWith(`${PREFIX}:`);
}
