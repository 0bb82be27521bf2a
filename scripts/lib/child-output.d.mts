// Types of child-output.mjs for the TypeScript tests that import it (infra/child-output.test.ts).
import type { Writable } from 'node:stream';

export type ActivityLog = (name: string, write: (line: string) => void) => (text: string) => void;

export function standInActivityLog(
  createLogger: (options: { name: string; format: 'json' | 'pretty'; destination: Writable }) => { info: (msg: string) => void },
  format: 'json' | 'pretty',
): ActivityLog;
export function logFormatOf(env: Record<string, string | undefined>, isTerminal: boolean): Promise<'json' | 'pretty'>;
export function migrationSummary(stdout: string): string | undefined;
