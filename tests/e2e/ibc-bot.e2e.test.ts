import { toBech32 } from '@cosmjs/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeCosmosChain, linkChains } from '@herald/testkit';
import { registerCommands } from './harness.js';
import { chainEntry, createIbcStack, eventually, type IbcStack } from './ibc-harness.js';
import { waitForQuiet } from './quiet.js';

/** The demo server with a second plain member, who must not be able to touch the first one's wallet. */
const guild = { ...DemoGuild, users: { ...DemoGuild.users, other: { id: '100000000000000013', username: 'other', roles: [] as string[] } } };
const { owner, moderator, member, other } = guild.users;
const moderatorRole = DemoGuild.roles.moderator!.id;
const general = DemoGuild.channels.general!.id;
const address = (prefix: string, seed: number) => toBech32(prefix, new Uint8Array(20).fill(seed));

let stack: IbcStack;
const chains: FakeCosmosChain[] = [];
afterEach(async () => {
  await stack?.close();
  await Promise.all(chains.splice(0).map((c) => c.close()));
});

/** Herald with the bot (slash and `$` prefix commands) watching one chain and its wallets, a status message in #status. */
async function ibcBotStack() {
  stack = await createIbcStack({ guild });
  const hub = await FakeCosmosChain.start({ chainId: 'hub-1' });
  const osmo = await FakeCosmosChain.start({ chainId: 'osmo-1' });
  chains.push(hub, osmo);
  linkChains(hub, osmo, { count: 2 });
  const status = stack.discord.createWebhook({ name: 'ibc-status' });
  stack.configure(
    {
      chains: [chainEntry(hub), chainEntry(osmo, { bech32Prefix: 'osmo', denom: 'uosmo', displayDenom: 'OSMO' })],
      monitor: [{ chainId: 'hub-1' }],
      pollInterval: '1s',
      walletInterval: '1s',
      requestTimeout: '1s',
      statusDestinations: ['status'],
    },
    { destinations: { status: { webhook: status.url, label: 'ibc status' } } },
  );
  Object.assign(stack.env, {
    DISCORD_BOT_TOKEN: 'e2e-bot-token',
    DISCORD_GUILD_ID: DemoGuild.id,
    DISCORD_PRIVILEGED_ROLE: moderatorRole,
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_COMMAND_PREFIX: '$',
    DISCORD_REQUEST_TIMEOUT: '1s',
  });
  const registered = await registerCommands(stack.env);
  expect(registered.code, registered.output).toBe(0);
  const poller = stack.start('ibc-poller');
  const notifier = stack.start('notifier');
  await Promise.all([poller.waitFor(/ibc poller started/), notifier.waitFor(/notifier started/), stack.discord.waitForGatewayReady({ timeoutMs: 15_000 })]);
  return { hub, osmo, status };
}

/** Resolves after the poller has finished `count` more wallet polls (their source health row moves on every poll). */
async function walletPolls(count: number) {
  const read = async () => (await stack.query<{ at: Date | null }>(`SELECT last_poll_at AS at FROM source_cursors WHERE source_key = 'ibc:wallets'`))[0]?.at?.getTime() ?? 0;
  for (let i = 0; i < count; i++) {
    const before = await read();
    await eventually(read, (t) => t > before, 20_000, 'a wallet poll');
  }
}

const slash = async (userId: string, name: string, options?: Record<string, string>) => {
  const { interactionId } = stack.discord.dispatchSlashCommand({ userId, name, ...(options && { options }) });
  const reply = await stack.discord.waitForInteractionReply(interactionId, { timeoutMs: 10_000 });
  return `${reply.content ?? ''}\n${JSON.stringify(reply.embeds ?? [])}`;
};

const prefix = async (userId: string, content: string) => {
  const after = stack.discord.messages().at(-1)?.index ?? -1;
  stack.discord.dispatchMessage({ authorId: userId, content, channelId: general });
  const [reply] = await eventually(() => stack.discord.messages({ channelId: general }, after), (m) => m.length >= 1, 10_000, `a reply to ${content}`);
  return `${reply!.content}\n${JSON.stringify(reply!.embeds)}`;
};

const wallets = () => stack.query<{ address: string; owner_id: string; threshold: string }>('SELECT address, owner_id, threshold::text FROM ibc_wallets ORDER BY address');

