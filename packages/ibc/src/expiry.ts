import type { IbcClientState } from '@herald/contracts';
import type { ClientObservation } from './types.js';

/** When a light client stops being `ok`. */
export interface ExpiryThresholds {
  /** Fraction (0–1, exclusive) of the trusting period elapsed from which a client is `warning` (the seed's `expiry_alert_threshold`, 0.8). */
  warningElapsed: number;
  /** Milliseconds left at or below which a client in warning is `critical` (default 24 h). */
  criticalLeftMs: number;
}

export const DefaultExpiryThresholds: ExpiryThresholds = { warningElapsed: 0.8, criticalLeftMs: 24 * 3_600_000 };

/** What a light client's state is, judged at one host block time. */
export interface ExpiryJudgement {
  state: IbcClientState;
  /** lastUpdate + trustingPeriod − host block time, in whole seconds (negative once past); null when not readable. */
  secondsLeft: number | null;
  /** secondsLeft as a percent of the trusting period, clamped to 0–100; null when not readable. */
  percentLeft: number | null;
  /** lastUpdate + trustingPeriod (UTC): the moment ibc-go calls the client expired; null when not readable. */
  expiresAt: Date | null;
  /** Why the state is `unknown` (for `ibc_clients.last_error`); absent otherwise. */
  reason?: string;
}

/**
 * Judges a light client from what its host chain said and the host chain's latest block time.
 *
 * - ibc-go's `ClientStatus` is the authority (it is what makes packets fail): `Frozen` (or a
 *   non-zero frozen height) → `frozen`; `Expired` → `expired`; anything but `Active` (`Unknown`,
 *   `Unauthorized`, a word we do not know) → `unknown`. An `Active` client is never called expired
 *   here, even when the host block time we read is already past its expiry: the status query was
 *   answered at a (slightly different) height, and the next poll will read `Expired` if it is. It
 *   is then `critical` with secondsLeft ≤ 0.
 * - Time left is judged against the HOST chain's block time, as ibc-go does
 *   (`consensusState.timestamp + trustingPeriod ≤ ctx.BlockTime()`), never against our wall clock.
 * - `warning` from `warningElapsed` of the trusting period elapsed; `critical` when also at most
 *   `criticalLeftMs` remain. Critical requires the warning condition too, as the seed combined its
 *   80 % and 48 h conditions with AND: a client whose whole trusting period is shorter than
 *   `criticalLeftMs` (test chains use hours) is not critical the moment it is updated.
 * - An `Active` client whose trusting period or last update could not be read is `unknown`.
 */
export function judgeExpiry(observation: ClientObservation, hostTime: Date, thresholds: ExpiryThresholds = DefaultExpiryThresholds): ExpiryJudgement {
  const timing = timeLeft(observation, hostTime);
  if (observation.frozen || observation.status === 'Frozen') return { state: 'frozen', ...timing };
  if (observation.status === 'Expired') return { state: 'expired', ...timing };
  if (observation.status !== 'Active') return { state: 'unknown', ...timing, reason: `client status ${observation.status || '(empty)'}` };
  if (timing.secondsLeft === null || observation.trustingPeriodSeconds === null) {
    return { state: 'unknown', ...timing, reason: 'trusting period or consensus state timestamp not readable' };
  }
  const elapsed = observation.trustingPeriodSeconds - timing.secondsLeft;
  const warning = elapsed >= thresholds.warningElapsed * observation.trustingPeriodSeconds;
  if (!warning) return { state: 'ok', ...timing };
  return { state: timing.secondsLeft * 1000 <= thresholds.criticalLeftMs ? 'critical' : 'warning', ...timing };
}

function timeLeft(observation: ClientObservation, hostTime: Date): Pick<ExpiryJudgement, 'secondsLeft' | 'percentLeft' | 'expiresAt'> {
  const period = observation.trustingPeriodSeconds;
  if (period === null || period <= 0 || observation.lastUpdateAt === null) return { secondsLeft: null, percentLeft: null, expiresAt: null };
  const expiresAt = new Date(observation.lastUpdateAt.getTime() + period * 1000);
  const secondsLeft = Math.floor((expiresAt.getTime() - hostTime.getTime()) / 1000);
  const percentLeft = Math.max(0, Math.min(100, (secondsLeft / period) * 100));
  return { secondsLeft, percentLeft: Math.round(percentLeft * 100) / 100, expiresAt };
}
