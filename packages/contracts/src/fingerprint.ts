/**
 * A fingerprint names one observed condition (source + entity + condition) and is the unique key of
 * an event in Postgres and the job id of its delivery job. Segments are restricted so a fingerprint
 * is always a valid BullMQ job id.
 */
const segment = /^[A-Za-z0-9_-]+$/;

export function fingerprint(...segments: Array<string | number | bigint>): string {
  const parts = segments.map(String);
  for (const part of parts) {
    if (!segment.test(part)) throw new Error(`fingerprint segment ${JSON.stringify(part)} must match ${segment}`);
  }
  return parts.join('.');
}
