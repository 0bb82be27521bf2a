/** What the IBC commands share: the typed `define`, option shapes, replies with usage, chain lookups. */
import { escapeDiscordText } from '@herald/discord/text';
import { commandsFor, quote, usage, type AutocompleteContext, type Choice, type CommandContext, type CommandReply, type StringOption } from '@herald/bot';
import { loadChains } from '../chain-store.js';
import { ChainQueryError, ChainUnreachableError, type Chain } from '../types.js';
import type { IbcCommandDeps } from './deps.js';

export const define = commandsFor<IbcCommandDeps>();
export type IbcContext = CommandContext<IbcCommandDeps>;

/**
 * A refusal of bad input: the reason, then the command's usage (as typed: slash or prefix). Visible
 * to the caller alone on slash; a prefix reply is public like every prefix reply.
 */
export function refuse(ctx: IbcContext, commandName: string, reason: string): CommandReply {
  const command = ctx.catalog.get(commandName);
  const shown = command ? `\nUsage: \`${usage(command, ctx.via, ctx.prefix)}\`` : '';
  return { content: `${reason}${shown}`, ephemeral: true };
}

/** A problem that is not the caller's input (a chain that cannot be reached, a name taken): no usage. */
export function problem(content: string): CommandReply {
  return { content, ephemeral: true };
}

/** Slash autocomplete of a chain id: the known chains whose id or name contains what was typed (any case). */
export async function chainChoices(ctx: AutocompleteContext<IbcCommandDeps>, partial: string): Promise<Choice<string>[]> {
  const typed = partial.trim().toLowerCase();
  const chains = [...(await loadChains(ctx.deps.db)).values()];
  return chains
    .filter((c) => c.chainId.toLowerCase().includes(typed) || c.name.toLowerCase().includes(typed))
    .slice(0, 25)
    .map((c) => ({ name: `${c.chainId} (${c.name})`, value: c.chainId }));
}

export const chainIdOption: StringOption<IbcCommandDeps> & { required: true } = {
  kind: 'string',
  description: 'The chain id, e.g. cosmoshub-4',
  required: true,
  maxLength: 64,
  autocomplete: chainChoices,
};

export const addressOption = {
  kind: 'string',
  description: 'The wallet address (bech32), e.g. cosmos1…',
  required: true,
  maxLength: 90,
} as const;

/** "Known chains: a, b, c." or how to add one when there are none. */
export function knownChainsText(chains: ReadonlyMap<string, Chain>): string {
  if (chains.size === 0) return 'No chain is known yet: add one under `ibc.chains` in HERALD_CONFIG, or with `register_chain`.';
  const ids = [...chains.keys()];
  const shown = ids.slice(0, 30).map((id) => `\`${id}\``).join(', ');
  return `Known chains: ${shown}${ids.length > 30 ? ` and ${ids.length - 30} more` : ''}.`;
}

/** A chain in text: `Cosmos Hub (cosmoshub-4)`, its name escaped (names come from commands too). */
export function chainLabel(chain: { chainId: string; name: string }): string {
  return chain.name === chain.chainId ? `\`${chain.chainId}\`` : `${escapeDiscordText(chain.name)} (\`${chain.chainId}\`)`;
}

/** Why a live query failed, for a reply: never a stack trace, never an RPC URL's path or credentials. */
export function describeRpcError(error: unknown): string {
  if (error instanceof ChainUnreachableError) return `no RPC endpoint of \`${error.chainId}\` answered (${error.failures.join('; ')})`;
  if (error instanceof ChainQueryError) return `the node refused the query (${error.message})`;
  return `the query failed (${error instanceof Error ? error.message : String(error)})`;
}

/** Echoes what the user typed inside a reply (the bot's `quote`), long enough for an address or an RPC URL. */
export const typed = (text: string): string => quote(text, 90);
