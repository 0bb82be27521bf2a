import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBech32 } from '@cosmjs/encoding';
import { syncConfiguredChains } from '../chain-store.js';
import { FakeCosmosChain } from '@herald/testkit';
import { ALICE, BOB, startHarness, text, type Harness } from './test-support.js';

const cosmos = (n: number) => toBech32('cosmos', new Uint8Array(20).fill(n));
const osmo = (n: number) => toBech32('osmo', new Uint8Array(20).fill(n));

let h: Harness;
let osmosis: FakeCosmosChain;
beforeAll(async () => {
  h = await startHarness();
  // A configured chain whose every endpoint is down: registration must still work.
  osmosis = await FakeCosmosChain.start({ chainId: 'osmosis-1', bech32Prefix: 'osmo' });
  osmosis.setDown(true);
  await syncConfiguredChains(h.db, [
    { chainId: 'osmosis-1', name: 'Osmosis', rpc: [osmosis.url], bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO', exponent: 6 },
  ]);
});
afterAll(async () => {
  await osmosis.close();
  await h.close();
});

async function walletRow(address: string) {
  const { rows } = await h.db.query<{ owner_id: string; chain_id: string; threshold: string; balance: string | null }>(
    'SELECT owner_id, chain_id, threshold::text, balance::text FROM ibc_wallets WHERE address = $1',
    [address],
  );
  return rows[0];
}

describe('register: bad input gets the usage and a reason, and writes nothing', () => {
  const refusals: Array<[string, string, RegExp]> = [
    ['a wrong prefix', `${osmo(1)} cosmoshub-4 0.5`, /^The address `osmo1\w+` is an osmo address; chain cosmoshub-4 uses cosmos\.$/m],
    ['a bad checksum', `${cosmos(1).slice(0, -1)}x cosmoshub-4 0.5`, /^The address `cosmos1\w+` is not a bech32 address \(bad checksum\)\.$/m],
    ['an unknown chain', `${cosmos(1)} juno-1 0.5`, /^Unknown chain `juno-1`\. Known chains: `cosmoshub-4`, `osmosis-1`\.$/m],
    ['a negative threshold', `${cosmos(1)} cosmoshub-4 -1`, /^The threshold `-1` must be positive, not negative\. It is in ATOM \(1 ATOM = 10\^6 uatom\)\.$/m],
    ['a zero threshold', `${cosmos(1)} cosmoshub-4 0`, /^The threshold `0` must be more than zero\./m],
    ['a non-numeric threshold', `${cosmos(1)} cosmoshub-4 lots`, /^The threshold `lots` is not a number; give an amount such as 0\.5 or 2\./m],
    ['a too precise threshold', `${cosmos(1)} cosmoshub-4 0.0000001`, /^The threshold `0\.0000001` has more than 6 decimals, the token's precision\./m],
    ['exponent notation', `${cosmos(1)} cosmoshub-4 1e3`, /^The threshold `1e3` is in exponent notation/m],
  ];

  it.each(refusals)('refuses %s (prefix)', async (_what, args, reason) => {
    const reply = await h.prefix(`$register ${args}`);
    expect(reply).toHaveLength(1);
    expect(reply[0]!.content).toMatch(reason);
    expect(reply[0]!.content).toMatch(/\nUsage: `\$register <address> <chain_id> <threshold>`$/);
    expect(await walletRow(cosmos(1))).toBeUndefined();
    expect(await walletRow(osmo(1))).toBeUndefined();
  });

  it.each(refusals)('refuses %s (slash, visible to the caller only)', async (_what, args, reason) => {
    const [address, chain_id, threshold] = args.split(' ') as [string, string, string];
    const reply = await h.slash('register', { address, chain_id, threshold });
    expect(reply[0]).toMatchObject({ ephemeral: true, content: expect.stringMatching(reason) });
    expect(reply[0]!.content).toMatch(/\nUsage: `\/register address:<address> chain_id:<chain_id> threshold:<threshold>`$/);
    expect(await walletRow(cosmos(1))).toBeUndefined();
  });

  it('refuses a missing argument with the usage (the framework)', async () => {
    const [reply] = await h.prefix(`$register ${cosmos(1)} cosmoshub-4`);
    expect(reply!.content).toBe('Missing `threshold`.\nUsage: `$register <address> <chain_id> <threshold>`');
  });
});

describe('register', () => {
  it('stores the wallet, owned by the caller, and answers with the threshold and the balance read once', async () => {
    h.hub.setBalance(cosmos(2), 'uatom', 12_500_000n);
    const [reply] = await h.prefix(`$register ${cosmos(2)} cosmoshub-4 0.5`);
    expect(reply!.content).toBe(
      `Tracking wallet \`${cosmos(2)}\` on Cosmos Hub (\`cosmoshub-4\`): alert when its balance falls below **0.5 ATOM**.\nCurrent balance: **12.5 ATOM**.`,
    );
    expect(reply!.ephemeral).toBe(false);
    expect(await walletRow(cosmos(2))).toEqual({ owner_id: ALICE, chain_id: 'cosmoshub-4', threshold: '500000', balance: '12500000' });
  });

  it('says when the balance is already below the threshold, and stores an upper-case address in lower case', async () => {
    h.hub.setBalance(cosmos(3), 'uatom', 1_000n);
    const reply = await h.slash('register', { address: cosmos(3).toUpperCase(), chain_id: 'cosmoshub-4', threshold: '2' });
    expect(text(reply)).toContain('Current balance: **0.001 ATOM** 🪫 already below the threshold.');
    expect(await walletRow(cosmos(3))).toMatchObject({ owner_id: ALICE, threshold: '2000000' });
  });

  it('lets the owner change the threshold', async () => {
    await h.prefix(`$register ${cosmos(4)} cosmoshub-4 1`);
    const [reply] = await h.prefix(`$register ${cosmos(4)} cosmoshub-4 2.25`);
    expect(reply!.content).toMatch(/^Updated wallet `cosmos1\w+` on Cosmos Hub \(`cosmoshub-4`\): alert when its balance falls below \*\*2\.25 ATOM\*\* \(was 1 ATOM\)\./);
    expect(await walletRow(cosmos(4))).toMatchObject({ threshold: '2250000' });
  });

  it("refuses someone else's wallet, naming its owner without pinging, and changes nothing (the seed overwrote it)", async () => {
    await h.prefix(`$register ${cosmos(5)} cosmoshub-4 1`, ALICE);
    const [reply] = await h.prefix(`$register ${cosmos(5)} cosmoshub-4 100`, BOB);
    expect(reply!.content).toBe(`Wallet \`${cosmos(5)}\` is already registered by <@${ALICE}>. Only they, or a moderator with \`deregister\`, can change it.`);
    expect(reply!.allowedMentions).toEqual({ parse: [] });
    expect(await walletRow(cosmos(5))).toMatchObject({ owner_id: ALICE, threshold: '1000000' });
  });

  it('registers on a chain that cannot be reached, saying the balance comes with the next poll', async () => {
    const [reply] = await h.prefix(`$register ${osmo(6)} osmosis-1 10`);
    expect(reply!.content).toMatch(/^Tracking wallet `osmo1\w+` on Osmosis \(`osmosis-1`\): alert when its balance falls below \*\*10 OSMO\*\*\./);
    expect(reply!.content).toMatch(/\nThe balance could not be read now \(no RPC endpoint of `osmosis-1` answered \(http:\/\/127\.0\.0\.1:\d+: connection failed \(\w+\)\)\); it will be read on the next wallet poll\.$/);
    expect(await walletRow(osmo(6))).toEqual({ owner_id: ALICE, chain_id: 'osmosis-1', threshold: '10000000', balance: null });
  });
});
