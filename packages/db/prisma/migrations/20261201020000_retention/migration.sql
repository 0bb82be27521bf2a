-- Retention (packages/pipeline/src/retention.ts) walks each table oldest first by its primary key
-- (ids grow with time), so it needs no index on the time columns, which would cost every insert.

-- When an event's personal data (account name, real name, e-mail) was removed; NULL: not yet.
ALTER TABLE "events" ADD COLUMN "redacted_at" TIMESTAMP(3);

-- The events still holding personal data, by id: redaction walks only these, however many
-- redacted events the history keeps (Prisma cannot declare partial indexes).
CREATE INDEX "events_unredacted_idx" ON "events" ("id") WHERE "redacted_at" IS NULL;

-- The delivery latency histogram of deliveries no longer read live (delivered before the
-- watermark below, or deleted by retention): /metrics adds it to the live deliveries' histogram,
-- so the exported counters never go down when old rows are deleted. One row per bucket (not cumulative): `le` is the bucket's upper bound in seconds ('Infinity'
-- for the overflow bucket), `seconds` the sum of the latencies in it.
CREATE TABLE "delivery_latency_folded" (
    "le" DOUBLE PRECISION NOT NULL,
    "deliveries" BIGINT NOT NULL DEFAULT 0,
    "seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_latency_folded_pkey" PRIMARY KEY ("le")
);

-- Deliveries delivered before `folded_before` are counted in delivery_latency_folded (moved there by
-- the retention job, 10 minutes behind real time), so /metrics reads only the recent ones live.
CREATE TABLE "delivery_latency_watermark" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "folded_before" TIMESTAMP(3) NOT NULL DEFAULT '-infinity',

    CONSTRAINT "delivery_latency_watermark_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "delivery_latency_watermark_one_row" CHECK ("id")
);
INSERT INTO "delivery_latency_watermark" DEFAULT VALUES;

-- /metrics reads the deliveries delivered since the watermark, and the fold moves them, through
-- deliveries_delivered_at_idx (migration 20261201010000_dashboard).
