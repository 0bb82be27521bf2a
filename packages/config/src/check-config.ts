/**
 * `--check-config`, understood by every app: load and validate the settings exactly as a start
 * would, then exit without connecting to anything — 0 after one JSON line `{"config":"ok",...}` on
 * stdout, or 2 after `config error: <setting>: <problem>` lines (through {@link runMain}). `npm start`
 * checks every app this way before it applies migrations, so a bad setting changes nothing.
 *
 * It is one of each app's flags, parsed with the rest by {@link parseCommandLine} (so a misspelling
 * such as `--check-confg` is an unknown argument, exit 2, not a real start): put `checkConfigFlag` in
 * the app's `flags`, and check only when `args.flags.has(checkConfigFlag)`.
 */
export const checkConfigFlag = 'check-config';

/** The success line of `--check-config`; `details` are facts a launcher needs (e.g. where the web app listens). */
export function reportConfigOk(details: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ config: 'ok', ...details })}\n`);
}
