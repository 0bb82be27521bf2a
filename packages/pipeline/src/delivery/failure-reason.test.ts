import { describe, expect, it } from 'vitest';
import { failureReason, MaxFailureReasonLength } from './failure-reason.js';

describe('failureReason', () => {
  it('names the HTTP status when Discord answered, and the error alone when nothing came back', () => {
    expect(failureReason({ status: 404, error: 'Unknown Webhook' })).toBe('HTTP 404: Unknown Webhook');
    expect(failureReason({ error: 'connect ECONNREFUSED 127.0.0.1:443' })).toBe('connect ECONNREFUSED 127.0.0.1:443');
  });

  it('hides secrets, also one that straddles the length limit', () => {
    expect(failureReason({ status: 401, error: 'POST /api/webhooks/123/SeCrEtToKeN failed for owner@example.org' })).toBe(
      'HTTP 401: POST /api/webhooks/123/*** failed for [email]',
    );
    // The token begins before the limit and ends after it: redacted first, none of it is kept.
    const padding = 'x'.repeat(MaxFailureReasonLength - 30);
    const out = failureReason({ error: `${padding} /webhooks/123/${'T'.repeat(100)} end` });
    expect(out).not.toContain('T');
    expect(out).toBe(`${padding} /webhooks/123/*** end`);
  });

  it('marks a cut with a closing ellipsis and stays within the limit', () => {
    const out = failureReason({ status: 500, error: 'e'.repeat(5000) });
    expect(out).toHaveLength(MaxFailureReasonLength);
    expect(out).toBe(`HTTP 500: ${'e'.repeat(MaxFailureReasonLength - 11)}…`);
  });

  it('never splits a surrogate pair at the cut', () => {
    // 'HTTP 502: ' is 10 code units; the emoji's two halves would sit on either side of the cut.
    const error = `${'a'.repeat(MaxFailureReasonLength - 12)}😀${'b'.repeat(100)}`;
    const out = failureReason({ status: 502, error });
    expect(out).toBe(`HTTP 502: ${'a'.repeat(MaxFailureReasonLength - 12)}…`);
    expect(() => encodeURIComponent(out)).not.toThrow(); // it throws on a lone surrogate
  });
});
