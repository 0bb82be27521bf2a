import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, FakeCosmosChain, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from '../chain-store.js';
import { address } from '../test-harness.js';
import { expandExponent, importSeed, rpcProbe, SeedFileError, type ImportLine } from './index.js';

const OWNER = '123456789012345678';
const hubWallet = address('cosmos', 1);
const osmoWallet = address('osmo', 2);
const nobleWallet = address('noble', 3);
const badChecksum = `${hubWallet.slice(0, -1)}${hubWallet.endsWith('q') ? 'p' : 'q'}`;

const chainsPy = `# chains known to the bot (rewritten by $register_chain)
chain_data = [{'api': 'https://rest.sentry-01.theta-testnet.polypore.xyz',
  'chain_id': 'hub-1',
  'chain_name': 'COSMOS',
  'denom': 'uatom',
  'exponent': 6,
  'full_denom': 'ATOM'},
 {'api': 'https://lcd.osmotest5.osmosis.zone', 'chain_id': 'osmo-1', 'chain_name': 'OSMOSIS', 'denom': 'uosmo', 'exponent': 6, 'full_denom': 'OSMO'},
 {'api': 'https://api.testnet.noble.strange.love', 'chain_id': 'grand-1', 'chain_name': 'NOBLE', 'exponent': 6, 'full_denom': 'USDC'},
]
`;
const walletsPy = `tracked_wallets = {'${hubWallet}': ['hub-1', '<@${OWNER}>', 2.0],
 '${osmoWallet}': ['osmo-1', '<@${OWNER}>', 1e-05],
 '${nobleWallet}': ['grand-1', '<@!${OWNER}>', 0.5],
 '${badChecksum}': ['hub-1', '<@${OWNER}>', 1.0],
 '${address('juno', 4)}': ['juno-1', '<@${OWNER}>', 1.0],
 '${address('cosmos', 5)}': ['hub-1', 'someone', 1.0],
 '${address('cosmos', 6)}': ['hub-1', '<@${OWNER}>', 0.0000001],
}
`;

let database: TestDatabase;
let db: SqlPool;
let dir: string;
let noble: FakeCosmosChain;
const summary = (lines: ImportLine[]) => lines.map((l) => `${l.kind} ${l.id} ${l.outcome}`);
const snapshot = async () => ({
  chains: (await db.query('SELECT chain_id, rpc, bech32_prefix, denom, display_denom, exponent, origin FROM ibc_chains ORDER BY chain_id')).rows,
  wallets: (await db.query('SELECT address, chain_id, owner_id, threshold::text FROM ibc_wallets ORDER BY address')).rows,
});

