import { writeFile } from 'node:fs/promises';
import { parseArgs, UsageError, type CommandLine } from '@herald/config';

/**
 * What the fakes' command lines share (fake Discord, fake Reddit and the demos' simulators):
 * argument errors end the process with one line naming the program and exit 2, the state is
 * published as one JSON line on stdout (and in a file for its owner only), and the process stops
 * cleanly on SIGTERM/SIGINT or, with --stop-when-stdin-ends, when the parent that piped its stdin is
 * gone (`npm start` runs the fakes outside its process group).
 */
export function fakeCli(program: string) {
  function fail(message: string): never {
    process.stderr.write(`${program}: ${message}\n`);
    process.exit(2);
  }
  return {
    fail,
    /** The arguments (`--stop-when-stdin-ends` is always accepted), or exit 2 naming the problem. */
    args(spec: { flags?: string[]; options: string[] }): CommandLine {
      try {
        return parseArgs(process.argv.slice(2), { flags: ['stop-when-stdin-ends', ...(spec.flags ?? [])], options: spec.options });
      } catch (error) {
        if (error instanceof UsageError) return fail(error.message);
        throw error;
      }
    },
    /** `--name`'s integer of at least `min`, `fallback` when absent, or exit 2. */
    integer(name: string, raw: string | undefined, fallback: number, min = 0): number {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min) fail(`--${name} must be an integer of at least ${min}, got ${raw}`);
      return value;
    },
    /** Rejects EADDRINUSE as one line naming --port (exit 2); other errors pass. */
    portInUse(host: string, port: number) {
      return (error: unknown): never | Promise<never> =>
        (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? fail(`--port ${port}: ${host}:${port} is already in use by another program; choose a free port`) : Promise.reject(error);
    },
    /** Writes the state to `stateFile` (mode 0600: it may hold fake tokens) and as one line on stdout. */
    async publish(state: unknown, stateFile: string | undefined): Promise<void> {
      const line = JSON.stringify(state);
      if (stateFile !== undefined) await writeFile(stateFile, `${line}\n`, { mode: 0o600 });
      process.stdout.write(`${line}\n`);
    },
    /** Stops with `close` on SIGTERM/SIGINT, and when stdin ends if the flag was given; then exits 0. */
    stopOn(args: CommandLine, close: () => Promise<void>): void {
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await close();
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop());
      process.on('SIGINT', () => void stop());
      if (args.flags.has('stop-when-stdin-ends')) process.stdin.on('end', () => void stop()).resume();
    },
  };
}
