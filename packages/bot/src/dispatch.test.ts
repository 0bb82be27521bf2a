import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCommand } from './command.js';
import { createDispatcher, NOT_ALLOWED, type DispatcherOptions } from './dispatch.js';
import { CommandRegistry } from './registry.js';
import {
  captureLogger,
  invocation,
  MEMBER_ID,
  MODERATOR_ID,
  MODERATOR_ROLE_ID,
  OWNER_ID,
  ping,
  recordingResponder,
  secret,
  slow,
} from './test-support.js';

type Deps = { ran: string[]; release?: Promise<void> };

const knownSlow = defineCommand({
  name: 'known-slow',
  description: 'Declared slow.',
  permission: 'everyone',
  slow: true,
  ephemeral: true,
  async run() {
    return 'done';
  },
});
const broken = defineCommand({
  name: 'broken',
  description: 'Throws.',
  permission: 'everyone',
  async run() {
    throw new Error('database unreachable');
  },
});
const syncThrow = defineCommand({
  name: 'sync-throw',
  description: 'Throws before any await.',
  permission: 'everyone',
  run() {
    throw new Error('synchronous');
  },
});
const pinging = defineCommand({
  name: 'pinging',
  description: 'Asks to ping one user.',
  permission: 'everyone',
  async run() {
    return { content: `<@${MEMBER_ID}> <@&${MODERATOR_ROLE_ID}> @everyone`, mentions: { users: [MEMBER_ID] } };
  },
});

/** Answers in three messages, the last an embed, like a long list. */
const long = defineCommand({
  name: 'long',
  description: 'Answers in several messages.',
  permission: 'everyone',
  ephemeral: true,
  async run() {
    return ['part 1', { content: 'part 2', ephemeral: false }, { embeds: [{ description: 'part 3' }] }];
  },
});
const empty = defineCommand({
  name: 'empty',
  description: 'Answers an empty list.',
  permission: 'everyone',
  async run() {
    return [];
  },
});

const registry = new CommandRegistry<Deps>([ping, secret, slow, knownSlow, broken, syncThrow, pinging, long, empty]);

