/** `register` where no Reddit lookup is needed (bad names, stored users, limits, no credentials), against a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AboutUser } from '../client/types.js';
import { UNAVAILABLE } from './register.js';
import { contentOf, embedOf, fieldsOf, startHarness, storedUser, storeUser, type Harness } from './test-support.js';

/** Every lookup the commands asked for: none is expected in this file. */
const lookups: string[] = [];
const noLookups = {
  async aboutUser(name: string): Promise<AboutUser> {
    lookups.push(name);
    throw new Error(`unexpected lookup of ${name}`);
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ reddit: noLookups });
  await storeUser(h.db, { name: 'Known_User' });
  await storeUser(h.db, { name: 'Dropped', unregistered: true });
});
afterAll(async () => {
  await h.close();
  expect(lookups).toEqual([]);
});

describe('register without a Reddit request', () => {
  it("refuses names Reddit would not accept before asking Reddit, in the seed's words", async () => {
    const embed = embedOf(await h.prefix('!register bad!name u/this_name_is_far_too_long hide/ a*b'));
    expect(embed.title).toBe('Register');
    expect(fieldsOf(embed)).toEqual([
      ['bad!name', '❌ user name "bad!name" is an invalid Reddit user name'],
      ['this\\_name\\_is\\_far\\_too\\_long', '❌ user name "this\\_name\\_is\\_far\\_too\\_long" is an invalid Reddit user name'],
      ['hide/', '❌ the user name is empty'],
      ['a\\*b', '❌ user name "a\\*b" is an invalid Reddit user name'],
    ]);
  });

  it('says a stored user already exists whatever the case or prefix, answering a name typed twice once', async () => {
    const embed = embedOf(await h.prefix('!register KNOWN_USER  /u/known_user hide/Known_User'));
    expect(embed.description).toMatch(/^request from <@\d+>$/);
    expect(fieldsOf(embed)).toEqual([['KNOWN\\_USER', '❌ user "KNOWN\\_USER" already exists']]);
    expect((await storedUser(h.db, 'Known_User'))?.hidden).toBe(false);
  });

  it('points an unregistered user to reregister instead of a unique-constraint error', async () => {
    const embed = embedOf(await h.slash('register', { names: 'dropped' }));
    expect(fieldsOf(embed)).toEqual([['dropped', '❌ user "Dropped" was unregistered: use reregister to track it again']]);
  });

  it('refuses 26 names at once (an embed holds 25 fields) and does nothing', async () => {
    const names = Array.from({ length: 26 }, (_, i) => `new_user_${i}`).join(' ');
    const content = contentOf(await h.prefix(`!register ${names}`));
    expect(content).toBe('At most 25 names at a time (a Discord embed holds 25 fields), got 26. Nothing was done.');
    expect(await storedUser(h.db, 'new_user_0')).toBeUndefined();
  });

  it('takes 25 names (duplicates and empty arguments do not count)', async () => {
    const names = [...Array.from({ length: 25 }, (_, i) => `bad!${i}`), 'bad!0', '', 'BAD!1'].join(' ');
    expect(fieldsOf(embedOf(await h.prefix(`!register ${names}`)))).toHaveLength(25);
  });

  it('answers its usage without a name', async () => {
    expect(contentOf(await h.prefix('!register'))).toBe('Missing `names`.\nUsage: `!register <names...>`');
  });
});

describe('register when the Reddit source is not configured', () => {
  it('answers that registration is unavailable, while the other commands still work on stored data', async () => {
    const bare = await startHarness({ reddit: undefined });
    try {
      await storeUser(bare.db, { name: 'Known_User' });
      expect(contentOf(await bare.prefix('!register someone'))).toBe(`${UNAVAILABLE}: the Reddit source is not configured in this notifier.`);
      expect(await storedUser(bare.db, 'someone')).toBeUndefined();
      // Answered at once, so it can stay between the caller and the bot on slash.
      expect(await bare.slash('register', { names: 'someone' })).toMatchObject([{ ephemeral: true }]);
      expect(embedOf(await bare.prefix('!karma Known_User')).title).toBe('Karma for /u/Known\\_User');
    } finally {
      await bare.close();
    }
  });
});
