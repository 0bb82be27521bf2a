-- The weekly reports (@herald/reddit/reports), measured on 1,000,000 comments of 2,000 users
-- (EXPLAIN ANALYZE, bench/reddit-pages.ts). Not expressible in schema.prisma (INCLUDE), hence only here.

-- A week's per-author statistics (count, sum and average of the negative comments of ~19,000 comments
-- in the week) read this index alone (an index-only scan of the week's entries): 56-72 ms became
-- 8-9 ms, where Postgres otherwise walked every author's negative comments of all time through
-- (author, score) and filtered them by date.
CREATE INDEX "reddit_comments_created_at_score_author_idx" ON "reddit_comments" ("created_at") INCLUDE ("score", "author");
