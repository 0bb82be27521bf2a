import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDabFile } from './read.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-dab-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function dabFile(content: unknown): string {
  const path = join(dir, 'dab.conf.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const read = (content: unknown) => readDabFile(dabFile(content), 'DAB_CONFIG');
/** The message readDabFile throws for `content` (all problems, one a line). */
const problems = (content: unknown): string => {
  try {
    read(content);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

const hour = 3_600_000;
const minute = 60_000;
const retry = (times: number, maxInterval: number, resetAfter: number) => ({ times, max_interval: maxInterval, reset_after: resetAfter });

describe('dab.conf.json: the seed rules (§3.13)', () => {
  it('an empty object gives every default of the seed', () => {
    expect(read({}).file).toEqual({
      hide_prefix: 'hide/',
      log_level: 'info',
      timezone: 'UTC',
      database: {
        path: './dab.db',
        backup_path: './dab.db.backup',
        backup_max_age: 24 * hour,
        cleanup_interval: 30 * minute,
        timeout: 15_000,
        retry_connection: retry(25, 10_000, 5 * minute),
      },
      discord: { highscore_threshold: -1000, prefix: '!', dirty_reads: true, retry_connection: retry(5, 2 * minute, 2 * hour) },
      reddit: {
        full_scan_interval: 6 * hour,
        inactivity_threshold: 2200 * hour,
        max_age: 24 * hour,
        max_batches: 5,
        resurrections_interval: 0,
        retry_connection: retry(10, 5 * minute, hour),
      },
      report: { cutoff: -50, nb_top: 5 },
      web: { default_limit: 100, max_limit: 1000, nb_db_conn: 10, dirty_reads: true, db_optimize: 2 * hour },
    });
  });

  it.each([
    ['reddit', 'full_scan_interval', '59m59s', '1h', 'must be at least 1h (got 59m59s)'],
    ['reddit', 'inactivity_threshold', '23h', '24h', 'must be at least 24h (got 23h)'],
    ['reddit', 'max_age', '86399s', '1440m', 'must be at least 24h (got 86399s)'],
    ['reddit', 'resurrections_interval', '30s', '0s', 'must be 0 (disabled) or at least 1m (got 30s)'],
    ['reddit', 'unsuspension_interval', '59s', '1m', 'must be 0 (disabled) or at least 1m (got 59s)'],
    ['reddit', 'max_batches', 0, 1, 'must be at least 1'],
    ['discord', 'highscore_threshold', 0, -1, 'must be at most -1'],
    ['report', 'cutoff', 1, 0, 'must be at most 0'],
    ['report', 'leeway', '-1h', '0', 'may not be negative (got -1h)'],
    ['database', 'backup_max_age', '59m', '1h', 'must be at least 1h (got 59m)'],
    ['database', 'cleanup_interval', '59s', '0s', 'must be 0 (disabled) or at least 1m (got 59s)'],
    ['web', 'db_optimize', '4m', '5m', 'must be at least 5m (got 4m)'],
    ['web', 'nb_db_conn', 0, 1, 'must be at least 1'],
  ])('%s.%s: %j is refused, %j accepted', (section, key, bad, good, message) => {
    const path = join(dir, 'dab.conf.json');
    expect(problems({ [section]: { [key]: bad } })).toBe(`${section}.${key} in ${path}: ${message}`);
    expect(() => read({ [section]: { [key]: good } })).not.toThrow();
  });

  it('other rules of the seed: non-empty hide prefix, distinct backup path, IANA time zone', () => {
    const path = join(dir, 'dab.conf.json');
    expect(problems({ hide_prefix: '' })).toBe(`hide_prefix in ${path}: may not be empty`);
    expect(problems({ database: { path: 'a.db', backup_path: 'a.db' } })).toBe(`database.backup_path in ${path}: must differ from database.path`);
    expect(problems({ timezone: 'Mars/Olympus' })).toBe(`timezone in ${path}: "Mars/Olympus" is not an IANA time zone name (e.g. America/Chicago, Europe/Paris, UTC)`);
    expect(problems({ timezone: '+01:00' })).toMatch(/is not an IANA time zone name/);
    expect(read({ timezone: 'America/Chicago' }).file.timezone).toBe('America/Chicago');
    expect(read({ timezone: '' }).file.timezone).toBe('UTC');
    expect(read({ timezone: 'Local' }).file.timezone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('unknown keys are errors naming the key as written, with the known ones', () => {
    const path = join(dir, 'dab.conf.json');
    expect(problems({ reddit: { max_agee: '24h' } })).toBe(
      `reddit.max_agee in ${path}: unknown key (known here: id, secret, username, password, user_agent, full_scan_interval, inactivity_threshold, max_age, max_batches, resurrections_interval, unsuspension_interval, retry_connection, compendium, compendium_update_interval, dvt_interval, watch_submissions, log_level)`,
    );
    expect(problems({ Discord: { Retry_Connection: { Tries: 3 } } })).toMatch(new RegExp(`^Discord\\.Retry_Connection\\.Tries in ${path}: unknown key \\(known here: times, max_interval, reset_after\\)$`));
    expect(problems({ reddit: { watch_submissions: [{ target: '/r/x', every: '1h' }] } })).toMatch(/^reddit\.watch_submissions\[0\]\.every in .*: unknown key \(known here: target, interval\)$/);
    expect(problems({ irc: {} })).toMatch(/^irc in .*: unknown key \(known here: hide_prefix, log_level, timezone, database, discord, reddit, report, web\)$/);
  });

  it('keys match case-insensitively, as Go decodes them; the later of two spellings wins; null keeps the default', () => {
    const { file, written } = read({ REDDIT: { Max_Age: '48h', MAX_BATCHES: 2 }, reddit: { max_batches: 3 }, Timezone: 'Europe/Paris', log_level: null });
    expect(file.reddit).toMatchObject({ max_age: 48 * hour, max_batches: 3 });
    expect(file.timezone).toBe('Europe/Paris');
    expect(file.log_level).toBe('info');
    expect(written.get('reddit.max_age')).toBe('REDDIT.Max_Age');
    expect(written.get('reddit.max_batches')).toBe('reddit.max_batches');
    expect(written.has('log_level')).toBe(false);
    const path = join(dir, 'dab.conf.json');
    expect(problems({ Reddit: { Max_Age: '1h' } })).toBe(`Reddit.Max_Age in ${path}: must be at least 24h (got 1h)`);
  });

  it('durations are Go strings: fractions and every Go unit, nothing else', () => {
    const { file } = read({ reddit: { full_scan_interval: '1.5h', resurrections_interval: '1m30s' }, database: { timeout: '300ms' }, web: { db_optimize: '2h0m0.5s' } });
    expect(file.reddit.full_scan_interval).toBe(90 * minute);
    expect(file.reddit.resurrections_interval).toBe(90_000);
    expect(file.database.timeout).toBe(300);
    expect(file.web.db_optimize).toBe(2 * hour + 500);
    const path = join(dir, 'dab.conf.json');
    expect(problems({ reddit: { max_age: '3d' } })).toBe(`reddit.max_age in ${path}: "3d" is not a Go duration (unknown unit "d" in duration "3d"; use e.g. 72h, 1h30m, 15m, 300ms)`);
    expect(problems({ reddit: { max_age: '72' } })).toMatch(/missing unit in duration "72"/);
    expect(problems({ reddit: { max_age: 72 } })).toBe(`reddit.max_age in ${path}: must be a Go duration string such as "72h", "1h30m", "15m" or "300ms"`);
  });

  it('types as Go decodes them: whole numbers, booleans, quoted Discord ids; every problem at once', () => {
    const path = join(dir, 'dab.conf.json');
    expect(problems({ reddit: { max_batches: '5' }, discord: { general: 508169151894056221, dirty_reads: 'yes', log: 'chan' }, report: { nb_top: 2.5 } })).toBe(
      [
        `discord.general in ${path}: must be a string: put Discord ids in quotes (as a bare number JSON changes their last digits)`,
        `discord.log in ${path}: must be a Discord id (15 to 21 digits)`,
        `discord.dirty_reads in ${path}: Invalid input: expected boolean, received string`,
        `reddit.max_batches in ${path}: must be a whole number (a JSON number, not a string)`,
        `report.nb_top in ${path}: must be a whole number`,
      ].join('\n'),
    );
  });

  it('log levels: the seed names in any case', () => {
    expect(read({ log_level: 'Debug', web: { log_level: 'ERROR' } }).file).toMatchObject({ log_level: 'debug', web: { log_level: 'error' } });
    expect(problems({ log_level: 'verbose' })).toMatch(/^log_level in .*: must be one of Fatal, Error, Info, Debug$/);
  });

  it('templates: the welcome and User-Agent fields only', () => {
    const { file } = read({ discord: { welcome: 'Hi <@{{.Member.ID}}> ({{.Member.FQN}}), see <#{{.ChannelsID.General}}>; I am <@{{.BotID}}>' }, reddit: { user_agent: '{{.OS}}:x:v{{.Version}}' } });
    expect(file.discord.welcome).toMatch(/^Hi/);
    expect(file.reddit.user_agent).toBe('{{.OS}}:x:v{{.Version}}');
    const path = join(dir, 'dab.conf.json');
    expect(problems({ discord: { welcome: 'Hi {{.Member.Mention}}' } })).toBe(
      `discord.welcome in ${path}: is not a valid template: {{.Member.Mention}} is not available: only {{.Member.ID}}, {{.Member.Name}}, {{.Member.FQN}}, {{.Member.Discriminator}}, {{.ChannelsID.General}}, {{.ChannelsID.Graveyard}}, {{.ChannelsID.HighScores}}, {{.ChannelsID.Log}}, {{.BotID}} may be used`,
    );
    expect(problems({ reddit: { user_agent: '{{.OS}}:{{.Member.ID}}' } })).toMatch(/^reddit\.user_agent in .*: is not a valid template: \{\{\.Member\.ID\}\} is not available: only \{\{\.OS\}\}, \{\{\.Version\}\} may be used$/);
    expect(problems({ discord: { welcome: 'Hi {{.Member.ID' } })).toMatch(/discord\.welcome in .*: is not a valid template: unclosed action/);
  });

  it('the file itself: missing, not JSON (with the line), not an object; errors name DAB_CONFIG', () => {
    const missing = join(dir, 'nope.json');
    expect(() => readDabFile(missing, 'DAB_CONFIG')).toThrow(`DAB_CONFIG: cannot read the dab.conf.json ${missing}: ENOENT`);
    // The seed README's sample has a trailing comma, which Go's decoder refuses too.
    expect(problems('{\n  "reddit": {\n    "max_age": "72h",\n  }\n}')).toMatch(/^DAB_CONFIG: .*dab\.conf\.json is not valid JSON: .* \(line 4, column 3\)$/);
    expect(problems('[]')).toMatch(/^DAB_CONFIG: .*dab\.conf\.json must contain a JSON object/);
    expect(read('\uFEFF{"timezone":"UTC"}').file.timezone).toBe('UTC');
  });

  it('secrets never appear in errors', () => {
    const message = problems({ reddit: { password: 12345678, secret: ['s3cr3t'] }, discord: { token: { t: 'tok3n' } } });
    // Each bad secret is reported by its setting and what was wrong with it...
    expect(message.split('\n').map((line) => line.replace(/ in .*dab\.conf\.json:/, ':'))).toEqual([
      'discord.token: Invalid input: expected string, received object',
      'reddit.secret: Invalid input: expected string, received array',
      'reddit.password: Invalid input: expected string, received number',
    ]);
    // ...and its value is not.
    expect(message).not.toMatch(/12345678|s3cr3t|tok3n/);
  });
});
