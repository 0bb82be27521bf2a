import { defaultSeverity, type IbcClientState, type Severity } from '@herald/contracts';

/** The IBC client events, `ibc.client.<kind>` in the catalogue. */
export type ClientAlertKind = 'warning' | 'critical' | 'expired' | 'frozen' | 'resolved' | 'reactivated' | 'reminder';

/** What `ibc_clients` remembers between polls for the alert logic. */
export interface StoredAlertState {
  /**
   * The last judged state. `unknown` here means "never judged" (a client seen for the first time,
   * or whose every read so far failed): a judgement of `unknown` never replaces a judged state.
   */
  state: IbcClientState;
  /** The most severe state alerted since the client was last ok; decides who hears of the resolve. */
  alertedState: IbcClientState | null;
  stateSince: Date;
  lastReminderAt: Date | null;
}

export interface ClientTransition {
  /** The state to store. */
  state: IbcClientState;
  alertedState: IbcClientState | null;
  /** The stored state changed (state_since restarts). */
  changed: boolean;
  lastReminderAt: Date | null;
  /** The event this transition posts, if any: one per transition, never a repeat per poll. */
  event: { kind: ClientAlertKind; from: IbcClientState; to: IbcClientState; severity: Severity } | null;
}

/** Worse states rank higher; `unknown` (never judged) ranks with `ok`. */
const rank: Record<IbcClientState, number> = { unknown: 0, ok: 0, warning: 1, critical: 2, expired: 3, frozen: 3 };
const isAlerting = (s: IbcClientState): s is 'warning' | 'critical' | 'expired' | 'frozen' => rank[s] > 0;
const isDead = (s: IbcClientState) => s === 'expired' || s === 'frozen';
const severityOf = (s: IbcClientState): Severity => (isAlerting(s) ? defaultSeverity[`ibc.client.${s}`] : 'info');

/**
 * Turns the stored state and a new judgement into what to store and the event to post.
 *
 * - A judgement of `unknown` (the client could not be read) changes nothing and posts nothing: an
 *   outage or a pruned node must never look like a change (and certainly not like "expired").
 * - Getting worse alerts: ok → warning/critical/expired/frozen, warning → critical, → expired,
 *   → frozen. Getting less bad without reaching ok (critical → warning, e.g. after a threshold
 *   change) is stored silently.
 * - First sight (stored `unknown`): ok is recorded silently; a client already in warning, critical,
 *   expired or frozen alerts once, with `from: 'unknown'` — an operator who just installed Herald
 *   must learn of a client about to expire (the seed alerted on its first cycle too).
 * - warning/critical → ok: `resolved`; expired/frozen → Active again (a governance recovery):
 *   `reactivated`. Both carry the severity of the worst state alerted in the episode, so they
 *   reach the routes that got the alert.
 * - While critical, a `reminder` every `reminderIntervalMs` (0 = never), counted from entering
 *   critical or the last reminder.
 */
export function decideClientTransition(prior: StoredAlertState, judged: IbcClientState, now: Date, reminderIntervalMs: number): ClientTransition {
  const unchanged: ClientTransition = { state: prior.state, alertedState: prior.alertedState, changed: false, lastReminderAt: prior.lastReminderAt, event: null };
  if (judged === 'unknown') return unchanged;
  if (judged === prior.state) {
    if (judged !== 'critical' || reminderIntervalMs <= 0) return unchanged;
    const since = prior.lastReminderAt ?? prior.stateSince;
    if (now.getTime() - since.getTime() < reminderIntervalMs) return unchanged;
    return { ...unchanged, lastReminderAt: now, event: { kind: 'reminder', from: judged, to: judged, severity: severityOf(prior.alertedState ?? judged) } };
  }
  const moved = { state: judged, changed: true, lastReminderAt: null };
  const episode = prior.alertedState ?? (isAlerting(prior.state) ? prior.state : null);
  if (isDead(prior.state) && !isDead(judged)) {
    // Active again after expiry or misbehaviour: only a governance proposal (client recovery) does that.
    const event = { kind: 'reactivated' as const, from: prior.state, to: judged, severity: severityOf(episode ?? prior.state) };
    return { ...moved, alertedState: isAlerting(judged) ? judged : null, event };
  }
  if (judged === 'ok') {
    if (!isAlerting(prior.state)) return { ...moved, alertedState: null, event: null };
    return { ...moved, alertedState: null, event: { kind: 'resolved', from: prior.state, to: judged, severity: severityOf(episode ?? prior.state) } };
  }
  if (rank[judged] <= rank[prior.state] && !isDead(judged)) return { ...moved, alertedState: episode, event: null };
  const worst = episode !== null && rank[episode] >= rank[judged] ? episode : judged;
  return { ...moved, alertedState: worst, event: { kind: judged as ClientAlertKind, from: prior.state, to: judged, severity: severityOf(judged) } };
}
