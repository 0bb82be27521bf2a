-- Routing (issue 3): events carry a severity that routes filter on; each delivery carries the
-- mentions its route asked for; bot-channel deliveries remember the nonce of the message they
-- were sent in, so a retry after a lost response re-sends the same message with the same nonce
-- (Discord's enforce_nonce then returns the first message instead of posting it twice).
ALTER TABLE "events" ADD COLUMN "severity" TEXT NOT NULL DEFAULT 'info';
ALTER TABLE "deliveries" ADD COLUMN "mentions" JSONB;
ALTER TABLE "deliveries" ADD COLUMN "nonce" TEXT;
