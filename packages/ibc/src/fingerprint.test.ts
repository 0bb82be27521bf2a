import { describe, expect, it } from 'vitest';
import { chainFingerprint, clientFingerprint, fingerprintSegment, walletFingerprint } from './fingerprint.js';

describe('fingerprint segments', () => {
  it('keep plain ids readable and escape everything else into [A-Za-z0-9_-]', () => {
    expect(fingerprintSegment('cosmoshub-4')).toBe('cosmoshub-4');
    expect(fingerprintSegment('07-tendermint-5')).toBe('07-tendermint-5');
    expect(fingerprintSegment('my.chain_1')).toBe('my_2echain__1');
    for (const id of ['a.b', 'x+y#[z]<w>', 'é', '', '___']) expect(fingerprintSegment(id)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('are injective (no two ids share a segment)', () => {
    const ids = ['a.b', 'a_2eb', 'a_b', 'a__b', 'a-b', 'a_', 'a__', '_', '', 'a.b.', 'a2eb', '.', '_2e'];
    const segments = ids.map(fingerprintSegment);
    expect(new Set(segments).size).toBe(ids.length);
  });

  it('build the fingerprints of the IBC events', () => {
    expect(clientFingerprint('osmo.test-5', '07-tendermint-0', 3)).toBe('ibc.client.osmo_2etest-5.07-tendermint-0.3');
    expect(chainFingerprint('cosmoshub-4', 1)).toBe('ibc.chain.cosmoshub-4.1');
    expect(walletFingerprint('cosmos1abc', new Date(1_700_000_000_000), 2)).toBe('ibc.wallet.cosmos1abc.1700000000000.2');
  });
});
