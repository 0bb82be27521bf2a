// The processes `npm start` runs: launched with their output tagged by name, watched (one dying
// stops everything, with its exit code), and stopped in order within a deadline.
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { root } from './bootstrap.mjs';

/** Every app stops within its own 8 s (handleShutdown in @herald/queue); after this, stragglers are killed. */
const StopDeadlineMs = 9_000;

export class Supervisor {
  /**
   * @param {Record<string, string>} env the environment every child gets
   * @param {{ redact?: (line: string) => string, tagJson?: boolean, activityLog?: ActivityLog }} output
   *   `redact` is applied to every relayed line; `tagJson` false relays JSON lines untagged (they name
   *   their app), so a pipe gets one JSON object a line; `activityLog` turns a stand-in's plain-text
   *   activity line into a log line (see {@link Supervisor.launch}'s `stateOnStdout`)
   */
  constructor(env, { redact = (line) => line, tagJson = true, activityLog = (_name, write) => write } = {}) {
    this.env = env;
    this.activityLog = activityLog;
    /** Writes one line to `out` as every relayed line is: redacted, tagged unless it is JSON and JSON goes untagged. */
    this.relayLine = (out, tag, line) => {
      const shown = redact(line);
      out.write(!tagJson && shown.startsWith('{') ? `${shown}\n` : `${tag} ${shown}\n`);
    };
    this.relay = (stream, out, tag) => lines(stream, (line) => this.relayLine(out, tag, line));
    /** @type {Set<import('node:child_process').ChildProcess & { heraldName: string, outsideWorld: boolean }>} */
    this.children = new Set();
    this.stopping = undefined;
    /** Called first when stopping (e.g. the demo's sign-up simulator). */
    this.beforeStop = async () => undefined;
  }

  /**
   * Starts a long-running child: `node <file> <args>`, each output line prefixed with `[name]`.
   * If it exits while Herald is not stopping, Herald stops with its exit code. `outsideWorld`
   * (the demo's stand-ins for Discord and the Cosmos chains) runs it in its own process group, so
   * a terminal's Ctrl-C reaches only the apps and this script, which stops the stand-ins after the
   * apps; it gets a stdin pipe and is passed `--stop-when-stdin-ends` to end with this script.
   * `stateOnStdout` (the demo's stand-ins, packages/testkit's fake CLIs): the first JSON line on its
   * stdout is its state, for this script (read with firstJsonLine) and not relayed; every other
   * stdout line is a plain-text account of what it does, relayed as an info log line of `name`
   * through the `activityLog` given to the constructor (JSON when piped, pretty on a terminal).
   */
  launch(name, file, args = [], { outsideWorld = false, stateOnStdout = false, env = {} } = {}) {
    const child = spawn(process.execPath, [join(root, file), ...args, ...(outsideWorld ? ['--stop-when-stdin-ends'] : [])], {
      env: { ...this.env, ...env },
      stdio: [outsideWorld ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: outsideWorld,
    });
    Object.assign(child, { heraldName: name, outsideWorld });
    this.children.add(child);
    const tag = `[${name}]`.padEnd(12);
    if (stateOnStdout) {
      const log = this.activityLog(name, (line) => this.relayLine(process.stdout, tag, line));
      let state = false;
      lines(child.stdout, (line) => (!state && line.startsWith('{') ? (state = true) : log(line)));
    } else this.relay(child.stdout, process.stdout, tag);
    this.relay(child.stderr, process.stderr, tag);
    // 'close', not 'exit': its last lines (e.g. why it stopped) are relayed first.
    child.once('close', (code, signal) => {
      this.children.delete(child);
      if (this.stopping) return;
      console.error(`${tag} exited (${code ?? signal}); stopping Herald`);
      // Its exit code (2: a configuration problem it found, such as a port in use), or 128 + the
      // signal's number when a signal killed it (137 for SIGKILL), as a shell reports it; an app
      // that ended without an error code still ended Herald, which is a failure.
      void this.stop(code || (signal ? signalExitCode(signal) : 1));
    });
    return child;
  }

  /**
   * Runs `node <file> <args>` to completion (a check, the migrations), with `env` added to the
   * environment. Its output is collected; with `showErrors` its stderr is also shown tagged as it
   * comes (its stdout is a report for this script). Resolves to {code, signal, stdout, stderr}: `code`
   * is its exit code, or 128 + the signal's number when a signal ended it (`signal` names it);
   * a stop kills it.
   */
  run(name, file, args = [], { showErrors = false, env = {} } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, file), ...args], { env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      Object.assign(child, { heraldName: name, outsideWorld: false });
      this.children.add(child);
      const out = { stdout: '', stderr: '' };
      const tag = `[${name}]`.padEnd(12);
      child.stdout.on('data', (chunk) => (out.stdout += chunk));
      child.stderr.on('data', (chunk) => (out.stderr += chunk));
      if (showErrors) this.relay(child.stderr, process.stderr, tag);
      child.once('error', reject);
      child.once('close', (code, signal) => {
        this.children.delete(child);
        resolve({ code: code ?? signalExitCode(signal), signal, ...out });
      });
    });
  }

  /**
   * Stops everything and exits with `code`: the apps first, then the demo's stand-ins (stopped
   * first, the apps' last polls and deliveries would record an outage at every stop). Anything
   * still running after the deadline is killed. Calling it again returns the same stop.
   */
  stop(code = 0) {
    this.stopping ??= (async () => {
      const deadline = setTimeout(() => {
        for (const child of this.children) child.kill('SIGKILL');
        console.error('✖ some processes did not stop in time and were killed');
        process.exit(code || 1);
      }, StopDeadlineMs);
      await this.beforeStop().catch(() => undefined);
      await this.#stopAll((child) => !child.outsideWorld);
      await this.#stopAll((child) => child.outsideWorld);
      clearTimeout(deadline);
      process.exit(code);
    })();
    return this.stopping;
  }

  async #stopAll(which) {
    const group = [...this.children].filter(which);
    // Until each child's output is closed, not only until it exits: its last lines are relayed before this process exits.
    const exited = group.map((child) => new Promise((resolve) => (this.children.has(child) ? child.once('close', resolve) : resolve())));
    for (const child of group) child.kill('SIGTERM');
    await Promise.all(exited);
  }
}

/** A shell's exit code for a process a signal ended: 128 + its number (143 for SIGTERM, 137 for SIGKILL). */
export function signalExitCode(signal) {
  return 128 + (osConstants.signals[signal] ?? 0);
}

/** Calls `onLine` with each line of `stream`. */
function lines(stream, onLine) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/**
 * @typedef {(name: string, write: (line: string) => void) => (text: string) => void} ActivityLog
 * Makes, for the stand-in `name`, a function that writes one plain-text activity line as a log line
 * through `write` (which relays it like the apps' lines).
 */
