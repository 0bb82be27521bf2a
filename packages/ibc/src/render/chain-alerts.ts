/**
 * "RPC down ≠ expired": one message when every RPC endpoint of a chain fails, one when it answers
 * again. The error is shown with credentials and URL paths removed (the poller already scrubs it;
 * `redact` here is a second guard) and escaped, since a remote node wrote it.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { IbcChainAlert } from '@herald/contracts';
import { escapeAndTruncate } from '@herald/discord';
import { redact } from '@herald/logging';
import { scrubUrls } from '../urls.js';
import { chainText, IbcColor, name, whenText } from './style.js';

const ERROR_MAX = 1000;

function endpointsText(count: number): string {
  return count === 1 ? 'its RPC endpoint' : `all ${count} of its RPC endpoints`;
}

/** `ibc.chain.unreachable`: every endpoint failed; clients and wallets keep their last known state. */
export function renderChainUnreachable(alert: IbcChainAlert): APIEmbed {
  const embed: APIEmbed = {
    title: `📡 Chain unreachable: ${name(alert.chainName || alert.chainId, 200)}`,
    description:
      `${chainText(alert.chainId, alert.chainName)} does not answer: ${endpointsText(alert.endpoints)} failed, since ${whenText(alert.since)}.\n` +
      'Its light clients and wallets keep their last known state (shown as stale). An outage never turns into an expiry ' +
      'or a zero balance: no such alert is raised for this chain until it answers again, and a message here will say when it does.',
    color: IbcColor.unreachable,
    fields: [{ name: 'Endpoints configured', value: String(alert.endpoints), inline: true }],
    footer: { text: `Herald · IBC chain · ${alert.chainId}` },
    timestamp: alert.since,
  };
  if (alert.error !== null && alert.error.trim() !== '') embed.fields!.push({ name: 'Last error', value: escapeAndTruncate(scrubUrls(redact(alert.error)), ERROR_MAX) });
  return embed;
}

/** `ibc.chain.recovered`: an endpoint answers again; the next poll refreshes the clients. */
export function renderChainRecovered(alert: IbcChainAlert): APIEmbed {
  return {
    title: `📡 Chain reachable again: ${name(alert.chainName || alert.chainId, 200)}`,
    description:
      `${chainText(alert.chainId, alert.chainName)} answers again; it was unreachable since ${whenText(alert.since)}.\n` +
      'Its light clients and wallets are judged afresh from this poll on.',
    color: IbcColor.resolved,
    fields: [{ name: 'Endpoints configured', value: String(alert.endpoints), inline: true }],
    footer: { text: `Herald · IBC chain · ${alert.chainId}` },
  };
}
