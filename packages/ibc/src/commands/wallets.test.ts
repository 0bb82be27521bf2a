import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBech32 } from '@cosmjs/encoding';
import { ALICE, BOB, startHarness, text, type Harness } from './test-support.js';

const cosmos = (n: number) => toBech32('cosmos', new Uint8Array(20).fill(n));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('wallets, wallet and my_wallets', () => {
  it('say when no wallet is registered', async () => {
    expect(text(await h.prefix('$wallets'))).toBe('No wallet is registered yet. Register one with `$register`.');
    expect(text(await h.slash('my_wallets'))).toBe('You have no registered wallet. Register one with `/register`.');
  });

  it('list every wallet with chain, owner, balance, threshold, state and runway', async () => {
    h.hub.setBalance(cosmos(1), 'uatom', 12_500_000n);
    h.hub.setBalance(cosmos(2), 'uatom', 100_000n);
    await h.prefix(`$register ${cosmos(1)} cosmoshub-4 2`, ALICE);
    await h.prefix(`$register ${cosmos(2)} cosmoshub-4 1`, BOB);
    // What the wallet poll stores: a state and a runway.
    await h.db.query("UPDATE ibc_wallets SET state = 'ok', runway_s = 3 * 86400 + 4 * 3600 WHERE address = $1", [cosmos(1)]);
    await h.db.query("UPDATE ibc_wallets SET state = 'low' WHERE address = $1", [cosmos(2)]);

    const reply = await h.prefix('$wallets');
    expect(reply).toHaveLength(1);
    expect(reply[0]!.embeds[0]!.title).toBe('IBC relayer wallets');
    const shown = text(reply);
    expect(shown).toContain('2 wallets, 1 low');
    expect(shown).toContain(
      `✅ **ok** \`${cosmos(1)}\` on Cosmos Hub (\`cosmoshub-4\`) · owner <@${ALICE}> · **12.5 ATOM** (read 2026-11-30 12:00 UTC) · alert below 2 ATOM · runway ~3 d 4 h`,
    );
    expect(shown).toContain(`🪫 **low** \`${cosmos(2)}\` on Cosmos Hub (\`cosmoshub-4\`) · owner <@${BOB}> · **0.1 ATOM** (read 2026-11-30 12:00 UTC) · alert below 1 ATOM · runway unknown`);
    expect(reply[0]!.allowedMentions).toEqual({ parse: [] });
  });

  it('wallet reads the balance live; when the chain is down it shows the last known one and says why', async () => {
    h.hub.setBalance(cosmos(1), 'uatom', 11_000_000n);
    expect(text(await h.slash('wallet', { address: cosmos(1) }, BOB))).toBe(
      `\`${cosmos(1)}\` on Cosmos Hub (\`cosmoshub-4\`): **11 ATOM** now · alert below 2 ATOM · runway ~3 d 4 h · registered by <@${ALICE}>`,
    );
    h.hub.setDown(true);
    try {
      const shown = text(await h.prefix(`$wallet ${cosmos(1)}`, BOB));
      expect(shown).toMatch(/: the chain could not be read now \(no RPC endpoint of `cosmoshub-4` answered \(http:\/\/127\.0\.0\.1:\d+: [^)]+\)\)\)/);
      expect(shown).toContain('last known **12.5 ATOM** (read 2026-11-30 12:00 UTC) · alert below 2 ATOM');
    } finally {
      h.hub.setDown(false);
    }
    expect(text(await h.prefix(`$wallet ${cosmos(7)}`))).toBe(`Wallet \`${cosmos(7)}\` isn't registered. \`$wallets\` lists the registered ones.`);
  });

  it("my_wallets shows the caller's wallets only, read live", async () => {
    h.hub.setBalance(cosmos(1), 'uatom', 10_000_000n);
    const shown = text(await h.slash('my_wallets', {}, ALICE));
    expect(shown).toContain(`\`${cosmos(1)}\` on Cosmos Hub (\`cosmoshub-4\`): **10 ATOM** now · alert below 2 ATOM`);
    expect(shown).not.toContain(cosmos(2));
    expect(text(await h.prefix('$my_wallets', BOB))).toContain(`\`${cosmos(2)}\` on Cosmos Hub (\`cosmoshub-4\`): **0.1 ATOM** now 🪫 below the threshold`);
  });
});
