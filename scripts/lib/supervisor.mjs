// The processes `npm start` runs: launched with their output tagged by name, watched (one dying
// stops everything, with its exit code), and stopped in order within a deadline.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { root } from './bootstrap.mjs';

/** Every app stops within its own 8 s (handleShutdown in @herald/queue); after this, stragglers are killed. */
const StopDeadlineMs = 9_000;

export class Supervisor {
  /** @param {Record<string, string>} env the environment every child gets */
  constructor(env) {
    this.env = env;
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
   */
  launch(name, file, args = [], { outsideWorld = false, env = {} } = {}) {
    const child = spawn(process.execPath, [join(root, file), ...args, ...(outsideWorld ? ['--stop-when-stdin-ends'] : [])], {
      env: { ...this.env, ...env },
      stdio: [outsideWorld ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: outsideWorld,
    });
    Object.assign(child, { heraldName: name, outsideWorld });
    this.children.add(child);
    const tag = `[${name}]`.padEnd(12);
    relayLines(child.stdout, process.stdout, tag);
    relayLines(child.stderr, process.stderr, tag);
    // 'close', not 'exit': its last lines (e.g. why it stopped) are relayed first.
    child.once('close', (code, signal) => {
      this.children.delete(child);
      if (this.stopping) return;
      console.error(`${tag} exited (${code ?? signal}); stopping Herald`);
      // Its exit code (2: a configuration problem it found, such as a port in use); an app that
      // ended without an error code still ended Herald, which is a failure.
      void this.stop(code || 1);
    });
    return child;
  }

  /**
   * Runs `node <file> <args>` to completion (a check, the migrations). Its output is collected,
   * and also shown tagged when `show` is set. Resolves to {code, stdout, stderr}; a stop kills it.
   */
  run(name, file, args = [], { show = false } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, file), ...args], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      Object.assign(child, { heraldName: name, outsideWorld: false });
      this.children.add(child);
      const out = { stdout: '', stderr: '' };
      const tag = `[${name}]`.padEnd(12);
      child.stdout.on('data', (chunk) => (out.stdout += chunk));
      child.stderr.on('data', (chunk) => (out.stderr += chunk));
      if (show) {
        relayLines(child.stdout, process.stdout, tag);
        relayLines(child.stderr, process.stderr, tag);
      }
      child.once('error', reject);
      child.once('close', (code, signal) => {
        this.children.delete(child);
        resolve({ code: code ?? (signal ? 1 : 0), ...out });
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

/** Copies a stream line by line with a prefix (a partial last line waits for its end). */
function relayLines(stream, out, tag) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${tag} ${line}\n`));
}
