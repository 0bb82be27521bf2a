/**
 * A large Reddit history for the page and backup benchmarks (and anything else that needs one):
 * `users` tracked users and `comments` comments spread over the `days` before `now`, written by
 * Postgres itself (`generate_series`, one statement per table) into a database that already has
 * Herald's schema (e.g. `createTestDatabase` from @herald/testkit). 1,000,000 comments take
 * 35–70 s on the 2-core machine (~450 MB on disk), most of it index maintenance.
 *
 * The data is deterministic for given options (`setseed`): the same run gives the same figures.
 *
 * Users (`redditHistoryUserName(i)`, i = 0 … users−1, e.g. `Hist_User_0042`): every 50th suspended,
 * every 67th deleted (not_found), every 100th hidden, every 97th unregistered, all back-filled (not new),
 * scanned within the last hour. Authors are skewed as tracked accounts are (author = ⌊users × t²⌋, t
 * uniform, so user i writes ∝ 1/√i): with the defaults user 0 has ~22,000 comments, user 600 ~300.
 *
 * Scores (what the weekly reports care about): 60% 1…20, 20% 0…−9, 18.5% −10…−49, 1.2% −50…−199 and
 * 0.3% −200…−1,999: about 1.5% at or below the reports' default cutoff of −50, so a week of a
 * 1,000,000-comment year holds ~290 report comments. Bodies are 3–400 characters of Reddit Markdown
 * (emphasis, links, quotes, lists, a table now and then) in 20 subreddits.
 */
import pg from 'pg';

export interface RedditHistoryOptions {
  /** Tracked users (default 2,000). */
  users?: number;
  /** Comments (default 1,000,000). */
  comments?: number;
  /** Comments are spread evenly at random over the `days` days before `now` (default 365). */
  days?: number;
  /** The end of the history (default: the wall clock). */
  now?: Date;
  /** `setseed` argument in [-1, 1] (default 0.42). */
  seed?: number;
  /** Run `VACUUM ANALYZE` afterwards, as autovacuum would leave a database (default true). */
  analyze?: boolean;
}

export interface RedditHistory {
  users: number;
  comments: number;
  /** Comments at or below −50 (the reports' default cutoff). */
  reportComments: number;
  from: Date;
  to: Date;
  seedMs: number;
  /** The user with the most comments (user 0), e.g. for a compendium user page. */
  busiestUser: string;
  /** A user with an average number of comments. */
  typicalUser: string;
}

/** The name of user `i` (0-based) as the seeder writes it: canonical mixed case, as Reddit returns names. */
export function redditHistoryUserName(i: number): string {
  return `Hist_User_${String(i).padStart(4, '0')}`;
}

const subreddits = [
  'AskReddit', 'worldnews', 'politics', 'news', 'funny', 'pics', 'gaming', 'movies', 'technology', 'science',
  'todayilearned', 'videos', 'europe', 'canada', 'unpopularopinion', 'changemyview', 'Showerthoughts', 'sports', 'nba', 'soccer',
];

