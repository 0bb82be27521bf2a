import { randomBytes } from 'node:crypto';

/** A short unique name for a test resource (database, Redis prefix); safe in SQL identifiers. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
