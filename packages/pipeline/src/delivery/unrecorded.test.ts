import { describe, expect, it } from 'vitest';
import { UnrecordedOutcomes } from './unrecorded.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unavailable = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

/**
 * Writes that fail as an outage while `down`, and log when they really run; each takes `ms` once
 * started (a slow Postgres write, so that flushes overlap it). `started(name)` resolves when that
 * write begins: a test waits for it rather than for a time.
 */
function writes() {
  const state = { down: true, log: [] as string[] };
  const starts = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const startOf = (name: string) => {
    let start = starts.get(name);
    if (!start) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      start = { promise, resolve };
      starts.set(name, start);
    }
    return start;
  };
  const write = (name: string, ms: number) => async () => {
    if (state.down) throw unavailable();
    state.log.push(`start ${name}`);
    startOf(name).resolve();
    await sleep(ms);
    state.log.push(`end ${name}`);
  };
  return { state, write, started: (name: string) => startOf(name).promise };
}

describe('UnrecordedOutcomes', () => {
  it('keeps writes Postgres refused, in order, and writes each once when flushed', async () => {
    const outcomes = new UnrecordedOutcomes(60_000);
    const { state, write } = writes();
    expect(await outcomes.attempt(1, write('a', 1))).toBe(false);
    expect(await outcomes.attempt(1, write('b', 1))).toBe(false);
    expect(outcomes.pending(1)).toBe(2);
    state.down = false;
    expect(await outcomes.flush(1)).toBe(true);
    expect(state.log).toEqual(['start a', 'end a', 'start b', 'end b']);
    outcomes.stop();
  });

  it('keeps a write Postgres undid over a deadlock (retried later), and throws on a bad statement', async () => {
    const outcomes = new UnrecordedOutcomes(60_000);
    let deadlocks = 1;
    const write = async () => {
      if (deadlocks-- > 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    };
    expect(await outcomes.attempt(1, write)).toBe(false);
    expect(await outcomes.flush(1)).toBe(true);
    await expect(outcomes.attempt(2, async () => Promise.reject(Object.assign(new Error('syntax error'), { code: '42601' })))).rejects.toThrow('syntax error');
    expect(outcomes.pending()).toBe(0);
    outcomes.stop();
  });

  // The background retry and a drain's flush overlap when Postgres comes back. Both used to take the
  // same first write, and each removed one when done: the second write was dropped (never run) or
  // still running when the drain went on to claim — its rows were claimed again and resent.
  it('a flush that starts while another is writing waits for it: nothing is skipped, and "done" means written', async () => {
    const outcomes = new UnrecordedOutcomes(60_000);
    const { state, write, started } = writes();
    await outcomes.attempt(1, write('a', 40));
    await outcomes.attempt(1, write('b', 40));
    state.down = false;
    const background = outcomes.flush(1);
    await started('a');
    const drain = outcomes.flush(1); // while 'a' is being written
    expect(state.log).toEqual(['start a']);
    expect(await drain).toBe(true);
    expect(state.log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(await background).toBe(true);
    expect(outcomes.pending()).toBe(0);
    outcomes.stop();
  });

  it('a write kept while a flush runs is written before a flush waiting behind it says done', async () => {
    const outcomes = new UnrecordedOutcomes(60_000);
    const { state, write, started } = writes();
    await outcomes.attempt(1, write('a', 30));
    state.down = false;
    const background = outcomes.flush(1);
    await started('a');
    expect(await outcomes.attempt(1, write('b', 1))).toBe(false); // behind 'a': kept, not run ahead of it
    expect(state.log).toEqual(['start a']);
    expect(await outcomes.flush(1)).toBe(true);
    expect(state.log).toEqual(['start a', 'end a', 'start b', 'end b']);
    await background;
    outcomes.stop();
  });

  it('flushAll waits for a running flush instead of running its writes a second time', async () => {
    const outcomes = new UnrecordedOutcomes(60_000);
    const { state, write, started } = writes();
    await outcomes.attempt(1, write('a', 30));
    await outcomes.attempt(2, write('x', 1));
    state.down = false;
    const drain = outcomes.flush(1);
    await started('a');
    expect(await outcomes.flushAll()).toBe(true);
    // "Done" means written: 'a' has ended, and 'x' of the other destination was written too.
    expect(state.log).toContain('end a');
    expect(state.log).toContain('end x');
    expect(await drain).toBe(true);
    expect(outcomes.pending()).toBe(0);
    // Each write ran once.
    expect([...state.log].sort()).toEqual(['end a', 'end x', 'start a', 'start x']);
    outcomes.stop();
  });
});
