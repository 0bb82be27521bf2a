import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ALLOWED } from '@herald/bot';
import { FakeCosmosChain } from '@herald/testkit';
import { findChain } from '../chain-store.js';
import { ALICE, MODERATOR, GUILD_OWNER, startHarness, text, type Harness } from './test-support.js';

let h: Harness;
const nodes: FakeCosmosChain[] = [];
beforeAll(async () => {
  h = await startHarness({ requestTimeoutMs: 500 });
});
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.close();
  await h.db.query("DELETE FROM ibc_chains WHERE origin = 'command'");
});
afterAll(() => h.close());

async function node(options: { chainId: string; bech32Prefix?: string; mintDenom?: string | null }): Promise<FakeCosmosChain> {
  const started = await FakeCosmosChain.start(options);
  nodes.push(started);
  return started;
}

describe('register_chain', () => {
  it('is privileged: a member is refused and nothing is stored', async () => {
    const osmosis = await node({ chainId: 'osmosis-1', bech32Prefix: 'osmo', mintDenom: 'uosmo' });
    const [reply] = await h.prefix(`$register_chain OSMOSIS ${osmosis.url} OSMO 6`, ALICE);
    expect(reply!.content).toBe(NOT_ALLOWED);
    expect(osmosis.requests()).toEqual([]);
    expect(await findChain(h.db, 'osmosis-1')).toBeUndefined();
  });

  it("stores the chain with the chain id, mint denom and bech32 prefix the node gives (origin 'command')", async () => {
    const osmosis = await node({ chainId: 'osmosis-1', bech32Prefix: 'osmo', mintDenom: 'uosmo' });
    const [reply] = await h.prefix(`$register_chain OSMOSIS ${osmosis.url} OSMO 6`, MODERATOR);
    expect(reply!.content).toBe(
      [
        'Added chain **OSMOSIS** with data:',
        '',
        'Chain id: **osmosis-1**',
        'Denom: **uosmo**',
        'Token name: **OSMO**',
        'Token decimals: **6**',
        'Bech32 prefix: **osmo**',
        `RPC: ${osmosis.url}`,
        '',
        'Wallets on it can now be registered, and it can be a counterparty chain. Watching its own connections is set in HERALD_CONFIG (`ibc.monitor`).',
        "If the data isn't correct, run the command again with the right information or contact an administrator.",
      ].join('\n'),
    );
    expect(await findChain(h.db, 'osmosis-1')).toEqual({
      chainId: 'osmosis-1',
      name: 'OSMOSIS',
      rpc: [osmosis.url],
      bech32Prefix: 'osmo',
      denom: 'uosmo',
      displayDenom: 'OSMO',
      exponent: 6,
      origin: 'command',
    });
    const { rows } = await h.db.query<{ registered_by: string }>("SELECT registered_by FROM ibc_chains WHERE chain_id = 'osmosis-1'");
    expect(rows[0]!.registered_by).toBe(MODERATOR);

    // Run again (slash, by the server owner): an update of the chain it added.
    const again = await h.slash('register_chain', { chain_name: 'Osmosis', rpc_url: osmosis.url, token_name: 'OSMO', token_decimals: 6 }, GUILD_OWNER);
    expect(text(again)).toMatch(/^Updated chain \*\*Osmosis\*\* with data:/);
    // Now usable by register.
    const registered = await h.prefix('$register osmo1qcrqvpsxqcrqvpsxqcrqvpsxqcrqvpsx6c4tuj osmosis-1 1', ALICE);
    expect(text(registered)).toMatch(/^Tracking wallet `osmo1\w+` on Osmosis \(`osmosis-1`\)/);
    await h.db.query('DELETE FROM ibc_wallets');
  });

  it("answers the seed's bad_denom when the mint denom does not contain the token name, with the command line to confirm it", async () => {
    const osmosis = await node({ chainId: 'osmosis-1', bech32Prefix: 'osmo', mintDenom: 'uosmo' });
    const [reply] = await h.prefix(`$register_chain OSMOSIS ${osmosis.url} ATOM 6`, MODERATOR);
    expect(reply!.content).toBe(
      [
        "The token name does not seem to match the chain's base denom: found `uosmo`, which does not contain `ATOM`.",
        '',
        'If you are confident it is correct, run the command again with this base denom at the end:',
        `\`$register_chain OSMOSIS ${osmosis.url} ATOM 6 uosmo\``,
        '',
        'If it still fails, contact an administrator.',
      ].join('\n'),
    );
    expect(await findChain(h.db, 'osmosis-1')).toBeUndefined();
    // Given explicitly, the denom is taken as it is (as the seed did).
    expect(text(await h.prefix(`$register_chain OSMOSIS ${osmosis.url} ATOM 6 uosmo`, MODERATOR))).toMatch(/^Added chain/);
  });

  it("answers the seed's no_denom when the node has no mint module (after trying the chain-named module)", async () => {
    const noble = await node({ chainId: 'noble-1', bech32Prefix: 'noble', mintDenom: null });
    const [reply] = await h.slash('register_chain', { chain_name: 'Noble', rpc_url: noble.url, token_name: 'USDC', token_decimals: 6 }, MODERATOR);
    expect(reply!.content).toContain("Couldn't retrieve the token denom: the node has no mint module parameters.");
    expect(reply!.content).toContain(`\`/register_chain chain_name:Noble rpc_url:${noble.url} token_name:USDC token_decimals:6 denom:<denom>\``);
    expect(noble.requests({ path: '/noble.mint.v1beta1.Query/Params' })).toHaveLength(1);
    expect(await findChain(h.db, 'noble-1')).toBeUndefined();
    expect(text(await h.slash('register_chain', { chain_name: 'Noble', rpc_url: noble.url, token_name: 'USDC', token_decimals: 6, denom: 'uusdc' }, MODERATOR))).toMatch(
      /Denom: \*\*uusdc\*\*/,
    );
  });

  it('never repeats an RPC URL that holds a password, path or query, and notes a denom that is not the mint denom', async () => {
    const delta = await node({ chainId: 'delta-1', bech32Prefix: 'delta', mintDenom: 'udelta' });
    const secret = delta.url.replace('http://', 'http://dave:DAVEPW@') + '/?apikey=DAVEKEY';
    const [reply] = await h.prefix(`$register_chain DELTA ${secret} FOO 6`, MODERATOR);
    expect(reply!.content).toContain('`$register_chain DELTA <your RPC URL> FOO 6 udelta`');
    expect(reply!.content).not.toMatch(/DAVEPW|DAVEKEY/);
    const added = text(await h.prefix(`$register_chain DELTA ${delta.url} DELTA 6 uwrong`, MODERATOR));
    expect(added).toMatch(/^Added chain/);
    expect(added).toContain("Note: the node's mint denom is `udelta`; balances on this chain will be read in `uwrong`.");
  });

  it('does not overwrite a chain configured in HERALD_CONFIG', async () => {
    const impostor = await node({ chainId: 'cosmoshub-4', bech32Prefix: 'cosmos', mintDenom: 'uatom' });
    const [reply] = await h.prefix(`$register_chain HUB ${impostor.url} ATOM 6`, MODERATOR);
    expect(reply!.content).toBe('`cosmoshub-4` is configured in HERALD_CONFIG (`ibc.chains`): change it there. `register_chain` only adds chains, or updates the ones it added.');
    expect(await findChain(h.db, 'cosmoshub-4')).toMatchObject({ name: 'Cosmos Hub', rpc: [h.hub.url], origin: 'config' });
  });

  it('reads the bech32 prefix from the node, or takes it as the last argument from an older node', async () => {
    const old = await node({ chainId: 'old-1', bech32Prefix: 'old', mintDenom: 'uold' });
    old.setPathError('/cosmos.auth.v1beta1.Query/Bech32Prefix', { code: 6, log: 'unknown query path' });
    const [missing] = await h.prefix(`$register_chain OLD ${old.url} OLD 6`, MODERATOR);
    expect(missing!.content).toContain(`Run the command again with it at the end:\n\`$register_chain OLD ${old.url} OLD 6 uold <prefix>\``);
    expect(text(await h.prefix(`$register_chain OLD ${old.url} OLD 6 uold old`, MODERATOR))).toContain('Bech32 prefix: **old**');

    const osmosis = await node({ chainId: 'osmosis-1', bech32Prefix: 'osmo', mintDenom: 'uosmo' });
    const [wrong] = await h.prefix(`$register_chain OSMOSIS ${osmosis.url} OSMO 6 uosmo cosmos`, MODERATOR);
    expect(wrong!.content).toBe('The node says addresses on `osmosis-1` start with `osmo`, not `cosmos`.');
  });

  it('explains an RPC node that does not answer in time, or at all, and a URL that is not one', async () => {
    const stuck = await node({ chainId: 'stuck-1' });
    stuck.setHang(true);
    const [late] = await h.prefix(`$register_chain STUCK ${stuck.url} STK 6`, MODERATOR);
    expect(late!.content).toBe(`The RPC node ${stuck.url} did not answer within 0.5 s. Try again in a few minutes; if it still fails, try another node.`);

    const down = await node({ chainId: 'down-1' });
    down.setDown(true);
    const [refused] = await h.prefix(`$register_chain DOWN ${down.url}/secret-key?token=abc DWN 6`, MODERATOR);
    expect(refused!.content).toMatch(new RegExp(`^Could not query the RPC node ${down.url}: connection failed \\(\\w+\\)\\.$`));
    expect(refused!.content).not.toContain('secret');

    const [notUrl] = await h.prefix('$register_chain X rpc.example.com X 6', MODERATOR);
    expect(notUrl!.content).toBe(
      'The RPC URL `rpc.example.com` is not a URL (e.g. https://rpc.example.com).\nUsage: `$register_chain <chain_name> <rpc_url> <token_name> <token_decimals> [denom] [bech32_prefix]`',
    );
    const [decimals] = await h.prefix(`$register_chain X ${down.url} X six`, MODERATOR);
    expect(decimals!.content).toMatch(/^`token_decimals` must be a whole number, got `six`\.\nUsage: /);
  });
});