/** Reddit Markdown bodies; `%n` is the comment's number (so bodies differ and compress like real text). */
const bodies = [
  'I really do not think that is how it works. Source: I read about it somewhere once (%n).',
  '**No.** Just no. This is the *worst* take I have seen all week, and I have been on this sub a long time. Comment %n.',
  '> Everybody knows this\n\nCitation needed. See [this article](https://example.org/articles/%n) before you repeat it.',
  'Three reasons:\n\n1. It costs too much\n2. Nobody asked for it\n3. It was tried before and ~~worked~~ failed\n\nThread %n.',
  'Downvote me all you want, the facts do not care about your feelings. https://example.com/facts/%n',
  'Edit: wow, this blew up. To everyone replying: you are all wrong and I stand by every word of comment %n.',
  'Compare the numbers yourself:\n\n| year | value |\n|---|---|\n| 2019 | 12 |\n| 2020 | 7 |\n\nStill think so? (%n)',
  'lol',
  'Imagine thinking that. Anyway, here is my hot take number %n: pineapple belongs on pizza and tabs beat spaces. ' +
    'I will not be taking questions at this time, but feel free to reply and I will ignore it. ' +
    'Also, the moderators of this sub are too lenient and the old layout was better.',
  'Not sure why I am being downvoted, I was just asking a question about %n.',
];

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The statements, in order; `$1` is `now` (UTC), or the seed in `setseed`. */
function seedStatements(users: number, comments: number, days: number): string[] {
  const subs = `(ARRAY[${subreddits.map(sqlText).join(',')}])`;
  const bodyArray = `(ARRAY[${bodies.map(sqlText).join(',')}])`;
  return [
    `INSERT INTO reddit_users (name, created_at, added_at, hidden, suspended, not_found, unregistered, inactive, last_scan_at,
                               batch_size, position, is_new, due_at)
     SELECT 'Hist_User_' || lpad(i::text, 4, '0'),
            $1::timestamp - interval '1 day' * (400 + i % 3000), $1::timestamp - interval '1 day' * (${days} + 30 + i % 60),
            i % 100 = 99, i % 50 = 49, i % 67 = 66, i % 97 = 96, false,
            $1::timestamp - interval '1 second' * (i % 3600), 25, '', false, $1::timestamp + interval '1 second' * (i % 3600)
       FROM generate_series(0, ${users - 1}) AS i`,
    // Sets the seed of this session's random(); the next statement then draws deterministic values
    // (a plain INSERT … SELECT runs in one process: no parallel workers with their own generators).
    `SELECT setseed($1::float8)`,
    `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body, scored_at)
     SELECT 'h' || to_hex(i), 'Hist_User_' || lpad(least(${users - 1}, floor(${users} * power(t, 2))::int)::text, 4, '0'),
            CASE WHEN r < 0.60 THEN 1 + floor(s * 20)
                 WHEN r < 0.80 THEN -floor(s * 10)
                 WHEN r < 0.985 THEN -10 - floor(s * 40)
                 WHEN r < 0.997 THEN -50 - floor(s * 150)
                 ELSE -200 - floor(s * 1800) END::int,
            '/r/' || sub || '/comments/' || to_hex(i / 40 + 4096) || '/a_thread_title/h' || to_hex(i) || '/',
            sub, created, replace(${bodyArray}[1 + (i * 7) % ${bodies.length}], '%n', i::text), created + interval '1 day'
       FROM (SELECT i, r, s, t, ${subs}[1 + (i * 13 + floor(t * 1000)::int) % ${subreddits.length}] AS sub,
                    date_trunc('milliseconds', $1::timestamp - interval '1 day' * ${days} * w) AS created
               FROM (SELECT i, random() AS r, random() AS s, random() AS t, random() AS w
                       FROM generate_series(1, ${comments}) AS i
                     OFFSET 0) AS draws -- OFFSET 0: each draw is made once per row, not once per use
             OFFSET 0) AS c`,
  ];
}

/**
 * Writes the history into the database at `url` (its schema migrated, its Reddit tables empty).
 * Rejects when Postgres does (e.g. users already there). Returns what was written and how long it took.
 */
export async function seedRedditHistory(url: string, options: RedditHistoryOptions = {}): Promise<RedditHistory> {
  const users = options.users ?? 2000;
  const comments = options.comments ?? 1_000_000;
  const days = options.days ?? 365;
  const now = options.now ?? new Date();
  if (!Number.isInteger(users) || users < 1 || users > 9999) throw new Error(`users must be an integer from 1 to 9999, got ${users}`);
  if (!Number.isInteger(comments) || comments < 0) throw new Error(`comments must be a non-negative integer, got ${comments}`);
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  const started = Date.now();
  try {
    // Timestamps are UTC wall-clock values in `timestamp(3)` columns (Prisma's convention).
    const nowUtc = now.toISOString().replace('T', ' ').replace('Z', '');
    for (const statement of seedStatements(users, comments, days)) {
      await client.query(statement, statement.includes('setseed') ? [options.seed ?? 0.42] : statement.includes('$1') ? [nowUtc] : []);
    }
    if (options.analyze ?? true) await client.query('VACUUM ANALYZE reddit_users, reddit_comments');
    const { rows } = await client.query<{ report: number }>('SELECT count(*)::int AS report FROM reddit_comments WHERE score <= -50');
    return {
      users,
      comments,
      reportComments: rows[0]!.report,
      from: new Date(now.getTime() - days * 86_400_000),
      to: now,
      seedMs: Date.now() - started,
      busiestUser: redditHistoryUserName(0),
      typicalUser: redditHistoryUserName(Math.floor(users * 0.3)),
    };
  } finally {
    await client.end();
  }
}
