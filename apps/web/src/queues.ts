import type { Queue } from 'bullmq';
import { QueueName } from '@herald/contracts';
import { createQueue, type QueueContext } from '@herald/queue';

/** One producer-side queue per queue name: Bull Board shows them all, admin actions add to `maintenance`. */
export function createQueues(ctx: QueueContext): Record<QueueName, Queue> {
  return Object.fromEntries(Object.values(QueueName).map((name) => [name, createQueue(name, ctx)])) as Record<QueueName, Queue>;
}
