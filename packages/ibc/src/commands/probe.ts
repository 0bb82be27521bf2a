/**
 * `register_chain`'s look at a new chain's RPC node: its chain id (`status`), mint denom and bech32
 * prefix. The seed asked an LCD's `node_info` and `/cosmos/mint/v1beta1/params` (falling back to
 * `/<chain name>/mint/v1beta1/params`); Herald talks CometBFT RPC, so the same questions are ABCI
 * queries. Every request is bounded by the timeout (cosmjs has none by default: dependency-notes §5b).
 * Loaded only when the command runs (cosmjs is not needed by the rest of the notifier's bot).
 */
import { QueryClient } from '@cosmjs/stargate';
import { Comet1Client, Comet38Client, HttpClient, Tendermint37Client, type CometClient, type RpcClient } from '@cosmjs/tendermint-rpc';
import { BinaryReader } from 'cosmjs-types/binary';
import { Bech32PrefixRequest, Bech32PrefixResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { describeFailure, httpEndpoint } from '../rpc/endpoint.js';
import { ProbeFailure, type ChainProbe } from './deps.js';

const MINT_PARAMS = '/cosmos.mint.v1beta1.Query/Params';
const BECH32_PREFIX = '/cosmos.auth.v1beta1.Query/Bech32Prefix';

/** See {@link IbcCommandDeps.probeChain}. */
export async function probeChain(rpcUrl: string, timeoutMs: number, hints: { name?: string } = {}): Promise<ChainProbe> {
  let http: HttpClient;
  try {
    http = new HttpClient(httpEndpoint(rpcUrl), timeoutMs);
  } catch (error) {
    throw new ProbeFailure(`not a usable URL (${error instanceof Error ? error.message : String(error)})`, false);
  }
  try {
    let answer;
    try {
      answer = await http.execute({ jsonrpc: '2.0', id: 1, method: 'status', params: {} });
    } catch (error) {
      throw new ProbeFailure(describeFailure(error, timeoutMs), error instanceof Error && error.name === 'TimeoutError');
    }
    const nodeInfo = (answer.result as { node_info?: { network?: unknown; version?: unknown } } | null)?.node_info;
    if (typeof nodeInfo?.network !== 'string' || nodeInfo.network === '') {
      throw new ProbeFailure('its `status` answer has no node_info.network: is this a CometBFT RPC endpoint (not a REST/LCD one)?', false);
    }
    const query = QueryClient.withExtensions(cometFor(typeof nodeInfo.version === 'string' ? nodeInfo.version : '', http));
    const [mintDenom, bech32Prefix] = await Promise.all([readMintDenom(query, hints.name), readBech32Prefix(query)]);
    return {
      chainId: nodeInfo.network,
      ...(mintDenom === undefined ? {} : { mintDenom }),
      ...(bech32Prefix === undefined ? {} : { bech32Prefix }),
    };
  } finally {
    http.disconnect();
  }
}

/** The cosmjs client for the node's version (0.37 / 0.38 / 1.x); a leading "v" or an unknown version gets 0.38's. */
function cometFor(version: string, rpc: RpcClient): CometClient {
  const v = version.replace(/^v/, '');
  if (v.startsWith('0.37.')) return Tendermint37Client.create(rpc);
  if (v.startsWith('1.')) return Comet1Client.create(rpc);
  return Comet38Client.create(rpc);
}

/**
 * The mint module's `mint_denom`, from the SDK module or, as the seed's fallback, a chain's own mint
 * module named after the chain (`/osmosis.mint.v1beta1.Query/Params`). Undefined when neither answers
 * (the seed's `no_denom`: any failure, timeouts included).
 */
async function readMintDenom(query: QueryClient, name: string | undefined): Promise<string | undefined> {
  const custom = name?.trim().toLowerCase();
  const paths = [MINT_PARAMS, ...(custom !== undefined && /^[a-z][a-z0-9]*$/.test(custom) && custom !== 'cosmos' ? [`/${custom}.mint.v1beta1.Query/Params`] : [])];
  for (const path of paths) {
    try {
      const denom = mintDenomOf((await query.queryAbci(path, new Uint8Array())).value);
      if (denom) return denom;
    } catch {
      // Unknown query path (no such module), timeout, …: try the next path, then report no denom.
    }
  }
  return undefined;
}

/**
 * Field 1 (`params`) → field 1 (`mint_denom`) of a `QueryParamsResponse`. Read by hand because
 * chains' own mint modules share only that field with the SDK's (osmosis: field 4 is an int64 where
 * the SDK has a string), so decoding with the SDK's type could fail on theirs.
 */
export function mintDenomOf(response: Uint8Array): string | undefined {
  const params = firstField(response, 1);
  return params === undefined ? undefined : new TextDecoder().decode(firstField(params, 1) ?? new Uint8Array()) || undefined;
}

/** The bytes of the first length-delimited field `field` of a protobuf message. */
function firstField(bytes: Uint8Array, field: number): Uint8Array | undefined {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === field && (tag & 7) === 2) return reader.bytes();
    reader.skipType(tag & 7);
  }
  return undefined;
}

/** The chain's account address prefix (Cosmos SDK ≥ 0.46); undefined when the node does not answer it. */
async function readBech32Prefix(query: QueryClient): Promise<string | undefined> {
  try {
    const { value } = await query.queryAbci(BECH32_PREFIX, Bech32PrefixRequest.encode({}).finish());
    return Bech32PrefixResponse.decode(value).bech32Prefix || undefined;
  } catch {
    return undefined;
  }
}
