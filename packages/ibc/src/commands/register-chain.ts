/**
 * `register_chain <chain_name> <rpc_url> <token_name> <token_decimals> [denom] [bech32_prefix]`
 * (privileged): adds a chain for wallets and as a counterparty (seed `$register_chain`, §2.5, which
 * anyone could run to repoint a chain). As the seed did, it asks the node for its chain id and, when
 * no denom is given, checks the mint denom against the token name (`bad_denom` / `no_denom`); it
 * also reads the bech32 prefix. A chain configured in HERALD_CONFIG is never changed by it.
 */
import { escapeDiscordText } from '@herald/discord/text';
import { findChain, registerChain as storeChain } from '../chain-store.js';
import { chainIdPattern } from '../settings.js';
import { endpointLabel } from '../urls.js';
import { define, problem, refuse, typed, type IbcContext } from './common.js';
import { ProbeFailure, type ChainProbe } from './deps.js';

const NAME = 'register_chain';

export const registerChain = define({
  name: NAME,
  description: "Adds a chain for wallets and counterparties, checking its RPC node's chain id and denom.",
  permission: 'privileged',
  // The node is asked up to three questions, each bounded by ibc.requestTimeout.
  slow: true,
  // An administrator's action whose replies may repeat the RPC URL: shown to the caller alone (a slow
  // command is deferred at once, and the deferral already decides who sees the answer).
  ephemeral: true,
  options: {
    chain_name: { kind: 'string', description: 'Display name, e.g. COSMOS or Cosmos Hub', required: true, maxLength: 64 },
    rpc_url: { kind: 'string', description: "The chain's CometBFT RPC URL (not REST), e.g. https://rpc.example.com", required: true, maxLength: 500 },
    token_name: { kind: 'string', description: 'Display denom, e.g. ATOM', required: true, maxLength: 32 },
    token_decimals: {
      kind: 'integer',
      description: 'Decimals of the token: 6 when 1 ATOM = 1,000,000 uatom (balances are shown with it)',
      required: true,
      min: 0,
      max: 30,
    },
    denom: { kind: 'string', description: 'Base denom, e.g. uatom (read from the mint module when left out)', maxLength: 128 },
    bech32_prefix: { kind: 'string', description: 'Address prefix, e.g. cosmos (read from the node when left out)', maxLength: 32 },
  },
  async run(ctx, options) {
    const name = options.chain_name.trim();
    const tokenName = options.token_name.trim();
    if (name === '' || tokenName === '') return refuse(ctx, NAME, 'The chain name and the token name cannot be blank.');
    const url = rpcUrlProblem(options.rpc_url);
    if (url !== undefined) return refuse(ctx, NAME, `The RPC URL ${typed(options.rpc_url)} ${url}.`);
    if (options.denom !== undefined && !/^[a-zA-Z][a-zA-Z0-9/:._-]{1,127}$/.test(options.denom)) {
      return refuse(ctx, NAME, `The denom ${typed(options.denom)} is not a denom (e.g. uatom, ibc/27394F…).`);
    }
    if (options.bech32_prefix !== undefined && !/^[a-z0-9]{1,32}$/.test(options.bech32_prefix)) {
      return refuse(ctx, NAME, `The bech32 prefix ${typed(options.bech32_prefix)} must be lower-case letters and digits, e.g. cosmos.`);
    }

    const node = endpointLabel(options.rpc_url);
    let probe: ChainProbe;
    try {
      probe = await ctx.deps.probeChain(options.rpc_url, ctx.deps.requestTimeoutMs, { name });
    } catch (error) {
      ctx.logger.warn({ err: error, node }, 'register_chain: RPC node not usable');
      if (error instanceof ProbeFailure && error.timedOut) {
        return problem(`The RPC node ${node} did not answer within ${ctx.deps.requestTimeoutMs / 1000} s. Try again in a few minutes; if it still fails, try another node.`);
      }
      return problem(`Could not query the RPC node ${node}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    if (!chainIdPattern.test(probe.chainId)) return problem(`The node at ${node} reports the chain id ${typed(probe.chainId)}, which is not a chain id Herald accepts.`);

    const existing = await findChain(ctx.deps.db, probe.chainId);
    if (existing?.origin === 'config') return configured(probe.chainId);

    const denom = options.denom ?? probe.mintDenom;
    if (denom === undefined) return noDenom(ctx, options);
    if (options.denom === undefined && !denom.toLowerCase().includes(tokenName.toLowerCase())) return badDenom(ctx, options, denom);
    const prefix = probe.bech32Prefix ?? options.bech32_prefix;
    if (prefix === undefined) {
      return problem(`The node at ${node} does not say its address prefix (Cosmos SDK before 0.46). Run the command again with it at the end:\n\`${commandLine(ctx, { ...options, denom, bech32_prefix: '<prefix>' })}\``);
    }
    if (options.bech32_prefix !== undefined && options.bech32_prefix !== prefix) {
      return problem(`The node says addresses on \`${probe.chainId}\` start with \`${prefix}\`, not \`${options.bech32_prefix}\`.`);
    }

    const chain = { chainId: probe.chainId, name, rpc: [options.rpc_url], bech32Prefix: prefix, denom, displayDenom: tokenName, exponent: options.token_decimals };
    // False when the chain was configured meanwhile (HERALD_CONFIG wins).
    if (!(await storeChain(ctx.deps.db, chain, ctx.user.id))) return configured(probe.chainId);
    ctx.logger.info({ chainId: chain.chainId, node, updated: existing !== undefined }, 'IBC chain registered by command');
    return [
      `${existing ? 'Updated' : 'Added'} chain **${escapeDiscordText(name)}** with data:`,
      '',
      `Chain id: **${chain.chainId}**`,
      `Denom: **${escapeDiscordText(denom)}**`,
      `Token name: **${escapeDiscordText(tokenName)}**`,
      `Token decimals: **${chain.exponent}**`,
      `Bech32 prefix: **${prefix}**`,
      `RPC: ${node}`,
      ...(probe.mintDenom !== undefined && probe.mintDenom !== denom
        ? ['', `Note: the node's mint denom is \`${escapeDiscordText(probe.mintDenom)}\`; balances on this chain will be read in \`${escapeDiscordText(denom)}\`. If that is a typo, run the command again with the right denom.`]
        : []),
      '',
      'Wallets on it can now be registered, and it can be a counterparty chain. Watching its own connections is set in HERALD_CONFIG (`ibc.monitor`).',
      "If the data isn't correct, run the command again with the right information or contact an administrator.",
    ].join('\n');
  },
});

