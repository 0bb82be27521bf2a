import { isRetryableDatabaseError } from '@herald/db/sql';

/** A ledger write for an answer Discord already gave (delivered, refused, failed). */
export type OutcomeWrite = () => Promise<void>;

/**
 * Answers Discord gave that could not be written to Postgres yet (it was down or restarting).
 * Without this a known answer was dropped, the delivery stayed `sending`, and it was resent as
 * "in doubt" once Postgres was back — a duplicate for every webhook post (issue 7, §8). Writes are
 * kept per destination in order, retried every `retryMs` in the background, and always flushed
 * before that destination is drained again, so nothing newer is sent before they are recorded.
 * Kept in memory: if this process dies too, those deliveries are in doubt, and said to be.
 */
export class UnrecordedOutcomes {
  private readonly writes = new Map<number, OutcomeWrite[]>();
  private readonly flushing = new Map<number, Promise<boolean>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly retryMs = 1000) {}

  /**
   * Runs `write`; if Postgres is unavailable (or undid it over a conflict, e.g. a deadlock), keeps it
   * for later and returns false. Other errors throw.
   */
  async attempt(destinationId: number, write: OutcomeWrite): Promise<boolean> {
    if (this.pending(destinationId) === 0) {
      try {
        await write();
        return true;
      } catch (error) {
        if (!isRetryableDatabaseError(error)) throw error;
      }
    }
    this.keep(destinationId, write);
    return false;
  }

  /** How many writes wait for this destination (or for all when omitted). */
  pending(destinationId?: number): number {
    if (destinationId !== undefined) return this.writes.get(destinationId)?.length ?? 0;
    let total = 0;
    for (const list of this.writes.values()) total += list.length;
    return total;
  }

  /**
   * Writes what waits for `destinationId`, in order; true when nothing is left. One flush per
   * destination at a time: the background retry and a drain's flush overlap when Postgres comes
   * back, and two flushes walking the same list skipped writes and said "done" while one was still
   * running — the drain then claimed those rows again and resent them (a duplicate). A flush that
   * finds one running waits for it, then writes whatever was kept meanwhile (unless Postgres is
   * still down).
   */
  flush(destinationId: number): Promise<boolean> {
    const running = this.flushing.get(destinationId);
    if (running) return running.then((done) => done && this.flush(destinationId), () => this.flush(destinationId));
    const flushing = this.writeAll(destinationId).finally(() => this.flushing.delete(destinationId));
    this.flushing.set(destinationId, flushing);
    return flushing;
  }

  private async writeAll(destinationId: number): Promise<boolean> {
    const list = this.writes.get(destinationId);
    while (list && list.length > 0) {
      try {
        await list[0]!();
      } catch (error) {
        if (!isRetryableDatabaseError(error)) {
          // A write that can never succeed (a bug, a deleted row) must not block the destination forever.
          list.shift();
          throw error;
        }
        return false;
      }
      list.shift();
    }
    this.writes.delete(destinationId);
    return true;
  }

  /** Tries every destination's writes once (shutdown, or the background retry). */
  async flushAll(): Promise<boolean> {
    let done = true;
    for (const id of [...this.writes.keys()]) done = (await this.flush(id).catch(() => false)) && done;
    return done;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private keep(destinationId: number, write: OutcomeWrite): void {
    const list = this.writes.get(destinationId) ?? [];
    list.push(write);
    this.writes.set(destinationId, list);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(async () => {
      this.timer = undefined;
      if (!(await this.flushAll())) this.schedule();
    }, this.retryMs).unref();
  }
}
