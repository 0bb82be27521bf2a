import type { Logger } from '@herald/logging';

export type Closer = () => Promise<unknown>;

/**
 * On SIGTERM/SIGINT runs the closers in order (workers first so in-flight jobs finish and none are
 * left stalled, then connections) and exits; if they take longer than the deadline, exits anyway.
 */
export function handleShutdown(closers: Closer[], options: { logger: Logger; deadlineMs?: number }): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const deadline = options.deadlineMs ?? 8000;
    options.logger.info({ signal, deadlineMs: deadline }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, deadline);
    timer.unref();
    for (const close of closers) {
      try {
        await close();
      } catch (error) {
        options.logger.warn({ err: error }, 'error while closing');
      }
    }
    options.logger.info('stopped');
    options.logger.flush?.();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
