import type { IbcClientAlert } from '@herald/contracts';
import type { NewEvent } from '@herald/pipeline';
import type { ClientUpdate, StoredClient } from './client-store.js';
import { judgeExpiry, type ExpiryThresholds } from './expiry.js';
import { clientFingerprint } from './fingerprint.js';
import { decideClientTransition } from './transitions.js';
import type { Chain, ClientFinding } from './types.js';

export interface ClientAlertContext {
  chains: ReadonlyMap<string, Chain>;
  thresholds: ExpiryThresholds;
  reminderIntervalMs: number;
  now: Date;
}

/**
 * What one finding of a scan (read, or failed for this client alone) changes: the row to write
 * and the event of its transition, if any. Not for unreachable or skipped findings: their rows are
 * left exactly as they are (the last known state, shown as stale). A finding that failed or could
 * not be judged keeps its state and records why in `last_error`; fields not read this time
 * (a status-only re-check of an expired client) keep their stored values.
 */
export function judgeFinding(finding: ClientFinding, stored: StoredClient, ctx: ClientAlertContext): { update: ClientUpdate; event: NewEvent | null } {
  const base = {
    chainId: finding.chainId,
    clientId: finding.clientId,
    monitoredChainId: finding.monitoredChainId,
    connectionId: finding.connectionId,
    counterpartyConnectionId: finding.counterpartyConnectionId,
    counterpartyClientId: finding.counterpartyClientId,
  };
  const observation = finding.observation;
  if (observation === undefined || finding.hostTime === undefined) {
    const update: ClientUpdate = {
      ...base,
      ...keep(stored),
      lastError: finding.error ?? 'not read',
      ...{ trackedChainId: null, status: null, trustingPeriodSeconds: null, latestHeight: null, lastUpdateAt: null, expiresAt: null, hostTime: null, checkedAt: null },
    };
    return { update, event: null };
  }
  const judged = judgeExpiry(observation, finding.hostTime, ctx.thresholds);
  const next = decideClientTransition(stored, judged.state, ctx.now, ctx.reminderIntervalMs);
  const transitions = next.event ? stored.transitions + 1 : stored.transitions;
  const update: ClientUpdate = {
    ...base,
    state: next.state,
    alertedState: next.alertedState,
    changed: next.changed,
    transitions,
    lastReminderAt: next.lastReminderAt,
    lastError: judged.reason ?? null,
    trackedChainId: observation.trackedChainId,
    status: observation.status,
    trustingPeriodSeconds: observation.trustingPeriodSeconds,
    latestHeight: observation.latestHeight,
    lastUpdateAt: observation.lastUpdateAt,
    expiresAt: judged.expiresAt,
    hostTime: finding.hostTime,
    checkedAt: ctx.now,
  };
  if (!next.event) return { update, event: null };
  // A status-only read carries no timing: the alert tells what was last read.
  const trustingPeriodSeconds = observation.trustingPeriodSeconds ?? stored.trustingPeriodSeconds;
  const expiresAt = judged.expiresAt ?? stored.expiresAt;
  const secondsLeft = expiresAt ? Math.floor((expiresAt.getTime() - finding.hostTime.getTime()) / 1000) : null;
  const trackedChainId = observation.trackedChainId ?? stored.trackedChainId ?? '';
  const payload: IbcClientAlert = {
    chainId: finding.chainId,
    chainName: ctx.chains.get(finding.chainId)?.name ?? finding.chainId,
    clientId: finding.clientId,
    trackedChainId,
    trackedChainName: ctx.chains.get(trackedChainId)?.name ?? null,
    connectionId: finding.connectionId,
    counterpartyConnectionId: finding.counterpartyConnectionId,
    counterpartyClientId: finding.counterpartyClientId,
    from: next.event.from,
    to: next.event.to,
    lastUpdateAt: (observation.lastUpdateAt ?? stored.lastUpdateAt)?.toISOString() ?? null,
    expiresAt: expiresAt?.toISOString() ?? null,
    secondsLeft,
    trustingPeriodSeconds,
    percentLeft: secondsLeft !== null && trustingPeriodSeconds ? Math.round(Math.max(0, Math.min(100, (secondsLeft / trustingPeriodSeconds) * 100)) * 100) / 100 : null,
    hostTime: finding.hostTime.toISOString(),
  };
  const event: NewEvent = {
    fingerprint: clientFingerprint(finding.chainId, finding.clientId, transitions),
    type: `ibc.client.${next.event.kind}`,
    subject: `${finding.chainId}/${finding.clientId}`,
    occurredAt: ctx.now,
    payload,
    severity: next.event.severity,
  };
  return { update, event };
}

function keep(stored: StoredClient): Pick<ClientUpdate, 'state' | 'alertedState' | 'changed' | 'transitions' | 'lastReminderAt'> {
  return { state: stored.state, alertedState: stored.alertedState, changed: false, transitions: stored.transitions, lastReminderAt: stored.lastReminderAt };
}
