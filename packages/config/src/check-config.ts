/**
 * `--check-config`, understood by every app: load and validate the settings exactly as a start
 * would, then exit without connecting to anything — 0 after one JSON line `{"config":"ok",...}` on
 * stdout, or 2 after `config error: <setting>: <problem>` lines (through {@link runMain}). `npm start`
 * checks every app this way before it applies migrations, so a bad setting changes nothing.
 */
export const checkConfigFlag = '--check-config';

/** Splits `--check-config` off the command line, so each app's own parser stays strict about the rest. */
export function takeCheckConfigFlag(argv: string[]): { checkOnly: boolean; argv: string[] } {
  return { checkOnly: argv.includes(checkConfigFlag), argv: argv.filter((arg) => arg !== checkConfigFlag) };
}

/** The success line of `--check-config`; `details` are facts a launcher needs (e.g. where the web app listens). */
export function reportConfigOk(details: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ config: 'ok', ...details })}\n`);
}
