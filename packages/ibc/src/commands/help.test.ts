import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, MODERATOR, startHarness, text, type Harness } from './test-support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('help lists the IBC commands with their usage (the seed’s /help was never published, and its usages were wrong)', () => {
  it('in prefix style, hiding register_chain from members', async () => {
    const shown = text(await h.prefix('$help', ALICE));
    expect(shown.split('\n').slice(1, -1)).toEqual([
      '`$help [command]` — Lists the commands you can use, or explains one command.',
      '`$data [chain_id]` — Lists the tracked IBC light clients: state, time to expiry, percent left, last check.',
      '`$wallets` — Lists the tracked relayer wallets: balance, alert threshold, state and runway.',
      "`$wallet <address>` — Shows a registered wallet's balance, read live from its chain.",
      '`$my_wallets` — Shows the balances of the wallets you registered, read live from their chains.',
      '`$register <address> <chain_id> <threshold>` — Registers a relayer wallet for low-balance alerts (threshold in tokens, e.g. 0.5).',
      '`$deregister <address>` — Stops balance alerts for a wallet (only the member who registered it, or a moderator).',
    ]);
    expect(text(await h.prefix('$help', MODERATOR))).toContain(
      "`$register_chain <chain_name> <rpc_url> <token_name> <token_decimals> [denom] [bech32_prefix]` — Adds a chain for wallets and counterparties, checking its RPC node's chain id and denom.",
    );
  });

  it('explains one command, with its options, in slash style', async () => {
    const shown = text(await h.slash('help', { command: 'register' }));
    expect(shown).toContain('Usage: `/register address:<address> chain_id:<chain_id> threshold:<threshold>`');
    expect(shown).toContain('• `threshold` (required, text, up to 100 characters): Alert when the balance falls below this many tokens (display units, e.g. 0.5)');
  });

  it('suggests chain ids for slash autocomplete', async () => {
    const option = h.registry.get('register')!.options.chain_id!;
    const complete = 'autocomplete' in option ? option.autocomplete : undefined;
    const context = { deps: h.deps, userId: ALICE, guildId: null, channelId: '1' };
    expect(await complete!(context, 'juno')).toEqual([]);
    expect(await complete!(context, 'cosmos')).toEqual([{ name: 'cosmoshub-4 (Cosmos Hub)', value: 'cosmoshub-4' }]);
    expect(await complete!(context, 'Hub')).toEqual([{ name: 'cosmoshub-4 (Cosmos Hub)', value: 'cosmoshub-4' }]);
  });
});
