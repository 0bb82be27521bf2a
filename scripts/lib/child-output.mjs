// What `npm start` makes of its children's output besides relaying the apps' log lines: the demo's
// stand-ins (packages/testkit's fake CLIs) say what they do in plain text, relayed as the apps' log
// lines, and the migration step's report is summed up as progress; so a pipe gets only JSON log
// entries and a terminal gets readable lines in one format.
import { Writable } from 'node:stream';
import { heraldSetting } from './herald-settings.mjs';

/**
 * The Supervisor's `activityLog`: for the stand-in `name`, a function that logs one activity line at
 * info level through `createLogger` (@herald/logging's, so the line has the apps' fields — level,
 * time, app, msg — and is redacted as theirs are) in `format` (`json` or `pretty`), each resulting
 * line handed to `write`.
 * @param {(options: { name: string, format: 'json' | 'pretty', destination: NodeJS.WritableStream }) => { info: (msg: string) => void }} createLogger
 * @param {'json' | 'pretty'} format
 */
export function standInActivityLog(createLogger, format) {
  return (name, write) => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line !== '') write(line);
        done();
      },
    });
    const logger = createLogger({ name, format, destination });
    return (text) => logger.info(text);
  };
}

/**
 * The format the apps' `auto` log format resolves to under `npm start`, for the lines this script
 * logs itself: LOG_FORMAT or HERALD_CONFIG's log.format when it is `json` or `pretty`, else pretty
 * on a terminal and JSON otherwise.
 */
export async function logFormatOf(env, isTerminal) {
  const chosen = env.LOG_FORMAT || (await heraldSetting(env, ['log', 'format']));
  return chosen === 'json' || chosen === 'pretty' ? chosen : isTerminal ? 'pretty' : 'json';
}

/**
 * The migration step's report (its stdout: the JSON line `{"msg":"migrations applied","applied":[names],
 * "alreadyApplied":n}`, possibly among other lines) as one line of progress: `2 migrations applied
 * (14 already were)`, `the schema is current (16 migrations)`; undefined when there is no such line.
 */
export function migrationSummary(stdout) {
  const report = stdout
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    })
    .findLast((value) => Array.isArray(value?.applied) && typeof value.alreadyApplied === 'number');
  if (report === undefined) return undefined;
  const { applied, alreadyApplied } = report;
  if (applied.length === 0) return `the schema is current (${alreadyApplied} migration${alreadyApplied === 1 ? '' : 's'})`;
  const plural = applied.length === 1 ? '' : 's';
  return `${applied.length} migration${plural} applied${alreadyApplied > 0 ? ` (${alreadyApplied} already ${alreadyApplied === 1 ? 'was' : 'were'})` : ''}`;
}
