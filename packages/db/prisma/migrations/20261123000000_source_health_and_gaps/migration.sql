-- Correctness under faults (issue 7).
--
-- §4: a source whose database is unreachable from the very start has no cursor yet (the first
-- successful poll writes the baseline), but must still show as failing on the dashboard, /status
-- and /metrics. Its row now exists before the baseline, with a NULL position ("no baseline yet");
-- `failing_since` says since when its polls have failed (NULL while healthy).
ALTER TABLE "source_cursors" ALTER COLUMN "position" DROP NOT NULL;
ALTER TABLE "source_cursors" ADD COLUMN "failing_since" TIMESTAMP(3);

-- §6/§7: position gaps (ids allocated at the source but not visible yet), written in the same
-- transaction as the cursor. `skipped_at` NULL: the gap is open and holds the rows above it (at
-- most the grace period from `seen_at`); set: the cursor moved past it and it is re-checked until
-- the re-check window from `seen_at` ends, so an account that commits late is still posted.
CREATE TABLE "source_gaps" (
    "source_key" TEXT NOT NULL,
    "from_position" BIGINT NOT NULL,
    "to_position" BIGINT NOT NULL,
    "seen_at" TIMESTAMP(3) NOT NULL,
    "skipped_at" TIMESTAMP(3),

    CONSTRAINT "source_gaps_pkey" PRIMARY KEY ("source_key","from_position")
);

ALTER TABLE "source_gaps" ADD CONSTRAINT "source_gaps_source_key_fkey" FOREIGN KEY ("source_key") REFERENCES "source_cursors"("source_key") ON DELETE CASCADE ON UPDATE CASCADE;
