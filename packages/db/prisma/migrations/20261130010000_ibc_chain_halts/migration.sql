-- A halted chain (issue 8): ibc-go judges its clients' expiry by the host chain's block time, so a
-- chain whose blocks stopped (an upgrade halt, a consensus failure) freezes every judgement on it.
-- `block_advanced_at` is when a poll last saw its height grow; `halted_since` is set once that is
-- longer ago than `ibc.haltedAfter`, cleared when blocks come again. `halts` numbers those alerts.
ALTER TABLE "ibc_chains" ADD COLUMN "block_advanced_at" TIMESTAMP(3);
ALTER TABLE "ibc_chains" ADD COLUMN "halted_since" TIMESTAMP(3);
ALTER TABLE "ibc_chains" ADD COLUMN "halts" INTEGER NOT NULL DEFAULT 0;
