-- The Reddit source (packages/reddit): tracked users, their comments, announced high scores.

CREATE TABLE "reddit_users" (
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3),
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "not_found" BOOLEAN NOT NULL DEFAULT false,
    "unregistered" BOOLEAN NOT NULL DEFAULT false,
    "inactive" BOOLEAN NOT NULL DEFAULT false,
    "last_scan_at" TIMESTAMP(3),
    "batch_size" INTEGER NOT NULL DEFAULT 100,
    "position" TEXT NOT NULL DEFAULT '',
    "is_new" BOOLEAN NOT NULL DEFAULT true,
    "due_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMP(3),
    "status_checked_at" TIMESTAMP(3),
    "status_changes" INTEGER NOT NULL DEFAULT 0,
    "registered_by" TEXT,

    CONSTRAINT "reddit_users_pkey" PRIMARY KEY ("name")
);

-- Reddit user names are case-insensitive: one row per account, whatever case a command used.
CREATE UNIQUE INDEX "reddit_users_name_lower_key" ON "reddit_users" (lower("name"));
CREATE INDEX "reddit_users_due_at_idx" ON "reddit_users"("due_at");

CREATE TABLE "reddit_comments" (
    "id" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "permalink" TEXT NOT NULL,
    "subreddit" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "body" TEXT NOT NULL,
    "scored_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reddit_comments_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "reddit_comments_author_created_at_idx" ON "reddit_comments"("author", "created_at" DESC);
CREATE INDEX "reddit_comments_created_at_idx" ON "reddit_comments"("created_at");

ALTER TABLE "reddit_comments" ADD CONSTRAINT "reddit_comments_author_fkey" FOREIGN KEY ("author") REFERENCES "reddit_users"("name") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "reddit_highscores" (
    "comment_id" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "announced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reddit_highscores_pkey" PRIMARY KEY ("comment_id")
);
