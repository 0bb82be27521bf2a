import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat (100 on Linux almost always). */
export const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // the process has exited
  }
}

/** Resident set size now, in kB. */
export const rssKb = (pid: number) => statusField(pid, 'VmRSS');
/** The kernel's own high-water mark of the resident set, in kB: catches peaks between samples. */
export const rssHighWaterKb = (pid: number) => statusField(pid, 'VmHWM');

/** utime + stime of the process, in clock ticks. */
export function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of proc(5), counted from `state` (field 3)
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineTicks(): { busy: number; total: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  const steal = values[7] ?? 0; // time the hypervisor ran something else while this VM wanted a CPU
  return { busy: total - idle - steal, total, steal };
}

export interface Target {
  name: string;
  pid: number;
}

export interface CpuWindow {
  /** Percent of one core used over the window, per target. */
  perTarget: Record<string, number>;
  /** Percent of the whole machine (all cores) busy over the window, any process. */
  machineBusyPercent: number;
  /** Percent of the machine's time the hypervisor withheld (a VM's CPUs are shared with other guests). */
  machineStealPercent: number;
  ms: number;
}

/** Starts a CPU measurement now; `end()` returns usage since then. */
export function startCpuWindow(targets: Target[]): { end(): CpuWindow } {
  const started = performance.now();
  const before = new Map(targets.map((t) => [t.name, cpuTicks(t.pid) ?? 0]));
  const machineBefore = machineTicks();
  return {
    end() {
      const ms = performance.now() - started;
      const perTarget: Record<string, number> = {};
      for (const t of targets) {
        const ticks = (cpuTicks(t.pid) ?? before.get(t.name)!) - before.get(t.name)!;
        perTarget[t.name] = round((ticks / clockTicks / (ms / 1000)) * 100, 2);
      }
      const machine = machineTicks();
      const total = machine.total - machineBefore.total;
      const machineBusyPercent = round(((machine.busy - machineBefore.busy) / total) * 100, 1);
      const machineStealPercent = round(((machine.steal - machineBefore.steal) / total) * 100, 1);
      return { perTarget, machineBusyPercent, machineStealPercent, ms: Math.round(ms) };
    },
  };
}

export interface RssPeak {
  /** Largest VmRSS seen by the sampler, MB. */
  peakSampledMb: number;
  /** The kernel's VmHWM when sampling stopped, MB (the true peak, including between samples). */
  highWaterMb: number;
  /** VmRSS at the last sample, MB. */
  lastMb: number;
  samples: number;
}

/** Samples VmRSS of each target every `everyMs` until stopped; targets may be added later (a process started later). */
export class RssSampler {
  readonly #targets: Target[] = [];
  readonly #peaks = new Map<string, { peakKb: number; lastKb: number; samples: number }>();
  readonly #timer: NodeJS.Timeout;

  constructor(everyMs = 500) {
    this.#timer = setInterval(() => this.sample(), everyMs);
    this.#timer.unref();
  }

  add(target: Target): void {
    this.#targets.push(target);
    this.sample();
  }

  sample(): void {
    for (const t of this.#targets) {
      const kb = rssKb(t.pid);
      if (kb === undefined) continue;
      const peak = this.#peaks.get(t.name) ?? { peakKb: 0, lastKb: 0, samples: 0 };
      peak.peakKb = Math.max(peak.peakKb, kb);
      peak.lastKb = kb;
      peak.samples++;
      this.#peaks.set(t.name, peak);
    }
  }

  stop(): Record<string, RssPeak> {
    clearInterval(this.#timer);
    this.sample();
    const result: Record<string, RssPeak> = {};
    for (const t of this.#targets) {
      const peak = this.#peaks.get(t.name) ?? { peakKb: 0, lastKb: 0, samples: 0 };
      result[t.name] = {
        peakSampledMb: round(peak.peakKb / 1024, 1),
        highWaterMb: round((rssHighWaterKb(t.pid) ?? peak.peakKb) / 1024, 1),
        lastMb: round(peak.lastKb / 1024, 1),
        samples: peak.samples,
      };
    }
    return result;
  }
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** utime + stime summed over every process whose command name (comm) is one of `names`. */
export function cpuTicksByCommand(names: string[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const name = names.find((n) => comm.startsWith(n));
      if (name === undefined) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[name]! += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited while we looked
    }
  }
  return totals;
}

/** The services' CPU over a window, as % of one core (processes that exit during the window are undercounted). */
export function startServiceCpuWindow(names = ['postgres', 'redis-server', 'mariadbd']): { end(): Record<string, number> } {
  const started = performance.now();
  const before = cpuTicksByCommand(names);
  return {
    end() {
      const seconds = (performance.now() - started) / 1000;
      const after = cpuTicksByCommand(names);
      return Object.fromEntries(names.map((n) => [n, round(((after[n]! - before[n]!) / clockTicks / seconds) * 100, 1)]));
    },
  };
}
