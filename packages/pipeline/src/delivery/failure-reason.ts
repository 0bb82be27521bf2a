import { truncate } from '@herald/discord/text';
import { redact } from '@herald/logging';

/** The longest stored failure reason (a delivery's attempt or dead letter, a destination's quarantine), in UTF-16 code units. */
export const MaxFailureReasonLength = 1000;

/**
 * Why a message did not reach Discord, as it is stored and shown to operators: `HTTP 404: Unknown Webhook`
 * (the error alone when no answer came), redacted (webhook tokens, e-mail addresses…), then cut to
 * {@link MaxFailureReasonLength} with a closing `…`. Redacted before the cut, so a secret cut in half at
 * the limit is still recognised and hidden.
 */
export function failureReason(failure: { status?: number | undefined; error: string }): string {
  return truncate(redact(failure.status ? `HTTP ${failure.status}: ${failure.error}` : failure.error), MaxFailureReasonLength);
}
