-- The deliveries whose request may be on its way to Discord right now, per destination: written
-- before every send (one small row, no indexed column, so a cheap HOT update), read after a crash
-- to tell deliveries that are really in doubt from ones that were only claimed.
ALTER TABLE "destinations" ADD COLUMN "in_flight" BIGINT[] NOT NULL DEFAULT '{}';

-- In-doubt attempts are few and /metrics counts them on every scrape: a partial index keeps that
-- cheap however long the attempt history grows (Prisma cannot declare partial indexes).
CREATE INDEX "delivery_attempts_in_doubt_idx" ON "delivery_attempts" ("id") WHERE "outcome" = 'in_doubt';
