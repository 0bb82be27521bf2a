/** The values the ledger's status columns take. */
export const DeliveryStatus = {
  pending: 'pending',
  /** A request was being sent when the process stopped: the outcome is unknown. */
  sending: 'sending',
  delivered: 'delivered',
  /** Can never succeed as rendered (e.g. Discord answered 400); kept for operators to inspect. */
  dead: 'dead',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export const DestinationStatus = {
  active: 'active',
  /** Discord refused it (401/403/404): nothing is sent until an operator resumes it, or its target changes. */
  quarantined: 'quarantined',
  /** An operator paused it: nothing is sent, its deliveries wait (pending) until an operator resumes it. */
  paused: 'paused',
} as const;
export type DestinationStatus = (typeof DestinationStatus)[keyof typeof DestinationStatus];

export const AttemptOutcome = {
  delivered: 'delivered',
  retry: 'retry',
  dead: 'dead',
  quarantined: 'quarantined',
  inDoubt: 'in_doubt',
} as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];
