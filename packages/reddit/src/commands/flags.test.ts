/** `unregister`, `reregister` (privileged), `hide`, `unhide` against a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ALLOWED } from '@herald/bot';
import { ALICE, contentOf, embedOf, fieldsOf, GUILD_OWNER, MODERATOR, startHarness, storedUser, storeUser, type Harness } from './test-support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ reddit: undefined });
  await storeUser(h.db, { name: 'Some_User' });
  await storeUser(h.db, { name: 'Other' });
});
afterAll(() => h.close());

describe('unregister and reregister', () => {
  it('refuses a member without the privileged role and changes nothing', async () => {
    expect(contentOf(await h.prefix('!unregister Some_User', ALICE))).toBe(NOT_ALLOWED);
    expect(contentOf(await h.slash('reregister', { names: 'Some_User' }, ALICE))).toBe(NOT_ALLOWED);
    expect((await storedUser(h.db, 'Some_User'))?.unregistered).toBe(false);
  });

  it('soft-deletes users in any case for a moderator, one field per name, and says which names are unknown', async () => {
    const embed = embedOf(await h.prefix('!unregister some_user /u/nobody u/OTHER', MODERATOR));
    expect(embed.title).toBe('Unregister');
    expect(embed.description).toBe(`request from <@${MODERATOR}>`);
    expect(fieldsOf(embed)).toEqual([
      ['some\\_user', '✅'],
      ['nobody', '❌ no user named "nobody"'],
      ['OTHER', '✅'],
    ]);
    expect((await storedUser(h.db, 'Some_User'))?.unregistered).toBe(true);
    expect((await storedUser(h.db, 'Other'))?.unregistered).toBe(true);
  });

  it('undoes it with reregister (the guild owner is privileged too)', async () => {
    const embed = embedOf(await h.slash('reregister', { names: 'SOME_USER Other' }, GUILD_OWNER));
    expect(embed.title).toBe('Reregister');
    expect(fieldsOf(embed)).toEqual([
      ['SOME\\_USER', '✅'],
      ['Other', '✅'],
    ]);
    expect((await storedUser(h.db, 'Some_User'))?.unregistered).toBe(false);
  });
});

describe('hide and unhide', () => {
  it('are not privileged (as the seed): any member hides and unhides, unregistered users included', async () => {
    await storeUser(h.db, { name: 'Gone', unregistered: true });
    const hidden = embedOf(await h.prefix('!hide other  Gone nobody', ALICE));
    expect(hidden.title).toBe('Hide');
    expect(fieldsOf(hidden)).toEqual([
      ['other', '✅'],
      ['Gone', '✅'],
      ['nobody', '❌ no user named "nobody"'],
    ]);
    expect((await storedUser(h.db, 'Other'))?.hidden).toBe(true);
    expect((await storedUser(h.db, 'Gone'))?.hidden).toBe(true);

    const shown = embedOf(await h.slash('unhide', { names: 'OTHER' }, ALICE));
    expect(shown.title).toBe('Unhide');
    expect(fieldsOf(shown)).toEqual([['OTHER', '✅']]);
    expect((await storedUser(h.db, 'Other'))?.hidden).toBe(false);
  });

  it('answers a line of spaces with how to name a user, not an empty embed', async () => {
    expect(contentOf(await h.slash('hide', { names: '   ' }))).toContain('Give at least one Reddit user name');
  });
});
