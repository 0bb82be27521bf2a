import { describe, expect, it } from 'vitest';
import { toBech32 } from '@cosmjs/encoding';
import { checkAddress } from './address.js';

const hub = { chainId: 'cosmoshub-4', bech32Prefix: 'cosmos' };
const account = toBech32('cosmos', new Uint8Array(20).fill(7));

describe('checkAddress', () => {
  it('accepts an account address of the chain, in its canonical lower case', () => {
    expect(checkAddress(account, hub)).toEqual({ ok: true, address: account });
    expect(checkAddress(account.toUpperCase(), hub)).toEqual({ ok: true, address: account });
    const moduleAccount = toBech32('cosmos', new Uint8Array(32).fill(1));
    expect(checkAddress(` ${moduleAccount} `, hub)).toEqual({ ok: true, address: moduleAccount });
  });

  it('names the prefix it found and the one the chain uses', () => {
    const osmo = toBech32('osmo', new Uint8Array(20).fill(7));
    expect(checkAddress(osmo, hub)).toEqual({ ok: false, reason: 'is an osmo address; chain cosmoshub-4 uses cosmos' });
    expect(checkAddress(account, { chainId: 'osmosis-1', bech32Prefix: 'osmo' })).toEqual({
      ok: false,
      reason: 'is a cosmos address; chain osmosis-1 uses osmo',
    });
  });

  it('explains why a string is not a bech32 address', () => {
    const typo = `${account.slice(0, -1)}${account.endsWith('q') ? 'p' : 'q'}`;
    expect(checkAddress(typo, hub)).toEqual({ ok: false, reason: 'is not a bech32 address (bad checksum)' });
    expect(checkAddress('cosmoshub', hub)).toEqual({ ok: false, reason: 'is not a bech32 address (no "1" between the prefix and the data)' });
    expect(checkAddress(`C${account.slice(1)}`, hub)).toEqual({ ok: false, reason: 'is not a bech32 address (mixes upper and lower case)' });
    expect(checkAddress(`${account}${'q'.repeat(60)}`, hub)).toEqual({ ok: false, reason: 'is not a bech32 address (105 characters, at most 90)' });
    expect(checkAddress('cosmos1' + 'ib'.repeat(20), hub)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not a bech32 address \(/) });
    expect(checkAddress('', hub)).toEqual({ ok: false, reason: 'is empty' });
  });

  it('refuses a valid bech32 string that is not an account address', () => {
    const short = toBech32('cosmos', new Uint8Array(8).fill(1));
    expect(checkAddress(short, hub)).toEqual({ ok: false, reason: 'is not an account address (8 bytes of data; accounts have 20 or 32)' });
  });
});
