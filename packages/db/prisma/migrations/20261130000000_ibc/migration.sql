-- The IBC source (issue 8): chains, light clients and their alert states, relayer wallets.
-- Alert states live here so a restart re-alerts nothing; each row's `transitions` counter is part of
-- the fingerprint of the event its last transition produced (one event per transition, ever).

-- A chain Herald can talk to: configured in HERALD_CONFIG (origin 'config', re-synced at every
-- poller start) or added with the `register_chain` command (origin 'command'). Its reachability is
-- judged by the polls: `unreachable_since` is set when every endpoint failed, cleared on recovery.
CREATE TABLE "ibc_chains" (
    "chain_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rpc" TEXT[] NOT NULL,
    "bech32_prefix" TEXT NOT NULL,
    "denom" TEXT NOT NULL,
    "display_denom" TEXT NOT NULL,
    "exponent" INTEGER NOT NULL,
    "origin" TEXT NOT NULL,
    "registered_by" TEXT,
    "unreachable_since" TIMESTAMP(3),
    "last_error" TEXT,
    "transitions" INTEGER NOT NULL DEFAULT 0,
    "block_height" BIGINT,
    "block_time" TIMESTAMP(3),
    "last_success_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ibc_chains_pkey" PRIMARY KEY ("chain_id")
);

-- One light client on one chain (the host), found on a monitored connection (either end).
CREATE TABLE "ibc_clients" (
    "chain_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    -- The monitored chain whose poll owns this row (the host itself, or the chain at the other end).
    "monitored_chain_id" TEXT NOT NULL,
    "tracked_chain_id" TEXT,
    "connection_id" TEXT,
    "counterparty_connection_id" TEXT,
    "counterparty_client_id" TEXT,
    "state" TEXT NOT NULL,
    "status" TEXT,
    "trusting_period_s" BIGINT,
    "latest_height" TEXT,
    "last_update_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "host_time" TIMESTAMP(3),
    "last_checked_at" TIMESTAMP(3),
    "last_error" TEXT,
    "state_since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "transitions" INTEGER NOT NULL DEFAULT 0,
    "last_reminder_at" TIMESTAMP(3),
    -- The worst state alerted since the client was last ok: its resolve goes to the routes that saw that alert.
    "alerted_state" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ibc_clients_pkey" PRIMARY KEY ("chain_id","client_id")
);
CREATE INDEX "ibc_clients_monitored_chain_id_idx" ON "ibc_clients"("monitored_chain_id");

-- A relayer wallet someone registered; `threshold` and `balance` are exact base units.
CREATE TABLE "ibc_wallets" (
    "address" TEXT NOT NULL,
    "chain_id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "threshold" NUMERIC(78,0) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "balance" NUMERIC(78,0),
    "balance_at" TIMESTAMP(3),
    "last_error" TEXT,
    "transitions" INTEGER NOT NULL DEFAULT 0,
    -- Measured from the samples by the wallet poll: base units spent per day, and how long the balance lasts at that rate.
    "spend_per_day" NUMERIC(78,0),
    "runway_s" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ibc_wallets_pkey" PRIMARY KEY ("address")
);
CREATE INDEX "ibc_wallets_owner_id_idx" ON "ibc_wallets"("owner_id");
ALTER TABLE "ibc_wallets" ADD CONSTRAINT "ibc_wallets_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "ibc_chains"("chain_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Successive balances of a wallet, for its spend rate and runway (pruned to a window).
CREATE TABLE "ibc_wallet_samples" (
    "address" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "balance" NUMERIC(78,0) NOT NULL,

    CONSTRAINT "ibc_wallet_samples_pkey" PRIMARY KEY ("address","at")
);
ALTER TABLE "ibc_wallet_samples" ADD CONSTRAINT "ibc_wallet_samples_address_fkey" FOREIGN KEY ("address") REFERENCES "ibc_wallets"("address") ON DELETE CASCADE ON UPDATE CASCADE;

-- Configuration warnings found while polling (e.g. a counterparty chain that is not configured):
-- logged once when first seen, shown on the dashboard while they last.
CREATE TABLE "ibc_config_warnings" (
    "key" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    -- The monitored chains whose latest scan found it; the row is deleted once none does.
    "found_by" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ibc_config_warnings_pkey" PRIMARY KEY ("key")
);

-- The status message the notifier edits in place, one per status destination.
CREATE TABLE "status_messages" (
    "key" TEXT NOT NULL,
    "destination_id" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_messages_pkey" PRIMARY KEY ("key","destination_id")
);
ALTER TABLE "status_messages" ADD CONSTRAINT "status_messages_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
