import { describe, expect, it } from 'vitest';
import type { Confirmation } from '../command.js';
import { captureLogger, MEMBER_ID, OWNER_ID } from '../test-support.js';
import { decideClick, type ClickAnswer } from './click.js';
import { CONFIRM_EXPIRED, ConfirmationStore, DEFAULT_CONFIRM_EXPIRY_MS, isConfirmationId } from './store.js';

/** A store whose clock the test moves. */
function clockedStore() {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const store = new ConfirmationStore({ now: () => now });
  return { store, advance: (ms: number) => void (now += ms) };
}

/** A confirmation that counts its runs and answers `result`, or throws `error`. */
function purge(result = 'Purged 2 users.', error?: Error) {
  const runs: number[] = [];
  const confirmation: Confirmation = {
    label: 'Purge 2 users',
    async run() {
      runs.push(runs.length + 1);
      if (error) throw error;
      return result;
    },
  };
  return { confirmation, runs };
}

async function click(store: ConfirmationStore, customId: string, userId: string, ephemeral = false): Promise<ClickAnswer> {
  const { logger } = captureLogger();
  const decision = decideClick(store, { customId, userId, ephemeral }, logger);
  return decision.kind === 'run' ? decision.answer() : decision.answer;
}

describe('confirmation buttons', () => {
  it('runs on the invoker\'s click within the time, once, and the result replaces the message', async () => {
    const { store, advance } = clockedStore();
    const { confirmation, runs } = purge();
    const button = store.add(OWNER_ID, confirmation);
    expect(button).toMatchObject({ label: 'Purge 2 users', style: 'danger' });
    expect(isConfirmationId(button.customId)).toBe(true);
    expect(button.customId.length).toBeLessThanOrEqual(100);
    advance(DEFAULT_CONFIRM_EXPIRY_MS - 1);
    const answer = await click(store, button.customId, OWNER_ID);
    expect(answer).toEqual({ kind: 'replace', messages: [{ content: 'Purged 2 users.', embeds: [], ephemeral: false, allowedMentions: { parse: [] } }] });
    expect(runs).toEqual([1]);
    // Used up: a second click finds nothing to run.
    expect(await click(store, button.customId, OWNER_ID)).toEqual({ kind: 'note', note: CONFIRM_EXPIRED });
    expect(runs).toEqual([1]);
  });

  it('answers someone else\'s click with who may confirm, and still lets the invoker confirm', async () => {
    const { store } = clockedStore();
    const { confirmation, runs } = purge();
    const button = store.add(OWNER_ID, confirmation);
    expect(await click(store, button.customId, MEMBER_ID)).toEqual({ kind: 'ephemeral', content: `Only <@${OWNER_ID}> can confirm this.` });
    expect(runs).toEqual([]);
    expect(await click(store, button.customId, OWNER_ID)).toMatchObject({ kind: 'replace' });
    expect(runs).toEqual([1]);
  });

  it('expires after the time (default one minute, or the command\'s own), running nothing', async () => {
    const { store, advance } = clockedStore();
    const first = purge();
    const second = purge();
    const byDefault = store.add(OWNER_ID, first.confirmation);
    const short = store.add(OWNER_ID, { ...second.confirmation, expiresInMs: 5_000 });
    advance(5_000);
    expect(await click(store, short.customId, OWNER_ID)).toEqual({ kind: 'note', note: 'This confirmation expired; run the command again.' });
    advance(DEFAULT_CONFIRM_EXPIRY_MS - 5_000);
    expect(await click(store, byDefault.customId, OWNER_ID)).toEqual({ kind: 'note', note: CONFIRM_EXPIRED });
    expect([first.runs, second.runs]).toEqual([[], []]);
    expect(store.size).toBe(0);
  });

  it('after a restart (a new store) a button is unknown: expired for the invoker, still "only" for others', async () => {
    const before = clockedStore().store;
    const button = before.add(OWNER_ID, purge().confirmation);
    const afterRestart = clockedStore().store;
    expect(await click(afterRestart, button.customId, OWNER_ID)).toEqual({ kind: 'note', note: CONFIRM_EXPIRED });
    expect(await click(afterRestart, button.customId, MEMBER_ID)).toEqual({ kind: 'ephemeral', content: `Only <@${OWNER_ID}> can confirm this.` });
  });

  it('turns a failing run into a note on the message, logged', async () => {
    const { store } = clockedStore();
    const { logger, entries } = captureLogger();
    const button = store.add(OWNER_ID, purge('never', new Error('database unreachable')).confirmation);
    const decision = decideClick(store, { customId: button.customId, userId: OWNER_ID, ephemeral: false }, logger);
    if (decision.kind !== 'run') throw new Error(decision.kind);
    expect(await decision.answer()).toEqual({ kind: 'note', note: 'Something went wrong running `Purge 2 users`; the error was logged.' });
    expect(entries()).toContainEqual(expect.objectContaining({ msg: 'confirmation failed', err: expect.objectContaining({ message: 'database unreachable' }) }));
  });

  it('tells a double click that the first one is running', async () => {
    const { store } = clockedStore();
    let finish!: () => void;
    const button = store.add(OWNER_ID, { label: 'Slow', run: () => new Promise((resolve) => (finish = () => resolve('done'))) });
    const { logger } = captureLogger();
    const first = decideClick(store, { customId: button.customId, userId: OWNER_ID, ephemeral: false }, logger);
    if (first.kind !== 'run') throw new Error(first.kind);
    const running = first.answer();
    expect(await click(store, button.customId, OWNER_ID)).toEqual({ kind: 'ephemeral', content: 'Already confirmed; working on it.' });
    finish();
    expect(await running).toMatchObject({ kind: 'replace', messages: [{ content: 'done' }] });
  });

  it('keeps ephemerality for further messages and may chain another confirmation for the same user', async () => {
    const { store } = clockedStore();
    const button = store.add(OWNER_ID, {
      label: 'Step 1',
      style: 'primary',
      async run() {
        return ['first', { content: 'second', confirm: { label: 'Step 2', run: async () => 'all done' } }];
      },
    });
    expect(button.style).toBe('primary');
    const answer = await click(store, button.customId, OWNER_ID, true);
    if (answer.kind !== 'replace') throw new Error(answer.kind);
    expect(answer.messages.map((m) => [m.content, m.ephemeral])).toEqual([['first', true], ['second', true]]);
    const next = answer.messages[1]!.confirmButton!;
    expect(next).toMatchObject({ label: 'Step 2', style: 'danger' });
    expect(await click(store, next.customId, MEMBER_ID)).toMatchObject({ kind: 'ephemeral' });
    expect(await click(store, next.customId, OWNER_ID)).toMatchObject({ kind: 'replace', messages: [{ content: 'all done' }] });
  });

  it('ignores components that are not confirmation buttons', async () => {
    const { store } = clockedStore();
    expect(await click(store, 'someone-else:123', OWNER_ID)).toEqual({ kind: 'ignore' });
    expect(await click(store, `herald-confirm:${OWNER_ID}:short`, OWNER_ID)).toEqual({ kind: 'ignore' });
  });

  it('removes an unclicked button at expiry through the sent message, and not once clicked', async () => {
    // A frozen clock decides expiry on click; the removal timers run on real time. B's timer would
    // fire before A's, so by the time A's fires B's would have, had the click not cancelled it.
    const store = new ConfirmationStore({ now: () => 0 });
    const expired: string[] = [];
    const stale = store.add(OWNER_ID, { label: 'A', expiresInMs: 30, run: async () => 'a' });
    const clicked = store.add(OWNER_ID, { label: 'B', expiresInMs: 10, run: async () => 'b' });
    const removed = new Promise<void>((resolve) => {
      store.whenExpired(stale.customId, async () => {
        expired.push('A');
        resolve();
      });
    });
    store.whenExpired(clicked.customId, async () => void expired.push('B'));
    expect(await click(store, clicked.customId, OWNER_ID)).toMatchObject({ kind: 'replace' });
    await removed;
    expect(expired).toEqual(['A']);
    expect(await click(store, stale.customId, OWNER_ID)).toEqual({ kind: 'note', note: CONFIRM_EXPIRED });
    store.close();
  });
});
