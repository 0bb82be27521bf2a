import { createHash } from 'node:crypto';
import { UNKNOWN_MESSAGE_CODE } from '@herald/discord';
import { DestinationStatus } from '@herald/db/statuses';
import type { SqlPool } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { failureReason } from '../delivery/failure-reason.js';
import { quarantine } from '../delivery/ledger.js';
import type { MessageBody } from '../delivery/sender.js';
import { forgetStatusMessage, loadStatusTargets, saveStatusMessage, touchStatusMessage, type StatusTarget } from './store.js';
import type { StatusMessageTransport, StatusSendResult } from './transport.js';

/**
 * What a refresh did in one destination: `posted` a first message, `edited` it, left it `unchanged`
 * (same rendering as the last edit), `reposted` after it was deleted in Discord, `skipped` a
 * quarantined or paused destination, or `failed` (logged; the next refresh tries again).
 */
export type StatusOutcome = 'posted' | 'edited' | 'unchanged' | 'reposted' | 'skipped' | 'failed';

/** `busy`: another refresh of the same key holds the lock (another replica); this one did nothing. */
export type StatusRefreshResult = { busy: true } | { busy: false; outcomes: Map<number, StatusOutcome> };

export interface StatusMessages {
  /**
   * Brings the `key` status message (e.g. 'ibc') of each destination up to date: `render()` is
   * called once, under a Postgres advisory lock held for the key (so two replicas never both post a
   * first message), then each destination's stored message is edited in place, or a message is
   * posted (and its id stored in `status_messages`) when there is none or Discord says it is gone
   * (404, code 10008). An edit is skipped when the rendering is the one this process last sent there
   * and no other notifier has edited the message since.
   * Unknown destination ids are ignored.
   */
  refresh(key: string, destinationIds: number[], render: () => Promise<MessageBody>): Promise<StatusRefreshResult>;
}

export interface StatusMessagesOptions {
  db: SqlPool;
  transport: StatusMessageTransport;
  logger: Logger;
}

/**
 * The status messages a process keeps edited in place. What was last sent is remembered in memory
 * (a hash per destination and message, with the row's `updated_at` to notice another replica's
 * edits): after a restart, or on another replica, the first refresh edits once more, which costs
 * one request and shows the same text.
 */
export function createStatusMessages(options: StatusMessagesOptions): StatusMessages {
  const { db, transport, logger } = options;
  /**
   * `key:destination` → the message, the hash of the body this process last sent to it, and the
   * row's `updated_at` after that: if another replica edited it since, the row's time differs and
   * the edit is not skipped.
   */
  const sent = new Map<string, { messageId: string; hash: string; updatedAt: number | null }>();
  /** `key:destination` → a message posted whose id could not be stored (Postgres down): edit it next time, never post twice. */
  const unsaved = new Map<string, string>();

  async function refreshOne(key: string, target: StatusTarget, body: MessageBody, hash: string): Promise<StatusOutcome> {
    const memo = `${key}:${target.id}`;
    // Quarantined or paused: nothing is sent to it until an operator resumes it.
    if (target.status !== DestinationStatus.active) return 'skipped';
    const messageId = target.messageId ?? unsaved.get(memo) ?? null;
    let deleted = false;
    if (messageId !== null) {
      const last = sent.get(memo);
      if (last?.messageId === messageId && last.hash === hash && last.updatedAt !== null && last.updatedAt === target.updatedAt) return 'unchanged';
      const edited = await transport.edit(target, messageId, body);
      if (edited.ok) {
        sent.set(memo, { messageId, hash, updatedAt: await store(key, target.id, messageId, unsaved.has(memo)) });
        return 'edited';
      }
      if (edited.code !== UNKNOWN_MESSAGE_CODE) return failed(key, target, edited);
      // Someone deleted it in Discord: post a new one (the channel would otherwise show nothing).
      logger.info({ key, destination: target.id }, 'status message was deleted in Discord; posting a new one');
      deleted = true;
      sent.delete(memo);
      unsaved.delete(memo);
      await forgetStatusMessage(db, key, target.id);
    }
    const posted = await transport.post(target, body);
    if (!posted.ok) return failed(key, target, posted);
    sent.set(memo, { messageId: posted.messageId, hash, updatedAt: await store(key, target.id, posted.messageId, true) });
    return deleted ? 'reposted' : 'posted';
  }

  /**
   * Saves a new message id (or notes an edit) and returns the row's `updated_at`; a Postgres failure
   * keeps a new id in memory for the next refresh (and returns null: that refresh will not skip).
   */
  async function store(key: string, destinationId: number, messageId: string, isNew: boolean): Promise<number | null> {
    const memo = `${key}:${destinationId}`;
    try {
      const updatedAt = isNew ? await saveStatusMessage(db, key, destinationId, messageId) : await touchStatusMessage(db, key, destinationId);
      unsaved.delete(memo);
      return updatedAt;
    } catch (error) {
      if (isNew) unsaved.set(memo, messageId);
      logger.warn({ key, destination: destinationId, err: error }, 'could not store the status message id; kept in memory until Postgres answers');
      return null;
    }
  }

  async function failed(key: string, target: StatusTarget, result: Exclude<StatusSendResult, { ok: true }>): Promise<StatusOutcome> {
    const reason = failureReason(result);
    if (result.kind === 'quarantine') {
      // Same rule as deliveries: a destination Discord refuses (deleted webhook, missing permission) is
      // not retried in a loop; the operator fixes it and resumes it from the dashboard.
      logger.error({ key, destination: target.id, status: result.status, error: reason }, 'status message: destination quarantined: Discord refused it');
      await quarantine(db, target.id, reason);
    } else {
      logger.warn({ key, destination: target.id, status: result.status, error: reason }, 'status message not updated; the next refresh tries again');
    }
    return 'failed';
  }

  return {
    async refresh(key, destinationIds, render) {
      if (destinationIds.length === 0) return { busy: false, outcomes: new Map() };
      const lock = await db.connect();
      let broken = false;
      try {
        const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`herald-status:${key}`]);
        if (!rows[0]?.locked) return { busy: true };
        try {
          const targets = await loadStatusTargets(db, key, destinationIds);
          const body = await render();
          const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
          const outcomes = new Map<number, StatusOutcome>();
          for (const target of targets) outcomes.set(target.id, await refreshOne(key, target, body, hash));
          return { busy: false, outcomes };
        } finally {
          // If the unlock fails the connection is closed instead, which ends the session and its lock.
          await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`herald-status:${key}`]).catch(() => (broken = true));
        }
      } finally {
        lock.release(broken);
      }
    },
  };
}
