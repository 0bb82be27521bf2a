import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { beginServatriceRegistration, startTcpProxy, type TcpProxy } from '@herald/testkit';
import { freePort, type AppProcess, type Stack, createStack } from './harness.js';
import { expectFinalList } from './quiet.js';

// Issue 7, §4–§7: the Servatrice poller under faults, through the built processes.

let stack: Stack | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await stack?.close();
  await proxy?.close();
  stack = proxy = undefined;
});

const usernames = (s: Stack) =>
  s.discord.messages().flatMap((m) => (m.embeds as Array<{ fields: Array<{ name: string; value: string }> }>).map((e) => e.fields[0]!.value));
const count = (app: AppProcess, pattern: RegExp) => app.text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
/** Log lines matching: one line may hold several stacks (an error and its cause). */
const countLines = (app: AppProcess, pattern: RegExp) => app.text.split('\n').filter((line) => pattern.test(line)).length;

async function startWeb(s: Stack): Promise<string> {
  const port = await freePort();
  const web = s.start('web', [], { HERALD_WEB_PORT: String(port), HERALD_WEB_HOST: '127.0.0.1' });
  await web.waitFor(/listening|started/i);
  return `http://127.0.0.1:${port}`;
}

/** Jobs of the poll queue that are waiting, delayed or failed: what a retry storm would pile up. */
async function pollJobsPiledUp(s: Stack): Promise<{ waiting: number; delayed: number; failed: number }> {
  const queue = new Queue('servatrice-poll', { connection: { url: s.redis.url }, prefix: s.redis.prefix });
  try {
    const c = await queue.getJobCounts('waiting', 'delayed', 'failed', 'prioritized');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
  } finally {
    await queue.close();
  }
}

describe('the Servatrice database unreachable', () => {
  it('at start with a wrong password: stays up while unreachable, then stops with the config error at its first answer', async () => {
    stack = await createStack();
    proxy = await startTcpProxy({ host: stack.servatrice.host, port: stack.servatrice.port });
    proxy.outage();
    const poller = stack.start('servatrice-poller', [], { DB_PORT: String(proxy.port), DB_PASSWORD: 'not-the-password' });
    await poller.waitFor(/Servatrice database unavailable/);
    expect(poller.child.exitCode).toBeNull();
    proxy.setMode('forward');
    const { code } = await poller.exited;
    expect(code).toBe(2);
    expect(poller.text).toMatch(/config error: DB_USER or \[database\] user: access denied for user/);
    expect(poller.text).not.toContain('not-the-password');
  }, 60_000);

  it('at start: the poller stays up, shows the source failing, logs the outage once, piles up no jobs, and takes the baseline when it is back', async () => {
    stack = await createStack();
    proxy = await startTcpProxy({ host: stack.servatrice.host, port: stack.servatrice.port });
    proxy.outage();
    const poller = stack.start('servatrice-poller', [], { DB_PORT: String(proxy.port) });
    const notifier = stack.start('notifier');
    const base = await startWeb(stack);
    await poller.waitFor(/Servatrice database unavailable/);

    // Dashboard and /metrics show the source failing although it has never polled successfully.
    await expect.poll(async () => (await fetch(`${base}/metrics`)).text(), { timeout: 10_000 }).toMatch(/herald_source_up\{source="servatrice:default"\} 0/);
    expect(await (await fetch(`${base}/`)).text()).toMatch(/servatrice:default[\s\S]*Servatrice database/);

    // Several attempts during the outage (the proxy counts connections), yet one log line and no pile-up.
    await expect.poll(() => proxy!.accepted, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    expect(count(poller, /unavailable/)).toBe(1);
    expect(countLines(poller, /"stack"/)).toBeLessThanOrEqual(1);
    expect(count(poller, /job failed|poll failed/)).toBe(0);
    const piled = await pollJobsPiledUp(stack);
    expect(piled.failed).toBe(0);
    expect(piled.waiting + piled.delayed).toBeLessThanOrEqual(1);
    expect(poller.child.exitCode).toBeNull();

    // Back: the baseline is taken within a few seconds, and registrations are posted.
    const cameBack = Date.now();
    proxy.setMode('forward');
    await poller.waitFor(/first run: baseline/, 10_000);
    expect(Date.now() - cameBack).toBeLessThan(8_000);
    await poller.waitFor(/Servatrice database is back/); // logged once the poll has returned
    expect(count(poller, /Servatrice database is back/)).toBe(1);
    await notifier.waitFor(/notifier started/);
    await stack.register('after-outage');
    await expect.poll(() => usernames(stack!), { timeout: 10_000 }).toEqual(['after-outage']);
    await expect.poll(async () => (await fetch(`${base}/metrics`)).text(), { timeout: 10_000 }).toMatch(/herald_source_up\{source="servatrice:default"\} 1/);

    // The same outage in the middle of a run: one more "unavailable", one more "is back", nothing missed.
    proxy.outage();
    await poller.waitFor(/(unavailable[\s\S]*){2}/);
    await stack.register('during-outage');
    proxy.setMode('forward');
    await poller.waitFor(/(Servatrice database is back[\s\S]*){2}/, 35_000);
    await expectFinalList(stack!, () => usernames(stack!), ['after-outage', 'during-outage'], 10_000);
    expect(count(poller, /unavailable/)).toBe(2);
  }, 90_000);
});

describe('id gaps: order and late commits (default gapGrace, 10 s)', () => {
  it('posts registrations committed in shuffled order within the grace in id order', async () => {
    stack = await createStack();
    const poller = stack.start('servatrice-poller', [], { SERVATRICE_GAP_GRACE: '10s' });
    const notifier = stack.start('notifier');
    await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);
    const pending = [];
    for (let i = 0; i < 6; i++) pending.push(await beginServatriceRegistration(stack.servatrice, { name: `u${i}`, email: `u${i}@example.org` }));
    // Commit order 3, 1, 5, 0, 4, 2, with pauses so the poller sees every intermediate state.
    for (const i of [3, 1, 5, 0, 4, 2]) {
      await pending[i]!.commit();
      await new Promise((resolve) => setTimeout(resolve, 300)); // time between commits is the scenario itself
    }
    await expectFinalList(stack, () => usernames(stack!), ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'], 15_000);
  }, 60_000);

  it('posts an account whose insert commits 30 s after a higher id, and says it is late', async () => {
    stack = await createStack();
    const poller = stack.start('servatrice-poller');
    const notifier = stack.start('notifier');
    await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);
    const late = await beginServatriceRegistration(stack.servatrice, { name: 'late', email: 'late@example.org' });
    await stack.register('early'); // a higher id, committed first
    const earlyCommitted = Date.now();
    // `early` waits out the grace above the open gap, then is posted.
    await expect.poll(() => usernames(stack!), { timeout: 20_000 }).toEqual(['early']);
    await poller.waitFor(/id gap outlived the grace period/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, earlyCommitted + 30_000 - Date.now()))); // the scenario: 30 s late
    await late.commit();
    await expectFinalList(stack!, () => usernames(stack!), ['early', 'late'], 10_000);
    await poller.waitFor(new RegExp(`"accountId":${late.id}[^\\n]*committed late`));
  }, 90_000);
});
