import { account, engineFixture } from './test-support.js';
const f = await engineFixture({ globalRequestsPerSecond: 100000 });
f.discord.setLimits({ webhook: 'unlimited' });
const ids = await f.record(Array.from({ length: 5000 }, (_, i) => account(i + 1)));
const stats = new Map<string, { n: number; ms: number }>();
const orig = f.pool.query.bind(f.pool);
(f.pool as any).query = async (...args: any[]) => {
  const t0 = performance.now();
  try { return await (orig as any)(...args); } finally {
    const key = String(args[0]).replace(/\s+/g, ' ').slice(0, 60);
    const e = stats.get(key) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t0; stats.set(key, e);
  }
};
const engine = f.engine({ drainBudgetMs: 60_000 });
const t = performance.now();
await engine.deliverEvent(ids[0]!);
await f.discord.waitForMessages(500, { timeoutMs: 60000 });
const ms = performance.now() - t;
console.log('delivered', await f.db.delivery.count({ where: { status: 'delivered' } }), 'in', Math.round(ms), 'ms =>', Math.round(5000 / (ms / 1000)), 'events/s');
for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log(v.n, Math.round(v.ms), 'ms total', (v.ms / v.n).toFixed(2), 'ms avg', k);
await f.close();
