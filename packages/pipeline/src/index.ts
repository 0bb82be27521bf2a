export * from './types.js';
export * from './outbox.js';
export * from './enqueue.js';
export * from './destinations.js';
export * from './reconcile.js';
export { createDeliveryEngine, DefaultDeliveryEngineOptions, type DeliveryEngine, type DeliveryEngineOptions, type DeliverOutcome } from './delivery/engine.js';
export { renderEvent, RenderError, type Renderers } from './delivery/renderers.js';
export type { MessageSender, MessagePacker, MessageBody, SendResult, Destination } from './delivery/sender.js';
export { retryDelayMs } from './delivery/backoff.js';
