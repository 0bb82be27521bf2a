import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRoutes, compileRouter } from '../packages/pipeline/src/index.js';
import { createTestDatabase, DemoGuild, demoIbcSettings, demoWalletSubscriptions, ibcDemoTimings, IbcDemo } from '@herald/testkit';
import { createSqlPool } from '@herald/db/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig as loadIbcPollerConfig } from '../apps/ibc-poller/src/config.js';
import { loadConfig as loadNotifierConfig } from '../apps/notifier/src/config.js';
import { loadConfig as loadPollerConfig } from '../apps/servatrice-poller/src/config.js';
import { loadWebConfig } from '../apps/web/src/config.js';
import * as ibcPackage from '../packages/ibc/src/index.js';
import { demoHeraldYaml, registerIbcDemo, wantsIbcPoller } from '../scripts/lib/ibc-demo.mjs';
import { repoPath } from './compose-file.js';

// `npm start` in demo mode writes HERALD_CONFIG from the simulated chains: every app must accept it,
// and its thresholds must be the ones the simulated relayer's timings were written for.
describe('the demo HERALD_CONFIG written by npm start', () => {
  let demo: IbcDemo;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    demo = await IbcDemo.start();
    dir = mkdtempSync(join(tmpdir(), 'herald-demo-config-'));
    writeFileSync(join(dir, 'herald.yaml'), await demoHeraldYaml(DemoGuild, demoIbcSettings(demo.chainEndpoints)));
    env = {
      HERALD_CONFIG: join(dir, 'herald.yaml'),
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/herald_demo',
      DISCORD_BOT_TOKEN: 'demo-bot-token',
      CONFIG_FILE: repoPath('infra/monitor.ini.example'),
    };
  });
  afterAll(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is accepted by the ibc-poller, with thresholds and intervals that suit the 15-minute trusting periods', () => {
    const { ibc } = loadIbcPollerConfig([], env).herald;
    expect(ibc.chains.map((c) => [c.chainId, c.rpc])).toEqual(demo.chainEndpoints.map((c) => [c.chainId, c.rpc]));
    expect(ibc.thresholds).toEqual({ warningElapsed: ibcDemoTimings.warningElapsed, criticalLeft: ibcDemoTimings.criticalLeftSeconds * 1000 });
    expect([ibc.pollInterval, ibc.walletInterval, ibc.expiredPollInterval, ibc.reminderInterval]).toEqual([10_000, 10_000, 20_000, 60_000]);
    expect(ibc.monitor).toEqual([
      { chainId: 'demo-hub-1', connections: 'all' },
      { chainId: 'demo-osmo-1', connections: ['connection-0', 'connection-1'] },
    ]);
    expect(ibc.statusDestinations).toEqual(['alerts']);
    // Every demo wallet is on a configured chain.
    for (const w of demoWalletSubscriptions()) expect(ibc.chains.map((c) => c.chainId)).toContain(w.chainId);
  });

  it('routes every ibc.* event to #alerts pinging the moderator role, and servatrice sign-ups as before', () => {
    const { herald } = loadPollerConfig([], env);
    checkRoutes(herald.routes, Object.keys(herald.destinations));
    const route = compileRouter(herald.routes, new Map([['alerts', 1]]));
    for (const type of ['ibc.client.warning', 'ibc.wallet.low', 'ibc.chain.unreachable', 'servatrice.account.registered'] as const) {
      expect(route({ type, severity: 'info' })).toEqual([{ destinationId: 1, mentions: { roles: [DemoGuild.roles.moderator.id], users: [] } }]);
    }
    expect(herald.destinations.alerts).toEqual({ channel: DemoGuild.channels.alerts.id, label: '#alerts' });
  });

  it('is accepted by the notifier and the web app too', () => {
    expect(loadNotifierConfig(env).discord.bot?.token).toBe('demo-bot-token');
    expect(loadWebConfig(env).web.port).toBe(3000);
  });

  it('makes npm start run the IBC poller, which it does not for a file without ibc chains', async () => {
    expect(await wantsIbcPoller(env.HERALD_CONFIG)).toBe(true);
    expect(await wantsIbcPoller(repoPath('infra/herald.yaml'))).toBe(false);
    expect(await wantsIbcPoller(undefined)).toBe(false);
    writeFileSync(join(dir, 'empty-ibc.yaml'), 'ibc:\n  chains: []\n');
    expect(await wantsIbcPoller(join(dir, 'empty-ibc.yaml'))).toBe(false);
  });

  it('registers the demo chains and wallets for their owners, and may run again at the next start', async () => {
    const database = await createTestDatabase('herald_ibc_demo');
    const pool = createSqlPool({ url: database.url, max: 1 });
    try {
      const state = { ibc: demoIbcSettings(demo.chainEndpoints), wallets: demoWalletSubscriptions() };
      await registerIbcDemo(database.url, state, ibcPackage);
      await registerIbcDemo(database.url, state, ibcPackage);
      const wallets = await ibcPackage.listWallets(pool);
      expect(wallets.map((w) => [w.address, w.chainId, w.ownerId, w.threshold])).toEqual(
        [...demoWalletSubscriptions()].sort((a, b) => a.chainId.localeCompare(b.chainId)).map((w) => [w.address, w.chainId, w.ownerId, BigInt(w.threshold)]),
      );
      expect((await ibcPackage.listChains(pool)).map((c) => [c.chainId, c.origin, c.endpoints])).toEqual([
        ['demo-hub-1', 'config', 2],
        ['demo-juno-1', 'config', 1],
        ['demo-osmo-1', 'config', 1],
      ]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
