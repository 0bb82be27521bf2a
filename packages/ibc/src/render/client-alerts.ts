/**
 * The light-client alerts: one embed per transition (warning, critical, expired, frozen, resolved,
 * reactivated) and per reminder while critical. Each says which client, on which chain, tracking
 * which chain, over which connection (and the counterparty's connection and client), the time left
 * in hours and as a percent of the trusting period, when it expires, and what the operator can do:
 * the exact Hermes / rly command, or — once expired or frozen — that only governance can revive it.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { IbcClientAlert } from '@herald/contracts';
import { formatDuration } from '@herald/discord/text';
import { chainText, clientStateIcon, code, discordTime, hoursText, IbcColor, name, percentText, whenText } from './style.js';

export type ClientAlertKind = 'warning' | 'critical' | 'expired' | 'frozen' | 'resolved' | 'reactivated' | 'reminder';

/**
 * Hermes: `hermes update client --host-chain <HOST_CHAIN_ID> --client <CLIENT_ID>` (Hermes guide,
 * "Update Client"). rly: `rly tx update-clients <path_name>` (cosmos/relayer cmd/tx.go) takes the
 * name of a path in rly's own config, which Herald cannot know, so `<path>` is left for the operator.
 */
export function updateHint(alert: Pick<IbcClientAlert, 'chainId' | 'clientId' | 'trackedChainId'>): string {
  const id = (text: string) => text.replace(/[`\s]/g, '');
  const commands = [`hermes update client --host-chain ${id(alert.chainId)} --client ${id(alert.clientId)}`, 'rly tx update-clients <path>'];
  const between = alert.trackedChainId === '' ? '' : ` between ${code(alert.chainId)} and ${code(alert.trackedChainId)}`;
  return `\`\`\`\n${commands.join('\n')}\n\`\`\`\n\`<path>\` is the name of your rly path${between} (\`rly paths list\`); rly updates the clients at both ends.`;
}

/** Why an expired or frozen client needs governance (ibc-go client recovery, ADR 026). */
export const GOVERNANCE_TEXT =
  'It cannot be updated any more: only governance can revive it, with a client recovery proposal that substitutes an active client ' +
  'tracking the same chain (`MsgRecoverClient` in ibc-go v8 and later, a `ClientUpdateProposal` before). ' +
  'Until then every channel on it is stopped: no packet can be sent or received over it.';

function titleOf(kind: ClientAlertKind, alert: IbcClientAlert): string {
  const where = `${name(alert.clientId, 70)} on ${name(alert.chainName || alert.chainId, 60)}`;
  const left = alert.secondsLeft === null ? '' : ` in ${hoursText(alert.secondsLeft)}`;
  switch (kind) {
    case 'warning':
      return `${clientStateIcon.warning} IBC client expiring${left}: ${where}`;
    case 'critical':
      return `${clientStateIcon.critical} IBC client expires${left}: ${where}`;
    case 'reminder':
      return `${clientStateIcon.critical} Still critical, IBC client expires${left}: ${where}`;
    case 'expired':
      return `${clientStateIcon.expired} IBC client EXPIRED: ${where}`;
    case 'frozen':
      return `${clientStateIcon.frozen} IBC client FROZEN: ${where}`;
    case 'resolved':
      return `${clientStateIcon.ok} IBC client updated, no longer ${alert.from}: ${where}`;
    case 'reactivated':
      return `${clientStateIcon.ok} IBC client active again: ${where}`;
  }
}

/** The sentence after "which client, where": what the state means now. */
function stateText(kind: ClientAlertKind, alert: IbcClientAlert): string {
  const expires = alert.expiresAt === null ? '' : ` It expires ${discordTime(alert.expiresAt)}.`;
  switch (kind) {
    case 'warning':
      return `Most of its trusting period has passed: a relayer must update it before it runs out.${expires}`;
    case 'critical':
    case 'reminder':
      return `It is close to expiry: update it now.${expires} Once expired, only governance can revive it.`;
    case 'expired':
      return `Its trusting period ran out${alert.expiresAt === null ? '' : ` ${discordTime(alert.expiresAt)}`}: ibc-go reports it Expired. ${GOVERNANCE_TEXT}`;
    case 'frozen':
      return `ibc-go reports it Frozen (evidence of misbehaviour was submitted). ${GOVERNANCE_TEXT}`;
    case 'resolved':
      return `It was updated (it was ${alert.from}).${expires}`;
    case 'reactivated':
      return `ibc-go reports it Active again (it was ${alert.from}), most likely revived by a governance client recovery.${expires}`;
  }
}

function connectionText(alert: IbcClientAlert): string | undefined {
  if (alert.connectionId === null && alert.counterpartyConnectionId === null) return undefined;
  const parts = [alert.connectionId === null ? 'connection unknown' : `connection ${code(alert.connectionId)}`];
  if (alert.counterpartyConnectionId !== null) parts.push(`counterparty connection ${code(alert.counterpartyConnectionId)}`);
  if (alert.counterpartyClientId !== null) parts.push(`counterparty client ${code(alert.counterpartyClientId)}`);
  return `Over ${parts.join(', ')}.`;
}

function fieldsOf(kind: ClientAlertKind, alert: IbcClientAlert): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const past = kind === 'expired' || (alert.secondsLeft !== null && alert.secondsLeft <= 0);
  if (alert.secondsLeft !== null) fields.push({ name: 'Time left', value: hoursText(alert.secondsLeft), inline: true });
  if (alert.percentLeft !== null && !past) fields.push({ name: 'Trusting period left', value: percentText(alert.percentLeft, alert.trustingPeriodSeconds), inline: true });
  else if (alert.trustingPeriodSeconds !== null) fields.push({ name: 'Trusting period', value: formatDuration(alert.trustingPeriodSeconds), inline: true });
  if (alert.expiresAt !== null) fields.push({ name: past ? 'Expired at' : 'Expires', value: whenText(alert.expiresAt), inline: true });
  if (alert.lastUpdateAt !== null) fields.push({ name: 'Last updated', value: whenText(alert.lastUpdateAt), inline: true });
  if (kind === 'warning' || kind === 'critical' || kind === 'reminder') fields.push({ name: 'Update it', value: updateHint(alert) });
  return fields;
}

const colorOf: Readonly<Record<ClientAlertKind, number>> = {
  warning: IbcColor.warning,
  critical: IbcColor.critical,
  reminder: IbcColor.critical,
  expired: IbcColor.critical,
  frozen: IbcColor.critical,
  resolved: IbcColor.resolved,
  reactivated: IbcColor.resolved,
};

/** The embed for one client event (payload: `ibcClientAlert` in @herald/contracts). */
export function renderClientAlert(kind: ClientAlertKind, alert: IbcClientAlert): APIEmbed {
  const tracked = alert.trackedChainId === '' ? 'an unknown chain' : chainText(alert.trackedChainId, alert.trackedChainName);
  const who = `Client ${code(alert.clientId)} on ${chainText(alert.chainId, alert.chainName)} tracks ${tracked}.`;
  const description = [who, connectionText(alert), stateText(kind, alert)].filter((line) => line !== undefined).join('\n');
  const embed: APIEmbed = {
    title: titleOf(kind, alert),
    description,
    color: colorOf[kind],
    fields: fieldsOf(kind, alert),
    footer: { text: `Herald · IBC light client · ${alert.chainId} / ${alert.clientId}` },
  };
  // The host chain's block time the judgement used (ibc-go judges expiry by it, not by our clock).
  if (alert.hostTime !== null) embed.timestamp = alert.hostTime;
  return embed;
}
