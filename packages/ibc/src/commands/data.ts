/**
 * `data`: every tracked light client with its state, time to expiry, percent of the trusting period
 * left and last check, from the polls' stored judgement (no chain is queried). The seed's `$data`
 * printed ~8 clients per 2000-character chunk and never sent its last chunk (seed-behaviour §2.2);
 * here every client is listed, over as many messages as needed.
 */
import { clip } from '@herald/bot';
import { escapeDiscordText } from '@herald/discord/text';
import type { IbcClientState } from '@herald/contracts';
import { formatDuration } from '@herald/discord/text';
import { formatTimeLeft, formatUtc } from '../amount.js';
import { clientStateIcon } from '../render/style.js';
import { findChain, loadChains } from '../chain-store.js';
import { listClients, type ClientView } from '../queries.js';
import { chainChoices, define, knownChainsText, refuse, typed } from './common.js';
import { listMessages } from './list-messages.js';

const STATE_ORDER: readonly IbcClientState[] = ['ok', 'warning', 'critical', 'expired', 'frozen', 'unknown'];

export const data = define({
  name: 'data',
  description: 'Lists the tracked IBC light clients: state, time to expiry, percent left, last check.',
  permission: 'everyone',
  options: {
    chain_id: {
      kind: 'string',
      description: 'Only the clients on this chain',
      maxLength: 64,
      autocomplete: chainChoices,
    },
  },
  async run(ctx, { chain_id: chainId }) {
    if (chainId !== undefined && !(await findChain(ctx.deps.db, chainId))) {
      return refuse(ctx, 'data', `Unknown chain ${typed(chainId)}. ${knownChainsText(await loadChains(ctx.deps.db))}`);
    }
    const clients = await listClients(ctx.deps.db, chainId === undefined ? {} : { chainId });
    if (clients.length === 0) {
      return chainId === undefined
        ? 'No IBC light client is tracked yet. The chains to watch are listed under `ibc.monitor` in HERALD_CONFIG; the first poll fills this list.'
        : `No light client on \`${chainId}\` is tracked yet.`;
    }
    const dataUsage = ctx.via === 'slash' ? '`/data chain_id:<chain>`' : `\`${ctx.prefix}data <chain_id>\``;
    return listMessages({
      title: 'IBC light clients',
      header: [summary(clients)],
      lines: clientLines(clients),
      overflowHint: `list one chain with ${dataUsage}, or see the dashboard.`,
    });
  },
});

/** "42 clients: 38 ✅ ok, 3 ⚠️ warning, 1 🔴 critical". */
function summary(clients: readonly ClientView[]): string {
  const counts = STATE_ORDER.map((state) => [state, clients.filter((c) => c.state === state).length] as const).filter(([, n]) => n > 0);
  return `${clients.length} client${clients.length === 1 ? '' : 's'}: ${counts.map(([state, n]) => `${n} ${clientStateIcon[state]} ${state}`).join(', ')}`;
}

/** A heading per host chain (in the read model's order: chain name, then client id), then one line per client. */
function clientLines(clients: readonly ClientView[]): string[] {
  const lines: string[] = [];
  let host: string | undefined;
  for (const client of clients) {
    if (client.chainId !== host) {
      host = client.chainId;
      const stale = client.stale ? ' — unreachable now: last known states' : '';
      const name = client.chainName === client.chainId ? '' : `**${escapeDiscordText(client.chainName)}** `;
      lines.push('', `${name}(\`${client.chainId}\`)${stale}`);
    }
    lines.push(clientLine(client));
  }
  return lines;
}

/** `⚠️ **warning** `07-tendermint-9` → juno-1 · connection-3 · 30 h left, 9.2 % of 14 d · checked 2026-11-30 12:05 UTC`. */
export function clientLine(client: ClientView): string {
  const parts = [`${clientStateIcon[client.state]} **${client.state}** \`${client.clientId}\` → ${escapeDiscordText(client.trackedChainId ?? 'no chain')}`];
  if (client.connectionId !== null) parts.push(escapeDiscordText(client.connectionId));
  parts.push(timeLeft(client));
  parts.push(client.lastCheckedAt === null ? 'not checked yet' : `checked ${formatUtc(client.lastCheckedAt)}`);
  if (client.stale) parts.push('⏸ stale (chain unreachable)');
  if (client.lastError !== null) parts.push(`error: ${escapeDiscordText(clip(client.lastError, 100))}`);
  return parts.join(' · ');
}

function timeLeft(client: ClientView): string {
  if (client.secondsLeft === null) return 'time left unknown';
  if (client.secondsLeft <= 0 || client.percentLeft === null || client.trustingPeriodSeconds === null) return formatTimeLeft(client.secondsLeft);
  return `${formatTimeLeft(client.secondsLeft)}, ${client.percentLeft.toFixed(1)} % of ${formatDuration(client.trustingPeriodSeconds)}`;
}
