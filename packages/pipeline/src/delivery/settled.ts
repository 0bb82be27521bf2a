/**
 * Deliveries this process has settled (delivered or dead-lettered), so the jobs of events that a
 * drain already sent finish without touching the database; and a way to wait for one to settle
 * while another job's drain works through the backlog. Bounded: the oldest entries are forgotten
 * (a forgotten one just costs the job a query).
 */
export class SettledDeliveries {
  private readonly settled = new Set<string>();
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly capacity = 50_000) {}

  static key(eventId: bigint, destinationId: number): string {
    return `${eventId}:${destinationId}`;
  }

  has(key: string): boolean {
    return this.settled.has(key);
  }

  settle(keys: string[]): void {
    for (const key of keys) {
      this.settled.add(key);
      const waiting = this.waiters.get(key);
      if (waiting) {
        this.waiters.delete(key);
        for (const wake of waiting) wake();
      }
    }
    while (this.settled.size > this.capacity) this.settled.delete(this.settled.values().next().value!);
  }

  /** Resolves when `key` settles; `cancel` stops waiting (the promise then never resolves). */
  wait(key: string): { settled: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const settled = new Promise<void>((resolve) => (wake = resolve));
    if (this.settled.has(key)) wake();
    else {
      const set = this.waiters.get(key) ?? new Set();
      set.add(wake);
      this.waiters.set(key, set);
    }
    return {
      settled,
      cancel: () => {
        const set = this.waiters.get(key);
        set?.delete(wake);
        if (set?.size === 0) this.waiters.delete(key);
      },
    };
  }
}