describe('IBC wallets and commands, end to end (bot against the fake Discord, balances from the fake chain)', () => {
  it('refuses bad registrations with a reason and writes nothing; only the owner or a moderator may deregister', async () => {
    await ibcBotStack();
    const good = address('cosmos', 1);
    const badChecksum = `${good.slice(0, -1)}${good.endsWith('q') ? 'p' : 'q'}`;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ address: address('osmo', 1), chain_id: 'hub-1', threshold: '2' }, /cosmos/],
      [{ address: badChecksum, chain_id: 'hub-1', threshold: '2' }, /checksum/i],
      [{ address: good, chain_id: 'nochain-9', threshold: '2' }, /nochain-9/],
      [{ address: good, chain_id: 'hub-1', threshold: '-1' }, /positive|greater than 0|negative/i],
      [{ address: good, chain_id: 'hub-1', threshold: 'lots' }, /number/i],
    ];
    for (const [options, reason] of cases) expect(await slash(member!.id, 'register', options)).toMatch(reason);
    expect(await prefix(member!.id, '$register')).toMatch(/usage/i); // the seed's prefix, with its usage
    expect(await wallets()).toEqual([]);

    expect(await slash(member!.id, 'register', { address: good, chain_id: 'hub-1', threshold: '2' })).toMatch(/tracking|registered/i);
    expect(await wallets()).toEqual([{ address: good, owner_id: member!.id, threshold: '2000000' }]);
    // Someone else can neither take it over (the seed overwrote it) nor deregister it (the seed's substring test).
    expect(await slash(other.id, 'register', { address: good, chain_id: 'hub-1', threshold: '5' })).toMatch(/already|registered by/i);
    expect(await prefix(other.id, `$deregister ${good}`)).toMatch(/only/i);
    expect(await wallets()).toHaveLength(1);
    expect(await slash(moderator!.id, 'deregister', { address: good })).toMatch(/Stopped tracking wallet/);
    expect(await wallets()).toEqual([]);
  }, 90_000);

  it('alerts a low wallet once, pinging its owner, resolves it once above the hysteresis band, and edits one status message in place', async () => {
    const { hub, status } = await ibcBotStack();
    const wallet = address('cosmos', 7);
    hub.setBalance(wallet, 'uatom', 5_000_000n);
    expect(await slash(member!.id, 'register', { address: wallet, chain_id: 'hub-1', threshold: '2' })).toMatch(/5 ATOM/);
    const alerts = () => stack.discord.messages({ webhookId: stack.alerts.id });
    const walletState = async () => (await stack.query<{ state: string; balance: string }>('SELECT state, balance::text FROM ibc_wallets'))[0];
    await eventually(walletState, (w) => w?.state === 'ok');

    hub.setBalance(wallet, 'uatom', 1_500_000n);
    const [low] = await eventually(alerts, (m) => m.length === 1);
    expect(low!.content).toContain(`<@${member!.id}>`);
    expect(JSON.stringify(low!.embeds)).toContain(wallet);
    // Hovering around the threshold, below threshold × 1.05: neither a resolve nor a second alert.
    for (const amount of [2_050_000n, 1_980_000n, 2_090_000n]) {
      hub.setBalance(wallet, 'uatom', amount);
      await eventually(walletState, (w) => w?.balance === String(amount));
    }
    hub.setBalance(wallet, 'uatom', 3_000_000n);
    await eventually(alerts, (m) => m.length === 2);
    expect(JSON.stringify(alerts()[1]!.embeds)).toMatch(/Wallet topped up/);
    await eventually(walletState, (w) => w?.state === 'ok');

    // The wallet commands answer from the same state, where they were typed.
    expect(await prefix(member!.id, '$my_wallets')).toContain(wallet);
    expect(await slash(owner!.id, 'wallet', { address: wallet })).toMatch(/3 ATOM/);
    // One status message, edited rather than re-posted.
    const statusMessages = stack.discord.messages({ webhookId: status.id });
    expect(statusMessages).toHaveLength(1);
    await eventually(() => stack.discord.message(statusMessages[0]!.id)?.edits ?? 0, (n) => n >= 2);
    // Two more wallet polls (a repeated alert would come from one), then nothing owed to Discord: the count is final.
    await walletPolls(2);
    await waitForQuiet(stack, 20_000);
    expect(alerts()).toHaveLength(2);
  }, 90_000);
});
