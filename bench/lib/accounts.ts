import type { FakeDiscord, FakeDiscordMessage as RecordedMessage } from '@herald/testkit';
import type { Stack } from './stack.js';

type Admin = Stack['servatrice']['admin'];

/**
 * Inserts accounts in multi-row INSERTs with the columns and values of Servatrice's registerUser
 * (UTC_TIMESTAMP(), inactive, 120-char hash), over the admin connection whose session already has
 * `sql_mode='NO_AUTO_VALUE_ON_ZERO'` like Servatrice's. Returns when the last statement committed.
 */
export async function bulkRegister(admin: Admin, prefix: string, names: string[], rowsPerInsert = 1000): Promise<void> {
  const hash = 'x'.repeat(120);
  for (let start = 0; start < names.length; start += rowsPerInsert) {
    const chunk = names.slice(start, start + rowsPerInsert);
    const rows = chunk.map(() => `(?, ?, ?, ?, 'us', UTC_TIMESTAMP(), 0, NULL, 0, '', '', 'NONE', UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
    const values = chunk.flatMap((name) => [name, `Real ${name}`, hash, `${name}@example.org`]);
    await admin.query(
      `insert into \`${prefix}_users\` (name, realname, password_sha512, email, country, registrationDate, active, token, admin, avatar_bmp, clientid, privlevel, privlevelStartDate, privlevelEndDate) values ${rows.join(', ')}`,
      values,
    );
  }
}

/** Zero-padded names, so they sort in insertion order. */
export function accountNames(prefix: string, count: number): string[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

type Embed = { fields?: Array<{ name: string; value: string }> };

/** The Username field of every embed in a message. */
export function usernamesIn(message: RecordedMessage): string[] {
  return (message.embeds as Embed[]).flatMap((e) => e.fields?.filter((f) => f.name === 'Username').map((f) => f.value) ?? []);
}

/**
 * Watches the fake Discord as messages arrive: when each expected account first appeared,
 * how often each appeared, and anything that was not expected at all.
 */
export class ArrivalTracker {
  readonly firstSeen = new Map<string, number>();
  readonly seenCount = new Map<string, number>();
  unexpected = 0;
  lastArrival = 0;
  readonly #expected: Set<string>;
  readonly #waiters = new Set<() => void>();
  readonly #listener = (message: RecordedMessage) => {
    for (const name of usernamesIn(message)) {
      if (!this.#expected.has(name)) {
        this.unexpected++;
        continue;
      }
      this.seenCount.set(name, (this.seenCount.get(name) ?? 0) + 1);
      if (!this.firstSeen.has(name)) {
        this.firstSeen.set(name, message.createdAt);
        this.lastArrival = Math.max(this.lastArrival, message.createdAt);
      }
    }
    for (const wake of this.#waiters) wake();
  };

  constructor(
    private readonly discord: FakeDiscord,
    expected: Iterable<string>,
  ) {
    this.#expected = new Set(expected);
    discord.on('message', this.#listener);
  }

  get arrived(): number {
    return this.firstSeen.size;
  }

  get duplicates(): number {
    let extra = 0;
    for (const count of this.seenCount.values()) extra += count - 1;
    return extra;
  }

  get missing(): string[] {
    return [...this.#expected].filter((name) => !this.firstSeen.has(name));
  }

  /** Resolves when every expected account arrived; rejects if none arrives for `stallMs`. */
  waitForAll(stallMs: number, onProgress?: (arrived: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let lastProgress = Date.now();
      let lastCount = this.arrived;
      const check = () => {
        if (this.arrived !== lastCount) {
          lastCount = this.arrived;
          lastProgress = Date.now();
        }
        if (this.arrived >= this.#expected.size) finish(resolve);
      };
      const ticker = setInterval(() => {
        onProgress?.(this.arrived);
        if (Date.now() - lastProgress > stallMs) {
          finish(() => reject(new Error(`stalled: ${this.arrived} of ${this.#expected.size} arrived, none in the last ${stallMs} ms`)));
        }
      }, 1000);
      const finish = (fn: () => void) => {
        clearInterval(ticker);
        this.#waiters.delete(check);
        fn();
      };
      this.#waiters.add(check);
      check();
    });
  }

  stop(): void {
    this.discord.off('message', this.#listener);
  }
}
