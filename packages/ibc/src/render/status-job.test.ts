import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createDiscordClient, type DiscordClient } from '@herald/discord';
import { captureLogs } from '@herald/logging/testing';
import { createStatusMessages, discordStatusTransport, syncDestinations } from '@herald/pipeline';
import { createTestDatabase, FakeDiscord, type FakeDiscordMessage, type FakeDiscordWebhook, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from '../chain-store.js';
import { createIbcStatusRefresh } from './status-job.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const HOUR = 3600_000;

let database: TestDatabase;
let db: SqlPool;
let discord: FakeDiscord;
let client: DiscordClient;
let webhook: FakeDiscordWebhook;
let channelId: string;
let refresh: ReturnType<typeof createIbcStatusRefresh>;
let destinations: Map<string, number>;

beforeEach(async () => {
  [database, discord] = await Promise.all([createTestDatabase('herald_ibc_status'), FakeDiscord.start()]);
  db = createSqlPool({ url: database.url, max: 4 });
  client = createDiscordClient({ apiBaseUrl: discord.apiBaseUrl, retries: 0, timeoutMs: 2000, botToken: 'status-bot-token' });
  webhook = discord.createWebhook();
  channelId = discord.createChannel({ name: 'ibc-status' }).id;
  destinations = await syncDestinations(db, [
    { key: 'status-hook', kind: 'webhook', target: webhook.url, label: 'status webhook' },
    { key: 'status-channel', kind: 'channel', target: channelId, label: 'status channel' },
  ]);
  await syncConfiguredChains(db, [
    { chainId: 'cosmoshub-4', name: 'Cosmos Hub', rpc: ['http://127.0.0.1:1'], bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6 },
    { chainId: 'osmosis-1', name: 'Osmosis', rpc: ['http://127.0.0.1:1'], bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO', exponent: 6 },
  ]);
  await setClient('ok', 10 * 24 * HOUR);
  await db.query(
    `INSERT INTO ibc_wallets (address, chain_id, owner_id, threshold, state, balance, balance_at)
     VALUES ('cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu', 'cosmoshub-4', '400000000000000001', 5000000, 'low', 1500000, $1)`,
    [NOW],
  );
  const statusMessages = createStatusMessages({ db, transport: discordStatusTransport(client, true), logger: captureLogs().logger });
  refresh = createIbcStatusRefresh({ db, statusMessages, destinationIds: [...destinations.values()], now: () => NOW });
});
afterEach(async () => {
  client.destroy();
  await db.end();
  await discord.close();
  await database.drop();
});

/** The client as a poll would have left it: judged at NOW, `msLeft` before expiry. */
async function setClient(state: string, msLeft: number): Promise<void> {
  await db.query(
    `INSERT INTO ibc_clients (chain_id, client_id, monitored_chain_id, tracked_chain_id, connection_id, state, status, trusting_period_s,
                              expires_at, host_time, last_checked_at)
     VALUES ('cosmoshub-4', '07-tendermint-1119', 'cosmoshub-4', 'osmosis-1', 'connection-257', $1, 'Active', 1209600, $2, $3, $3)
     ON CONFLICT (chain_id, client_id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
    [state, new Date(NOW.getTime() + msLeft), NOW],
  );
}

const live = (messages: FakeDiscordMessage[]) => messages.filter((m) => m.deletedAt === undefined);
const hookMessages = () => live(discord.messages({ webhookId: webhook.id }));
const channelMessages = () => live(discord.messages({ channelId }));
const descriptions = (m: FakeDiscordMessage | undefined) => (m?.embeds as Array<{ description: string }>).map((e) => e.description).join('\n');
async function storedIds(): Promise<Record<number, string>> {
  const { rows } = await db.query<{ destination_id: number; message_id: string }>(`SELECT destination_id, message_id FROM status_messages WHERE key = 'ibc'`);
  return Object.fromEntries(rows.map((r) => [r.destination_id, r.message_id]));
}

describe('IBC status message (ibc.status.refresh) against Postgres and the fake Discord', () => {
  it('first refresh posts one message per status destination (webhook and bot channel) and stores its id', async () => {
    const result = await refresh();
    expect(result.busy).toBe(false);
    expect(hookMessages()).toHaveLength(1);
    expect(channelMessages()).toHaveLength(1);
    const [hook] = hookMessages();
    expect(descriptions(hook)).toContain('1 client: 1 ✅ ok');
    expect(descriptions(hook)).toContain('`07-tendermint-1119` Cosmos Hub → `osmosis-1` · 240 h (10.0 d) · 71.4 %');
    expect(descriptions(hook)).toContain('1.5 ATOM / threshold 5 ATOM · low');
    expect((hook!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(await storedIds()).toEqual({ [destinations.get('status-hook')!]: hook!.id, [destinations.get('status-channel')!]: channelMessages()[0]!.id });
  });

  it('the next refresh edits the same message in place (same id, one message), and skips an unchanged status', async () => {
    await refresh();
    const [first] = hookMessages();
    await setClient('critical', 5 * HOUR);
    await refresh();
    expect(hookMessages()).toHaveLength(1);
    expect(channelMessages()).toHaveLength(1);
    const [edited] = hookMessages();
    expect(edited!.id).toBe(first!.id);
    expect(edited!.edits).toBe(1);
    expect(channelMessages()[0]!.edits).toBe(1);
    expect(descriptions(edited)).toContain('1 client: 1 🔴 critical');
    expect(descriptions(edited)).toContain('· 5.0 h ·');

    const requests = discord.stats().requests;
    await refresh();
    expect(discord.stats().requests).toBe(requests);
    expect(hookMessages()[0]!.edits).toBe(1);
  });

  it('re-posts a message that was deleted in Discord and stores the new id', async () => {
    await refresh();
    const [first] = hookMessages();
    discord.deleteMessage(first!.id);
    await setClient('warning', 2 * 24 * HOUR);
    await refresh();
    const [again] = hookMessages();
    expect(hookMessages()).toHaveLength(1);
    expect(again!.id).not.toBe(first!.id);
    expect((await storedIds())[destinations.get('status-hook')!]).toBe(again!.id);
    expect(channelMessages()).toHaveLength(1); // the other destination was edited, not re-posted
    expect(channelMessages()[0]!.edits).toBe(1);
  });
});
