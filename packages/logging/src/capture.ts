import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

/**
 * A real logger (redaction and all) whose JSON lines are collected in `lines`, for tests that
 * assert what an operator would read. Lines arrive asynchronously: await a tick before reading.
 */
export function captureLogs(name = 'test'): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ name, destination }) };
}
