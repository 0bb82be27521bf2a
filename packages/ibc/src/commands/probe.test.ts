import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryWriter } from 'cosmjs-types/binary';
import { QueryParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/query';
import { FakeCosmosChain } from '@herald/testkit';
import { ProbeFailure } from './deps.js';
import { mintDenomOf, probeChain } from './probe.js';

describe('mintDenomOf', () => {
  it("reads the SDK mint module's params", () => {
    const bytes = QueryParamsResponse.encode({
      params: { mintDenom: 'uatom', inflationRateChange: '1', inflationMax: '2', inflationMin: '3', goalBonded: '4', blocksPerYear: 6_311_520n },
    }).finish();
    expect(mintDenomOf(bytes)).toBe('uatom');
  });

  it("reads a chain's own mint module whose other fields differ (osmosis: field 4 is an int64)", () => {
    const params = new BinaryWriter();
    params.uint32(10).string('uosmo'); // 1: mint_denom
    params.uint32(18).string('821917808219.178082191780821917'); // 2: genesis_epoch_provisions
    params.uint32(26).string('day'); // 3: epoch_identifier
    params.uint32(32).int64(365n); // 4: reduction_period_in_epochs (varint)
    const response = new BinaryWriter();
    response.uint32(10).bytes(params.finish());
    expect(mintDenomOf(response.finish())).toBe('uosmo');
    expect(mintDenomOf(new Uint8Array())).toBeUndefined();
  });
});

describe('probeChain against a fake node', () => {
  let node: FakeCosmosChain;
  beforeAll(async () => {
    node = await FakeCosmosChain.start({ chainId: 'juno-1', bech32Prefix: 'juno', mintDenom: 'ujuno', nodeVersion: 'v0.38.17' });
  });
  afterAll(() => node.close());

  it('reads the chain id, mint denom and bech32 prefix', async () => {
    await expect(probeChain(node.url, 1000, { name: 'JUNO' })).resolves.toEqual({ chainId: 'juno-1', mintDenom: 'ujuno', bech32Prefix: 'juno' });
  });

  it('leaves out what the node cannot say', async () => {
    node.setMintDenom(null);
    node.setPathError('/cosmos.auth.v1beta1.Query/Bech32Prefix', { code: 6, log: 'unknown query path' });
    try {
      await expect(probeChain(node.url, 1000)).resolves.toEqual({ chainId: 'juno-1' });
    } finally {
      node.setMintDenom('ujuno');
      node.setPathError('/cosmos.auth.v1beta1.Query/Bech32Prefix', null);
    }
  });

  it('rejects with a ProbeFailure saying whether it timed out', async () => {
    node.setHang(true);
    try {
      await expect(probeChain(node.url, 200)).rejects.toEqual(new ProbeFailure('timed out after 200 ms', true));
    } finally {
      node.setHang(false);
    }
    await expect(probeChain('not a url', 200)).rejects.toMatchObject({ name: 'ProbeFailure', timedOut: false });
  });
});
