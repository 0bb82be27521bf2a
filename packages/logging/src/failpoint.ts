/**
 * Crash-test failpoints. An app arms them from its configuration (HERALD_FAILPOINTS, used only by
 * the end-to-end tests); code marks the points where a crash is interesting. An armed point kills
 * the process with SIGKILL — no cleanup, no flushing — exactly like a power cut at that line.
 */
const armed = new Set<string>();

export function armFailpoints(names: Iterable<string>): void {
  for (const name of names) if (name.trim()) armed.add(name.trim());
}

export function failpoint(name: string): void {
  if (armed.size > 0 && armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
