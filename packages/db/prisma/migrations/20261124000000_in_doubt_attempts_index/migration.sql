-- In-doubt attempts are few and /metrics counts them on every scrape: a partial index keeps that
-- cheap however long the attempt history grows (Prisma cannot declare partial indexes).
CREATE INDEX "delivery_attempts_in_doubt_idx" ON "delivery_attempts" ("id") WHERE "outcome" = 'in_doubt';
