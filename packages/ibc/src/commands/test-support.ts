/** A harness for the IBC command tests (excluded from the build): real Postgres, fake chains, the bot's dispatcher. */
import { CommandRegistry, help, type OptionPrimitive, type OutgoingReply } from '@herald/bot';
import { createCommandRunner } from '@herald/bot/testing';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { captureLogs } from '@herald/logging/testing';
import { createTestDatabase, FakeCosmosChain, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from '../chain-store.js';
import type { ChainSettings } from '../settings.js';
import type { IbcCommandDeps } from './deps.js';
import { ibcCommands } from './index.js';
import { createIbcCommandDeps } from './live.js';

export const GUILD_OWNER = '200000000000000001';
export const MODERATOR = '200000000000000002';
export const ALICE = '200000000000000003';
export const BOB = '200000000000000004';
/** Alice's id without its last digit: the seed's substring test took Mallory for Alice. */
export const MALLORY = ALICE.slice(0, -1);
export const MODERATOR_ROLE = '200000000000000100';
export const NOW = new Date('2026-11-30T12:00:00Z');

export interface Harness {
  db: SqlPool;
  hub: FakeCosmosChain;
  deps: IbcCommandDeps;
  registry: CommandRegistry<IbcCommandDeps>;
  logs: () => Array<Record<string, unknown>>;
  /** Runs a prefix command line (`$register …`) as `user`; parse errors answer like the bot does. */
  prefix(line: string, user?: string): Promise<OutgoingReply[]>;
  /** Runs a slash command with its options as `user`. */
  slash(name: string, options?: Record<string, OptionPrimitive>, user?: string): Promise<OutgoingReply[]>;
  close(): Promise<void>;
}

/** `cosmoshub-4` as configured, served by a fake node (prefix `cosmos`, 1 ATOM = 10^6 uatom). */
export function hubSettings(rpc: string): ChainSettings {
  return { chainId: 'cosmoshub-4', name: 'Cosmos Hub', rpc: [rpc], bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6 };
}

export async function startHarness(options: { requestTimeoutMs?: number } = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase('herald_ibc_cmd');
  const db = createSqlPool({ url: database.url });
  const hub = await FakeCosmosChain.start({ chainId: 'cosmoshub-4', time: NOW, bech32Prefix: 'cosmos', mintDenom: 'uatom' });
  await syncConfiguredChains(db, [hubSettings(hub.url)]);
  const { logger, lines } = captureLogs();
  const deps = createIbcCommandDeps({ db, requestTimeoutMs: options.requestTimeoutMs ?? 2000, logger, now: () => NOW });
  const registry = new CommandRegistry<IbcCommandDeps>([help, ...ibcCommands]);
  const runner = createCommandRunner({ registry, deps, logger, prefix: '$', guild: { ownerId: GUILD_OWNER, moderatorId: MODERATOR, moderatorRoleId: MODERATOR_ROLE, channelId: '200000000000000200', guildId: '200000000000000300' } });

  return {
    db,
    hub,
    deps,
    registry,
    logs: () => lines,
    prefix: (line, user = ALICE) => runner.prefix(line, user),
    slash: (name, slashOptions = {}, user = ALICE) => runner.slash(name, slashOptions, user),
    async close() {
      await hub.close();
      await db.end();
      await database.drop();
    },
  };
}

/** Everything a reply shows: content and embed titles/descriptions, joined. */
export function text(messages: readonly OutgoingReply[]): string {
  return messages
    .flatMap((m) => [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])])
    .filter((t) => t !== '')
    .join('\n');
}
