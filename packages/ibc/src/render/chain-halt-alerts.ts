/**
 * A chain whose blocks stopped (an upgrade halt, a consensus failure) and started again. ibc-go
 * judges expiry by the host's block time, so while a chain is halted its clients' time left stands
 * still, and a long halt can leave clients on the other chains expiring: relayers must be watched.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { IbcChainAlert } from '@herald/contracts';
import { chainText, IbcColor, name, whenText } from './style.js';

function blockFields(alert: IbcChainAlert): NonNullable<APIEmbed['fields']> {
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (alert.blockHeight !== undefined) fields.push({ name: 'Latest block', value: alert.blockHeight, inline: true });
  if (alert.blockTime !== undefined) fields.push({ name: 'Block time', value: whenText(alert.blockTime), inline: true });
  return fields;
}

/** `ibc.chain.halted`: the chain answers, but its height has not grown for `ibc.haltedAfter`. */
export function renderChainHalted(alert: IbcChainAlert): APIEmbed {
  return {
    title: `⏸️ Chain halted: ${name(alert.chainName || alert.chainId, 200)}`,
    description:
      `${chainText(alert.chainId, alert.chainName)} answers but makes no new blocks: its height has not grown since ${whenText(alert.since)}.\n` +
      "Light clients on it are judged by its block time, so their time left stands still until it resumes; clients on other chains that track it cannot be updated meanwhile. When it resumes, make sure your relayer follows (an upgrade may need a new binary).",
    color: IbcColor.warning,
    fields: blockFields(alert),
    footer: { text: `Herald · IBC chain · ${alert.chainId}` },
  };
}

/** `ibc.chain.resumed`: blocks come again after a halt. */
export function renderChainResumed(alert: IbcChainAlert): APIEmbed {
  return {
    title: `▶️ Chain making blocks again: ${name(alert.chainName || alert.chainId, 200)}`,
    description: `${chainText(alert.chainId, alert.chainName)} makes new blocks again; it had halted since ${whenText(alert.since)}. Its light clients are judged by its block time again from this poll on.`,
    color: IbcColor.resolved,
    fields: blockFields(alert),
    footer: { text: `Herald · IBC chain · ${alert.chainId}` },
  };
}
