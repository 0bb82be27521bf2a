-- The compendium pages (apps/web/src/compendium, @herald/reddit/compendium), measured on 1,000,000
-- comments of 2,000 users (EXPLAIN ANALYZE, bench/reddit-pages.ts). Neither index is expressible in
-- schema.prisma (INCLUDE, a partial index), hence only here.

-- A user's page and comment list: the aggregates per subreddit and per week, the most downvoted and
-- a page of `ORDER BY score, id` read the index alone (index-only scans). The busiest user (22,000
-- comments) went from 220 ms to 4 ms for a deep page and from 130 ms to 20 ms for the aggregates, as
-- (author, created_at) made Postgres fetch every one of the user's rows from the table.
CREATE INDEX "reddit_comments_author_score_idx" ON "reddit_comments" ("author", "score", "id") INCLUDE ("subreddit", "created_at");

-- `/compendium/comments` (every negative comment, most negative first, `limit`/`offset`) and the index
-- page's most downvoted: an index-only walk in score order instead of sorting ~400,000 rows (250 ms);
-- `author` is included so non-hidden registered authors are checked without reading the table.
CREATE INDEX "reddit_comments_negative_score_idx" ON "reddit_comments" ("score", "id") INCLUDE ("author") WHERE "score" < 0;
