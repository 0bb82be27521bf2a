/**
 * The IBC status message the notifier keeps edited in place in each `ibc.statusDestinations`
 * channel: every light client (state, time left, percent, stale marker) and every wallet (balance,
 * threshold, state, runway), most urgent first, so a channel shows the truth without scrolling.
 * One message, within Discord's limits (10 embeds, 6000 characters): when the lists are longer,
 * the counts per state stay complete and the least urgent lines give way to "… and N more".
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { fitLines, MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBED_TOTAL_LENGTH } from '@herald/discord';
import type { MessageBody } from '@herald/pipeline';
import type { ChainView, ClientView, WalletView } from '../queries.js';
import {
  clientCounts,
  sortClients,
  sortWallets,
  statusChainLine,
  statusClientLine,
  statusWalletLine,
  walletCounts,
} from './status-lines.js';
import { clientStateColor, IbcColor } from './style.js';

export interface IbcStatusView {
  clients: readonly ClientView[];
  wallets: readonly WalletView[];
  chains: readonly ChainView[];
  /** The moment time left is shown for (the refresh's clock). */
  now: Date;
}

/** Titles, footer and the blank line after each summary; what the descriptions may not use. */
const RESERVED = 300;
/** Unreachable chains are few and short; their list never crowds out the clients. */
const CHAINS_MAX = 800;

/** A summary line, then as many lines as fit in `max`, then "… and N more (counts)" for the rest. */
function section(summary: string, lines: readonly string[], max: number, moreOf: (omitted: number) => string): string {
  const head = `${summary}\n`;
  return head + fitLines(lines, Math.max(40, max - head.length), moreOf);
}

/** The newest check of anything shown: the message's timestamp (it says how fresh the data is). */
function newestCheck(view: IbcStatusView): Date | undefined {
  const times = [...view.clients.map((c) => c.lastCheckedAt), ...view.wallets.map((w) => w.balanceAt)].filter((t): t is Date => t !== null);
  return times.length === 0 ? undefined : new Date(Math.max(...times.map((t) => t.getTime())));
}

/**
 * The message body (embeds only, pinging nobody). Deterministic for a given view: the same data
 * and `now` give the same body, so an unchanged status is not edited again.
 */
export function renderIbcStatus(view: IbcStatusView): MessageBody {
  const clients = sortClients(view.clients, view.now);
  const wallets = sortWallets(view.wallets);
  // Chains whose state the status must call out: unreachable (stale clients) or halted (frozen clock).
  const unreachable = view.chains.filter((c) => c.unreachableSince !== null || c.haltedSince !== null);
  const clientLines = clients.map((c) => statusClientLine(c, view.now));
  const walletLines = wallets.map(statusWalletLine);

  let budget = MAX_EMBED_TOTAL_LENGTH - RESERVED;
  const chainsText = unreachable.length === 0 ? undefined : fitLines(unreachable.map(statusChainLine), CHAINS_MAX);
  budget -= chainsText?.length ?? 0;
  const clientsNeed = clientLines.join('\n').length + 120;
  // Wallets get what the clients leave, but at least a third of the room when both are long.
  const walletsMax = Math.min(MAX_EMBED_DESCRIPTION_LENGTH, Math.max(Math.floor(budget / 3), budget - clientsNeed));
  const walletsText =
    wallets.length === 0
      ? 'No wallet is registered. Register one with `register <address> <chain_id> <threshold>`.'
      : section(`${wallets.length} wallet${wallets.length === 1 ? '' : 's'}: ${walletCounts(wallets)}`, walletLines, walletsMax, (n) => `… and ${n} more: ${walletCounts(wallets.slice(-n))}`);
  const clientsMax = Math.min(MAX_EMBED_DESCRIPTION_LENGTH, budget - walletsText.length);
  const clientsText =
    clients.length === 0
      ? 'No light client is tracked yet: the chains to watch are listed under `ibc.monitor`; the first poll fills this list.'
      : section(`${clients.length} client${clients.length === 1 ? '' : 's'}: ${clientCounts(clients)}`, clientLines, clientsMax, (n) => `… and ${n} more: ${clientCounts(clients.slice(-n))}`);

  const worst = clients[0]?.state ?? 'ok';
  const embeds: APIEmbed[] = [{ title: 'IBC light clients', description: clientsText, color: clientStateColor[worst] }];
  const anyLow = wallets.some((w) => w.state === 'low');
  embeds.push({ title: 'Relayer wallets', description: walletsText, color: anyLow ? IbcColor.lowBalance : IbcColor.resolved });
  if (chainsText !== undefined) embeds.push({ title: 'Chains in trouble', description: chainsText, color: IbcColor.unreachable });
  const last = embeds[embeds.length - 1]!;
  last.footer = { text: 'Herald · this message is edited in place · data as of' };
  const checked = newestCheck(view);
  if (checked !== undefined) last.timestamp = checked.toISOString();
  return { embeds, allowed_mentions: { parse: [] } };
}
