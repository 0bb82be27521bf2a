/**
 * Builds Down Arrows Bot databases for the importer's tests: the seed's exact HEAD schema SQL
 * (seed-behaviour §3.7), its pragmas, and rows written with the seed's own statements.
 */
import Database from 'better-sqlite3';

/** DAB v1.26.4's schema, verbatim (§3.7), double-quoted strings included. */
export const DAB_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS key_value (
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (key, value)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS user_archive (
    name TEXT PRIMARY KEY,
    created INTEGER NOT NULL,
    not_found BOOLEAN DEFAULT FALSE NOT NULL,
    suspended BOOLEAN DEFAULT FALSE NOT NULL,
    added INTEGER NOT NULL,
    batch_size INTEGER DEFAULT 100 NOT NULL,
    deleted BOOLEAN DEFAULT FALSE NOT NULL,
    hidden BOOLEAN NOT NULL,
    inactive BOOLEAN DEFAULT FALSE NOT NULL,
    last_scan INTEGER DEFAULT FALSE NOT NULL,
    new BOOLEAN DEFAULT TRUE NOT NULL,
    position TEXT DEFAULT "" NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS user_archive_idx ON user_archive
    (name, created ASC, not_found, suspended, added ASC, batch_size, deleted, hidden, inactive, last_scan DESC, new, position);
CREATE VIEW IF NOT EXISTS
    users(name, created, not_found, suspended, added, batch_size, deleted, hidden, inactive, last_scan, new, position)
AS SELECT * FROM user_archive WHERE deleted IS FALSE;

CREATE TABLE IF NOT EXISTS comments (
    id TEXT PRIMARY KEY,
    author TEXT NOT NULL,
    score INTEGER NOT NULL,
    permalink TEXT NOT NULL,
    sub TEXT NOT NULL,
    created INTEGER NOT NULL,
    body TEXT NOT NULL,
    FOREIGN KEY (author) REFERENCES user_archive(name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS comments_idx ON comments (author, score ASC, sub, created DESC);
CREATE TRIGGER IF NOT EXISTS purge_user BEFORE DELETE ON user_archive
BEGIN
    DELETE FROM comments WHERE author = OLD.name COLLATE NOCASE;
    DELETE FROM key_value WHERE key = "register-from-discord_" || OLD.name COLLATE NOCASE;
END;
`;

export interface DabUserRow {
  name: string;
  hidden?: boolean;
  /** Account creation, Unix seconds (0 when Reddit did not say). */
  created?: number;
  added?: number;
  suspended?: boolean;
  notFound?: boolean;
  deleted?: boolean;
  inactive?: boolean;
  lastScan?: number;
  batchSize?: number;
  isNew?: boolean;
  position?: string;
}

export interface DabCommentRow {
  id: string;
  author: string;
  score: number;
  permalink?: string;
  sub?: string;
  created: number;
  body: string;
}

/** A DAB database being written; `close()` before importing it. */
export class DabFixture {
  readonly sqlite: Database.Database;

  /** Creates `path` as DAB does: schema, `application_id` 0xdab and `user_version` (default 1.26.4 = 72196), WAL. */
  constructor(
    readonly path: string,
    options: { applicationId?: number; userVersion?: number } = {},
  ) {
    this.sqlite = new Database(path);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('auto_vacuum = incremental');
    this.sqlite.exec(DAB_SCHEMA_SQL);
    this.sqlite.pragma(`application_id = ${options.applicationId ?? 0xdab}`);
    this.sqlite.pragma(`user_version = ${options.userVersion ?? 72196}`);
  }

  /** `RedditUsers.Add`'s INSERT (§3.5), then the scanner's and commands' UPDATEs for the rest. */
  user(row: DabUserRow): this {
    this.sqlite.prepare('INSERT INTO user_archive(name, hidden, created, added) VALUES (?, ?, ?, ?)').run(row.name, row.hidden ? 1 : 0, row.created ?? 1_400_000_000, row.added ?? 1_600_000_000);
    this.sqlite
      .prepare('UPDATE user_archive SET suspended = ?, not_found = ?, deleted = ?, inactive = ?, last_scan = ?, batch_size = ?, new = ?, position = ? WHERE name = ?')
      .run(bit(row.suspended), bit(row.notFound), bit(row.deleted), bit(row.inactive), row.lastScan ?? 0, row.batchSize ?? 100, bit(row.isNew ?? true), row.position ?? '', row.name);
    return this;
  }

  /** `INSERT INTO comments VALUES (?,?,?,?,?,?,?)` as the scanner writes them. */
  comments(rows: readonly DabCommentRow[]): this {
    const insert = this.sqlite.prepare('INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.sqlite.transaction(() => {
      for (const c of rows) insert.run(c.id, c.author, c.score, c.permalink ?? `/r/${c.sub ?? 'test'}/comments/p${c.id}/t/${c.id}/`, c.sub ?? 'test', c.created, c.body);
    })();
    return this;
  }

  /** A comment whose author is no user (possible after migrations ran with foreign keys off). */
  orphanComment(row: DabCommentRow): this {
    this.sqlite.pragma('foreign_keys = OFF');
    this.comments([row]);
    this.sqlite.pragma('foreign_keys = ON');
    return this;
  }

  kv(key: string, value: string, created: number): this {
    this.sqlite.prepare('INSERT INTO key_value(key, value, created) VALUES (?, ?, ?)').run(key, value, created);
    return this;
  }

  close(): void {
    this.sqlite.close();
  }
}

const bit = (value: boolean | undefined) => (value ? 1 : 0);