/** The command's arguments as `run` receives them. */
interface Options {
  chain_name: string;
  rpc_url: string;
  token_name: string;
  token_decimals: number;
  denom: string | undefined;
  bech32_prefix: string | undefined;
}
const ARGUMENT_ORDER = ['chain_name', 'rpc_url', 'token_name', 'token_decimals', 'denom', 'bech32_prefix'] as const;

/** Why an RPC URL is unusable, or undefined. Only http(s): CometBFT RPC over HTTP is what Herald speaks. */
function rpcUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL (e.g. https://rpc.example.com)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must start with http:// or https://, not ${url.protocol}//`;
  return undefined;
}

function configured(chainId: string) {
  return problem(`\`${chainId}\` is configured in HERALD_CONFIG (\`ibc.chains\`): change it there. \`register_chain\` only adds chains, or updates the ones it added.`);
}

/** The seed's `no_denom` reply, adapted: the command line to run with the denom at the end. */
function noDenom(ctx: IbcContext, options: Options) {
  return problem(
    [
      "Couldn't retrieve the token denom: the node has no mint module parameters.",
      '',
      "If you know this denom (e.g. 'uatom') and are confident it is correct, run the command again with it at the end:",
      `\`${commandLine(ctx, { ...options, denom: '<denom>' })}\``,
      '',
      'If it still fails, contact an administrator.',
    ].join('\n'),
  );
}

/** The seed's `bad_denom` reply, adapted. */
function badDenom(ctx: IbcContext, options: Options, denom: string) {
  return problem(
    [
      `The token name does not seem to match the chain's base denom: found \`${denom}\`, which does not contain \`${options.token_name.trim()}\`.`,
      '',
      'If you are confident it is correct, run the command again with this base denom at the end:',
      `\`${commandLine(ctx, { ...options, denom })}\``,
      '',
      'If it still fails, contact an administrator.',
    ].join('\n'),
  );
}

/**
 * The RPC URL as a reply may repeat it: as typed when it is only scheme://host[:port], otherwise a
 * placeholder, since user info, a path or a query can hold a password or an API key.
 */
function shownRpcUrl(text: string): string {
  try {
    const url = new URL(text);
    const bare = url.username === '' && url.password === '' && url.search === '' && url.hash === '' && (url.pathname === '/' || url.pathname === '');
    return bare ? text : '<your RPC URL>';
  } catch {
    return '<your RPC URL>';
  }
}

/** The command as the caller would type it (slash or prefix) with these values; the RPC URL only when it holds no secret. */
function commandLine(ctx: IbcContext, options: Options): string {
  const values = { ...options, rpc_url: shownRpcUrl(options.rpc_url) };
  if (ctx.via === 'slash') {
    const parts = ARGUMENT_ORDER.filter((k) => values[k] !== undefined).map((k) => `${k}:${String(values[k])}`);
    return [`/${NAME}`, ...parts].join(' ');
  }
  // Positional: stop at the first argument left out, as the prefix parser reads them.
  const given = ARGUMENT_ORDER.map((k) => values[k]);
  const end = given.indexOf(undefined);
  return [`${ctx.prefix}${NAME}`, ...given.slice(0, end < 0 ? given.length : end).map(String)].join(' ');
}
