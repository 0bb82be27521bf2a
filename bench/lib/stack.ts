import { createStack, type AppProcess, type Stack } from '../../tests/e2e/harness.js';

export type { AppProcess, Stack };

/**
 * Herald's defaults, spelled out because the e2e harness shortens them for fast tests:
 * the poller's 1 s interval (SERVATRICE_POLL_INTERVAL's default) and the notifier's 15 s reconcile.
 */
export const defaultSettings = { pollInterval: '1s', reconcileInterval: '15s' } as const;
const notifierEnv = { NOTIFIER_RECONCILE_INTERVAL: defaultSettings.reconcileInterval };

/**
 * Runs `fn` with an isolated stack and always tears it down (processes killed, Postgres DB,
 * MariaDB DB and Redis keys removed) — on success, on error, and on Ctrl-C / SIGTERM.
 */
export async function withStack<T>(fn: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await createStack({ pollInterval: defaultSettings.pollInterval });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= stack.close());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the apps and dropping the benchmark databases…`);
    void close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(stack);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  }
}

export function startPoller(stack: Stack, env: Record<string, string> = {}): AppProcess {
  return stack.start('servatrice-poller', [], env);
}

export function startNotifier(stack: Stack, env: Record<string, string> = {}): AppProcess {
  return stack.start('notifier', [], { ...notifierEnv, ...env });
}

export interface LogLine {
  time: string;
  msg: string;
  [field: string]: unknown;
}

/** The app's JSON log lines (anything else it printed is skipped). */
export function logLines(app: AppProcess): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of app.text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // a line cut at the end of the buffer
    }
  }
  return lines;
}

/** Counts of log lines by level at warn and above, to show whether anything went wrong during a run. */
export function problemLogCounts(app: AppProcess): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of logLines(app)) {
    const level = Number(line.level);
    if (level >= 40) counts[line.msg] = (counts[line.msg] ?? 0) + 1;
  }
  return counts;
}

/** Resolves once the poller's "new accounts recorded" log lines add up to `count`; returns the time of the last one. */
export async function waitForRecorded(poller: AppProcess, count: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recorded = logLines(poller).filter((l) => l.msg === 'new accounts recorded');
    const total = recorded.reduce((sum, l) => sum + Number(l.recorded ?? 0), 0);
    if (total >= count) return Date.parse(recorded.at(-1)!.time);
    if (Date.now() > deadline) throw new Error(`poller recorded ${total} of ${count} within ${timeoutMs} ms`);
    if (poller.child.exitCode !== null) throw new Error(`poller exited (${poller.child.exitCode}):\n${poller.text.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
