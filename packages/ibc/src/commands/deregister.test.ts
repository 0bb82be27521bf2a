import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBech32 } from '@cosmjs/encoding';
import { ALICE, BOB, GUILD_OWNER, MALLORY, MODERATOR, startHarness, type Harness } from './test-support.js';

const cosmos = (n: number) => toBech32('cosmos', new Uint8Array(20).fill(n));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function registered(address: string): Promise<boolean> {
  const { rowCount } = await h.db.query('SELECT 1 FROM ibc_wallets WHERE address = $1', [address]);
  return rowCount === 1;
}

describe('deregister', () => {
  it("refuses someone else's wallet, exact ids (the seed's substring test let Mallory, whose id is part of Alice's, do it)", async () => {
    await h.prefix(`$register ${cosmos(1)} cosmoshub-4 1`, ALICE);
    for (const user of [BOB, MALLORY]) {
      const [reply] = await h.prefix(`$deregister ${cosmos(1)}`, user);
      expect(reply!.content).toBe(`Only <@${ALICE}>, who registered wallet \`${cosmos(1)}\`, can deregister it. Ask a moderator if they are unreachable.`);
      expect(reply!.allowedMentions).toEqual({ parse: [] });
    }
    const [slashReply] = await h.slash('deregister', { address: cosmos(1) }, BOB);
    expect(slashReply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/^Only <@/) });
    expect(await registered(cosmos(1))).toBe(true);
  });

  it('lets the owner deregister their wallet', async () => {
    await h.prefix(`$register ${cosmos(2)} cosmoshub-4 1`, ALICE);
    const [reply] = await h.slash('deregister', { address: cosmos(2) }, ALICE);
    expect(reply!.content).toBe(`Stopped tracking wallet \`${cosmos(2)}\` on \`cosmoshub-4\`.`);
    expect(await registered(cosmos(2))).toBe(false);
  });

  it('lets a privileged member (the role, or the server owner) deregister anyone’s wallet, saying whose it was', async () => {
    await h.prefix(`$register ${cosmos(3)} cosmoshub-4 1`, ALICE);
    await h.prefix(`$register ${cosmos(4)} cosmoshub-4 1`, ALICE);
    const [byModerator] = await h.prefix(`$deregister ${cosmos(3)}`, MODERATOR);
    expect(byModerator!.content).toBe(`Stopped tracking wallet \`${cosmos(3)}\` on \`cosmoshub-4\` (registered by <@${ALICE}>).`);
    const [byOwner] = await h.prefix(`$deregister ${cosmos(4).toUpperCase()}`, GUILD_OWNER);
    expect(byOwner!.content).toMatch(/^Stopped tracking wallet/);
    expect(await registered(cosmos(3))).toBe(false);
    expect(await registered(cosmos(4))).toBe(false);
  });

  it('says when the wallet is not registered, and needs an address', async () => {
    const [reply] = await h.prefix(`$deregister ${cosmos(9)}`);
    expect(reply!.content).toBe(`Wallet \`${cosmos(9)}\` isn't registered.`);
    const [missing] = await h.prefix('$deregister');
    expect(missing!.content).toBe('Missing `address`.\nUsage: `$deregister <address>`');
  });
});
