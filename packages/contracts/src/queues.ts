/**
 * Queue names. BullMQ forbids ':' in queue names and job ids, so names use '-'.
 * Every producer and consumer takes its queue name from here.
 */
export const QueueName = {
  /** Poll jobs for the Servatrice source (one scheduler per configured source). */
  servatricePoll: 'servatrice-poll',
  /** Poll jobs for the IBC source: one scheduler per monitored chain, one for the wallets. */
  ibcPoll: 'ibc-poll',
  /** The Reddit source's scheduled work: the resurrections watcher and the inactivity update (scans are paced by the request budget, not by jobs). */
  redditPoll: 'reddit-poll',
  /** One job per recorded event; the notifier delivers it to every routed destination. */
  deliver: 'deliver',
  /** Housekeeping: outbox reconciliation (re-enqueue what Redis lost), retention. */
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