function setup(overrides: Partial<DispatcherOptions<Deps>> = {}, privilegedRoleId: string | null = MODERATOR_ROLE_ID) {
  const { logger, entries } = captureLogger();
  const deps: Deps = { ran: [] };
  const role = privilegedRoleId === null ? {} : { privilegedRoleId };
  const dispatcher = createDispatcher<Deps>({ registry, deps, logger, ...role, ...overrides });
  return { dispatcher, deps, entries };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dispatcher', () => {
  it('answers a command with a reply that pings nobody', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await expect(dispatcher.dispatch(invocation(), responder)).resolves.toBe('answered');
    expect(events).toEqual([{ type: 'reply', message: { content: 'pong', embeds: [], ephemeral: false, allowedMentions: { parse: [] } } }]);
  });

  it('refuses a privileged command to a member and runs nothing', async () => {
    const { dispatcher, deps } = setup();
    for (const via of ['slash', 'prefix'] as const) {
      const { responder, events } = recordingResponder();
      await expect(dispatcher.dispatch(invocation({ via, commandName: 'secret' }), responder)).resolves.toBe('refused');
      expect(events).toEqual([{ type: 'reply', message: expect.objectContaining({ content: NOT_ALLOWED, ephemeral: via === 'slash' }) }]);
    }
    expect(deps.ran).toEqual([]);
  });

  it('accepts the guild owner and members with the privileged role', async () => {
    const { dispatcher, deps } = setup();
    const owner = invocation({ commandName: 'secret', user: { id: OWNER_ID, username: 'owner' } });
    const moderator = invocation({ commandName: 'secret', user: { id: MODERATOR_ID, username: 'mod' }, memberRoleIds: [MODERATOR_ROLE_ID] });
    await expect(dispatcher.dispatch(owner, recordingResponder().responder)).resolves.toBe('answered');
    await expect(dispatcher.dispatch(moderator, recordingResponder().responder)).resolves.toBe('answered');
    expect(deps.ran).toEqual(['secret', 'secret']);
  });

  it('without a privileged role lets only the owner in, and says so once at start', async () => {
    const { dispatcher, entries } = setup({}, null);
    const moderator = invocation({ commandName: 'secret', user: { id: MODERATOR_ID, username: 'mod' }, memberRoleIds: [MODERATOR_ROLE_ID] });
    await expect(dispatcher.dispatch(moderator, recordingResponder().responder)).resolves.toBe('refused');
    const owner = invocation({ commandName: 'secret', user: { id: OWNER_ID, username: 'owner' } });
    await expect(dispatcher.dispatch(owner, recordingResponder().responder)).resolves.toBe('answered');
    const notices = entries().filter((e) => String(e.msg).includes('no privileged role has been set'));
    expect(notices).toHaveLength(1);
  });

  it('refuses privileged commands outside a guild (no owner)', async () => {
    const { dispatcher } = setup();
    const dm = invocation({ commandName: 'secret', guildOwnerId: null, guildId: null });
    await expect(dispatcher.dispatch(dm, recordingResponder().responder)).resolves.toBe('refused');
  });

  it('ignores bots, ourselves included', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await expect(dispatcher.dispatch(invocation({ user: { id: '1', username: 'bot', bot: true } }), responder)).resolves.toBe('ignored');
    expect(events).toEqual([]);
  });

  it('defers a command that has not answered in time, then sends the final reply', async () => {
    const { dispatcher, deps } = setup({ deferAfterMs: 10 });
    const { responder, events, deferred } = recordingResponder();
    // The command finishes only once the dispatcher has deferred: no sleeping, no race.
    deps.release = deferred;
    await expect(dispatcher.dispatch(invocation({ commandName: 'slow' }), responder)).resolves.toBe('answered');
    expect(events).toEqual([
      { type: 'defer', ephemeral: false },
      { type: 'reply', message: expect.objectContaining({ content: 'finally' }) },
    ]);
  });

  it('defers after 1.5 s by default (fake timers)', async () => {
    vi.useFakeTimers();
    const { dispatcher, deps } = setup();
    let release!: () => void;
    deps.release = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { responder, events } = recordingResponder();
    const done = dispatcher.dispatch(invocation({ commandName: 'slow' }), responder);
    await vi.advanceTimersByTimeAsync(1499);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual([{ type: 'defer', ephemeral: false }]);
    release();
    await expect(done).resolves.toBe('answered');
    expect(events[1]).toEqual({ type: 'reply', message: expect.objectContaining({ content: 'finally' }) });
  });

  it('does not defer a quick command, and defers a declared-slow one at once', async () => {
    const { dispatcher } = setup();
    const quick = recordingResponder();
    await dispatcher.dispatch(invocation(), quick.responder);
    expect(quick.events.map((e) => e.type)).toEqual(['reply']);
    const declared = recordingResponder();
    await dispatcher.dispatch(invocation({ commandName: 'known-slow' }), declared.responder);
    expect(declared.events).toEqual([
      { type: 'defer', ephemeral: true },
      { type: 'reply', message: expect.objectContaining({ content: 'done', ephemeral: true }) },
    ]);
  });

  it('answers a failing command with a short notice and logs the error', async () => {
    const { dispatcher, entries } = setup();
    for (const [commandName, via, shown] of [['broken', 'slash', '/broken'], ['sync-throw', 'prefix', '!sync-throw']] as const) {
      const { responder, events } = recordingResponder();
      await expect(dispatcher.dispatch(invocation({ commandName, via }), responder)).resolves.toBe('failed');
      expect(events).toEqual([
        {
          type: 'reply',
          message: expect.objectContaining({ content: `Something went wrong running \`${shown}\`; the error was logged.`, ephemeral: via === 'slash' }),
        },
      ]);
    }
    const failures = entries().filter((e) => e.msg === 'command failed');
    expect(failures.map((e) => (e.err as { message: string }).message)).toEqual(['database unreachable', 'synchronous']);
  });

  it('survives a transport that fails to defer or reply', async () => {
    const { dispatcher, deps, entries } = setup({ deferAfterMs: 1 });
    let release!: () => void;
    deps.release = new Promise((resolve) => {
      release = resolve;
    });
    const failing = {
      defer: async () => {
        release();
        throw new Error('Unknown interaction');
      },
      reply: async () => {
        throw new Error('Missing access');
      },
      followUp: async () => undefined,
    };
    await expect(dispatcher.dispatch(invocation({ commandName: 'slow' }), failing)).resolves.toBe('answered');
    expect(entries().map((e) => e.msg)).toEqual(expect.arrayContaining(['could not defer the command reply', 'could not send the command reply']));
  });

  it('pings only the users a command asks for', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await dispatcher.dispatch(invocation({ commandName: 'pinging' }), responder);
    expect(events[0]).toMatchObject({ type: 'reply', message: { allowedMentions: { parse: [], users: [MEMBER_ID] } } });
  });

  it('answers an unregistered name (stale slash registration) instead of failing', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await expect(dispatcher.dispatch(invocation({ commandName: 'gone' }), responder)).resolves.toBe('unknown');
    expect(events[0]).toMatchObject({ message: { content: expect.stringMatching(/^Unknown command `\/gone`; run the register command/), ephemeral: true } });
  });

  it('sends an answer of several messages in order: the reply, then follow-ups', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await expect(dispatcher.dispatch(invocation({ commandName: 'long' }), responder)).resolves.toBe('answered');
    expect(events).toEqual([
      { type: 'reply', message: { content: 'part 1', embeds: [], ephemeral: true, allowedMentions: { parse: [] } } },
      { type: 'followUp', message: { content: 'part 2', embeds: [], ephemeral: false, allowedMentions: { parse: [] } } },
      { type: 'followUp', message: { embeds: [{ description: 'part 3' }], ephemeral: true, allowedMentions: { parse: [] } } },
    ]);
  });

  it('stops at the first follow-up that fails (the rest would arrive out of order) and logs how many were not sent', async () => {
    const { dispatcher, entries } = setup();
    const sent: string[] = [];
    const responder = {
      defer: async () => undefined,
      reply: async (m: { content?: string }) => void sent.push(m.content ?? ''),
      followUp: async () => {
        throw new Error('Missing access');
      },
    };
    await expect(dispatcher.dispatch(invocation({ commandName: 'long' }), responder)).resolves.toBe('answered');
    expect(sent).toEqual(['part 1']);
    expect(entries().find((e) => e.msg === 'could not send a follow-up message')).toMatchObject({ sent: 1, unsent: 2 });
  });

  it('answers an empty list with a message saying there is no output', async () => {
    const { dispatcher } = setup();
    const { responder, events } = recordingResponder();
    await dispatcher.dispatch(invocation({ commandName: 'empty' }), responder);
    expect(events).toEqual([{ type: 'reply', message: { content: '(no output)', embeds: [], ephemeral: false, allowedMentions: { parse: [] } } }]);
  });
});
