import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDabConfig } from './index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-dab-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function dabFile(content: unknown): string {
  const path = join(dir, 'dab.conf.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** The sample configuration of the seed's README (seed-behaviour §3.13). */
const readmeSample = {
  timezone: 'America/Chicago',
  database: { path: '/var/lib/dab/db.sqlite3', backup_path: '/var/lib/dab/db.sqlite3.backup' },
  reddit: {
    username: 'AGreatUsername',
    password: 'hunter2',
    id: 'XaiUdR5UBKl_FY',
    secret: 'D8PvhefS9ZTZFOUxK-9Bu7iaRLt',
    user_agent: '{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)',
    unsuspension_interval: '15m',
  },
  discord: {
    token: 'NJx4MJt5ODt5MTk0MzM2Mjc6.DrQECx.pMN84B0UfL2WxxssdxHxx0MxxK8',
    general: '508169151894056221',
    log: '508869940013213344',
    highscores: '508263683211452578',
    privileged_role: '653243081214462080',
    welcome: 'Hello <@{{.Member.ID}}>!',
  },
  web: { log_level: 'info', listen: 'localhost:3499' },
};

describe('dab.conf.json translated into Herald settings', () => {
  it("the README sample: Reddit credentials, the bot, graveyard (= general) and high-score channels, the reports' zone, the web address, the backup place and the community channels", () => {
    const path = dabFile(readmeSample);
    const dab = readDabConfig(path);
    expect(dab.settings).toEqual({
      reddit: {
        clientId: 'XaiUdR5UBKl_FY',
        clientSecret: 'D8PvhefS9ZTZFOUxK-9Bu7iaRLt',
        username: 'AGreatUsername',
        password: 'hunter2',
        userAgent: '{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)',
        resurrectionsInterval: 900_000,
      },
      discord: { bot: { token: readmeSample.discord.token, prefix: '!', privilegedRole: '653243081214462080' } },
      destinations: { graveyard: { channel: '508169151894056221' }, highscores: { channel: '508263683211452578' } },
      routes: [
        { events: ['reddit.user.*'], to: ['graveyard'] },
        { events: ['reddit.comment.highscore'], to: ['highscores'] },
      ],
      reports: { timezone: 'America/Chicago' },
      web: { host: 'localhost', port: '3499' },
      backup: { path: '/var/lib/dab/db.sqlite3.backup.pgdump' },
      community: {
        generalChannel: '508169151894056221',
        logChannel: '508869940013213344',
        welcome: 'Hello <@{{.Member.ID}}>!',
        goodbyeChannel: '508169151894056221',
      },
    });
    expect(dab.warnings).toEqual([`reddit.unsuspension_interval in ${path} is deprecated: use reddit.resurrections_interval (this key still overrides it when not 0)`]);
    // Each setting is named by the key it came from, as written.
    expect(dab.sources.get('destinations.graveyard.channel')).toBe(`discord.general in ${path}`);
    expect(dab.sources.get('reddit.resurrectionsInterval')).toBe(`reddit.unsuspension_interval in ${path}`);
  });

  it('every reddit key, the threshold, hide prefixes, log level and retry map to the reddit section', () => {
    const path = dabFile({
      hide_prefix: 'h/',
      log_level: 'Debug',
      Reddit: {
        Full_Scan_Interval: '2h',
        inactivity_threshold: '48h',
        max_age: '72h',
        max_batches: 7,
        resurrections_interval: '30m',
        unsuspension_interval: '0s',
        retry_connection: { times: -1, max_interval: '1m', reset_after: '2h' },
      },
      discord: { highscore_threshold: -500, graveyard: '508169151894056222', prefix: '?' },
    });
    const dab = readDabConfig(path);
    expect(dab.settings).toEqual({
      reddit: {
        fullScanInterval: 7_200_000,
        inactivityThreshold: 172_800_000,
        maxAge: 259_200_000,
        maxBatches: 7,
        resurrectionsInterval: 1_800_000,
        retry: { times: -1, maxInterval: 60_000, resetAfter: 7_200_000 },
        highscoreThreshold: -500,
        hidePrefix: 'h/',
      },
      log: { level: 'debug' },
      discord: { bot: { prefix: '?' } },
      destinations: { graveyard: { channel: '508169151894056222' } },
      // No highscores channel: high scores are not routed, as the seed did not track them then.
      routes: [{ events: ['reddit.user.*'], to: ['graveyard'] }],
      community: { goodbyeChannel: '508169151894056222' },
    });
    expect(dab.sources.get('reddit.fullScanInterval')).toBe(`Reddit.Full_Scan_Interval in ${path}`);
    // `0s`: does not override; still deprecated, named as written.
    expect(dab.warnings).toEqual([`Reddit.unsuspension_interval in ${path} is deprecated: use reddit.resurrections_interval (this key still overrides it when not 0)`]);
  });

  it('discord.hide_prefix is the one hide prefix when set', () => {
    const path = dabFile({ hide_prefix: 'h/', discord: { hide_prefix: 'x/' } });
    const dab = readDabConfig(path);
    expect(dab.settings).toMatchObject({ reddit: { hidePrefix: 'x/' } });
    expect(dab.warnings).toEqual([`discord.hide_prefix in ${path} is Herald's one hide prefix (commands and useradd alike); hide_prefix in ${path} is not used`]);
    expect(readDabConfig(dabFile({ discord: { hide_prefix: '' } })).settings).toEqual({ discord: { bot: { prefix: '!' } } });
  });

  it('deprecated keys are accepted, typed, and each warned about', () => {
    const path = dabFile({
      discord: { admin: '123' },
      reddit: {
        compendium: { sub: 'x', update_interval: '1h' },
        compendium_update_interval: '2h',
        dvt_interval: '5m',
        watch_submissions: [{ target: '/u/someone', interval: '10m' }],
      },
      report: { leeway: '12h' },
      database: { cleanup_interval: '1h' },
      web: { dirty_reads: false, nb_db_conn: 4 },
    });
    const { warnings } = readDabConfig(path);
    expect(warnings).toEqual([
      `discord.admin in ${path} is deprecated: has had no effect since DAB 1.8.0 (privileged: the server owner and discord.privileged_role)`,
      `reddit.compendium in ${path} is deprecated: has no effect`,
      `reddit.compendium_update_interval in ${path} is deprecated: has no effect`,
      `reddit.dvt_interval in ${path} is deprecated: has no effect`,
      `reddit.watch_submissions in ${path} is deprecated: has no effect`,
      `report.leeway in ${path} is deprecated: still shifts each report week back by this long, as in DAB`,
      `database.cleanup_interval in ${path} has no effect: it tunes DAB's SQLite database, Herald's data is in PostgreSQL`,
      `web.dirty_reads in ${path} has no effect: it tunes DAB's SQLite database, Herald's data is in PostgreSQL`,
      `web.nb_db_conn in ${path} has no effect: it tunes DAB's SQLite database, Herald's data is in PostgreSQL`,
    ]);
    expect(() => readDabConfig(dabFile({ reddit: { watch_submissions: [{ interval: '10 minutes' }] } }))).toThrow(/reddit\.watch_submissions\[0\]\.interval in .*: "10 minutes" is not a Go duration/);
  });

  it('a file without Reddit or Discord keys sets nothing of theirs; empty strings are unset, as in the seed', () => {
    expect(readDabConfig(dabFile({ timezone: 'UTC', reddit: { id: '', secret: '' } })).settings).toEqual({ reports: { timezone: 'UTC' } });
  });

  it('the pages keys: report.*, web limits and listen forms, backups', () => {
    const path = dabFile({
      report: { cutoff: -20, nb_top: 10, leeway: '12h' },
      web: { listen: ':3499', default_limit: 50, max_limit: 500, root_dir: '/srv/www', ip_header: 'X-Forwarded-For' },
      database: { backup_max_age: '2h' },
    });
    const dab = readDabConfig(path);
    expect(dab.settings).toEqual({
      reports: { cutoff: -20, nbTop: 10, leeway: 43_200_000 },
      web: { host: '0.0.0.0', port: '3499', defaultLimit: 50, maxLimit: 500, rootDir: '/srv/www', ipHeader: 'X-Forwarded-For' },
      backup: { maxAge: 7_200_000 },
    });
    expect(dab.sources.get('web.port')).toBe(`web.listen in ${path}`);
    expect(readDabConfig(dabFile({ web: { listen: '[::1]:80' } })).settings).toEqual({ web: { host: '::1', port: '80' } });
    expect(() => readDabConfig(dabFile({ database: { backup_max_age: '30m' } }))).toThrow(/database\.backup_max_age in .*: must be at least 1h/);
  });
});
