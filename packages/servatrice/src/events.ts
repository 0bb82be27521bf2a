import { fingerprint, servatriceAccountRegistered, type ServatriceAccountRegistered } from '@herald/contracts';
import type { AccountRow } from './reader.js';
import { truncate } from '@herald/discord/text';

export const accountRegisteredType = 'servatrice.account.registered' as const;

export interface AccountEventOptions {
  /** The configured source name; part of the fingerprint, so it must match /^[A-Za-z0-9_-]+$/. */
  source: string;
  /** Privacy switches: personal data goes into the event only when the operator allows it. */
  showEmail: boolean;
  showRealName: boolean;
}

export interface AccountEvent {
  fingerprint: string;
  type: typeof accountRegisteredType;
  subject: string;
  occurredAt: Date | null;
  payload: ServatriceAccountRegistered;
}

const sourcePattern = /^[A-Za-z0-9_-]+$/;
/** Discord's limit for an embed field value; the seed truncated real names to it too. */
const realNameLimit = 1024;

/** Turns a newly seen account into the event the poller writes to the outbox. */
export function accountEvent(row: AccountRow, options: AccountEventOptions): AccountEvent {
  if (!sourcePattern.test(options.source)) {
    throw new Error(`source name ${JSON.stringify(options.source)} must match ${sourcePattern}`);
  }
  const occurredAt = row.registrationDate === null ? null : new Date(row.registrationDate);
  const payload: ServatriceAccountRegistered = {
    source: options.source,
    accountId: row.id,
    name: row.name,
    registeredAt: row.registrationDate,
  };
  const realName = row.realName.trim();
  if (options.showRealName && realName !== '') payload.realName = truncate(realName, realNameLimit);
  const email = row.email.trim();
  if (options.showEmail && email !== '') payload.email = email;

  // The registration time is part of the identity: if the table is reset and an id is reused,
  // the new account is a new event instead of being swallowed as a duplicate.
  const registeredEpoch = occurredAt === null ? 0 : Math.floor(occurredAt.getTime() / 1000);
  return {
    fingerprint: fingerprint('servatrice', options.source, 'account', row.id, Math.max(0, registeredEpoch)),
    type: accountRegisteredType,
    subject: row.name,
    occurredAt,
    payload: servatriceAccountRegistered.parse(payload),
  };
}
