/**
 * Calls `tick` with the wall clock now and then every `everyMs` until stopped: a chained timeout,
 * so ticks never overlap (the demos' simulators advance their stories with it).
 */
export class WallClockTicker {
  private timer: NodeJS.Timeout | undefined;

  start(tick: (now: Date) => void, everyMs: number): void {
    const next = () => {
      this.timer = setTimeout(() => {
        tick(new Date());
        next();
      }, everyMs);
    };
    tick(new Date());
    next();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