describe('seed importer', () => {
  beforeEach(async () => {
    [database, noble, dir] = await Promise.all([
      createTestDatabase('herald_ibc_import'),
      FakeCosmosChain.start({ chainId: 'grand-1', bech32Prefix: 'noble', mintDenom: 'uusdc' }),
      mkdtemp(join(tmpdir(), 'herald-seed-')),
    ]);
    db = createSqlPool({ url: database.url });
    // hub-1 is configured in HERALD_CONFIG: used as it is.
    await syncConfiguredChains(db, [{ chainId: 'hub-1', name: 'Cosmos Hub', rpc: ['http://127.0.0.1:1'], bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6 }]);
    await writeFile(join(dir, 'chains.py'), chainsPy);
    await writeFile(join(dir, 'tracked_wallets.py'), walletsPy);
  });
  afterEach(async () => {
    await db.end();
    await Promise.all([database.drop(), noble.close(), rm(dir, { recursive: true })]);
  });

  it('imports what it can, says why for the rest, and changes nothing when run again', async () => {
    const rpc = new Map([['grand-1', [noble.url]]]);
    const lines = await importSeed({ db, dir, rpc, probe: rpcProbe(2000) });
    expect(summary(lines)).toEqual([
      'chain hub-1 unchanged',
      'chain osmo-1 skipped',
      'chain grand-1 created',
      `wallet ${hubWallet} created`,
      `wallet ${osmoWallet} failed`,
      `wallet ${nobleWallet} created`,
      `wallet ${badChecksum} failed`,
      `wallet ${address('juno', 4)} failed`,
      `wallet ${address('cosmos', 5)} failed`,
      `wallet ${address('cosmos', 6)} failed`,
    ]);
    const byId = new Map(lines.map((l) => [l.id, l.message]));
    expect(byId.get('osmo-1')).toContain('--import-rpc osmo-1=<rpc url>');
    expect(byId.get('osmo-1')).toContain('https://lcd.osmotest5.osmosis.zone');
    expect(byId.get('grand-1')).toContain('denom uusdc from the node');
    expect(byId.get(badChecksum)).toContain('bad checksum');
    expect(byId.get(address('cosmos', 5))).toContain('not a Discord user mention');
    expect(byId.get(address('cosmos', 6))).toContain('more than 6 decimals');

    const first = await snapshot();
    expect(first.chains).toContainEqual({ chain_id: 'grand-1', rpc: [noble.url], bech32_prefix: 'noble', denom: 'uusdc', display_denom: 'USDC', exponent: 6, origin: 'command' });
    expect(first.wallets).toEqual(
      expect.arrayContaining([
        { address: hubWallet, chain_id: 'hub-1', owner_id: OWNER, threshold: '2000000' },
        { address: nobleWallet, chain_id: 'grand-1', owner_id: OWNER, threshold: '500000' },
      ]),
    );
    expect(first.wallets).toHaveLength(2);

    const again = await importSeed({ db, dir, rpc, probe: rpcProbe(2000) });
    expect(again.filter((l) => l.outcome === 'created')).toEqual([]);
    expect(summary(again).slice(0, 4)).toEqual(['chain hub-1 unchanged', 'chain osmo-1 skipped', 'chain grand-1 unchanged', `wallet ${hubWallet} unchanged`]);
    expect(await snapshot()).toEqual(first);
  });

  it("keeps a wallet someone registered in Herald, and converts Python's exponent notation exactly", async () => {
    await db.query(`INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold) VALUES ($1, 'hub-1', '999999999999999999', 7)`, [hubWallet]);
    const osmo = await FakeCosmosChain.start({ chainId: 'osmo-1', bech32Prefix: 'osmo' });
    try {
      const lines = await importSeed({ db, dir, rpc: new Map([['osmo-1', [osmo.url]]]), probe: rpcProbe(2000) });
      expect(lines.find((l) => l.id === hubWallet)).toMatchObject({ outcome: 'kept' });
      expect(lines.find((l) => l.id === osmoWallet)).toMatchObject({ outcome: 'created' });
      const { rows } = await db.query('SELECT owner_id, threshold::text FROM ibc_wallets WHERE address = $1', [osmoWallet]);
      expect(rows).toEqual([{ owner_id: OWNER, threshold: '10' }]); // 1e-05 OSMO = 10 uosmo
      expect((await db.query('SELECT owner_id FROM ibc_wallets WHERE address = $1', [hubWallet])).rows).toEqual([{ owner_id: '999999999999999999' }]);
    } finally {
      await osmo.close();
    }
  });

  it('refuses an RPC URL that serves another chain, and an option for a chain the seed does not have', async () => {
    const lines = await importSeed({ db, dir, rpc: new Map([['osmo-1', [noble.url]], ['nope-1', ['http://127.0.0.1:1']]]), probe: rpcProbe(2000) });
    expect(lines.find((l) => l.id === 'osmo-1')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('serves grand-1, not osmo-1') });
    expect(lines.find((l) => l.id === 'nope-1')).toMatchObject({ kind: 'option', outcome: 'failed' });
  });

  it('reports a file it cannot parse', async () => {
    await writeFile(join(dir, 'chains.py'), 'chain_data = [{"chain_id": os.environ["X"]}]');
    await expect(importSeed({ db, dir, rpc: new Map(), probe: rpcProbe(2000) })).rejects.toThrow(SeedFileError);
    await expect(importSeed({ db, dir, rpc: new Map(), probe: rpcProbe(2000) })).rejects.toThrow(/chains\.py: chain_data: "os" is not a literal/);
  });

  it('refuses a directory that holds neither seed file, naming it', async () => {
    const missing = join(dir, 'no-such-dir');
    await expect(importSeed({ db, dir: missing, rpc: new Map(), probe: rpcProbe(2000) })).rejects.toThrow(`${missing}: neither chains.py nor tracked_wallets.py is there`);
  });

  it('expands exponent notation without floats', () => {
    expect(expandExponent('1e-05')).toBe('0.00001');
    expect(expandExponent('2.5e3')).toBe('2500');
    expect(expandExponent('1.25e1')).toBe('12.5');
    expect(expandExponent('2.0')).toBe('2.0');
  });
});
