-- The notifier claims a destination's oldest open deliveries with
--   WHERE destination_id = $1 AND status IN ('pending', 'sending') ORDER BY event_id LIMIT 10.
-- This partial index answers that by reading ten entries, however long the backlog or the history.
-- (Prisma's schema language cannot express partial indexes; it is declared here only.)
CREATE INDEX "deliveries_open_by_destination_idx" ON "deliveries"("destination_id", "event_id") WHERE "status" IN ('pending', 'sending');
