import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from 'discord.js';
import { DemoGuild, FakeDiscord } from '@herald/testkit';
import { checkCommunityChannels } from './check-channels.js';
import { restChores } from './discord/chores.js';
import { describeDiscordFailure } from './discord/errors.js';

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiBaseUrl, retries: 0 }).setToken('community-test');
});
afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});

describe('the start-up check of the community channels', () => {
  it('passes channels that exist and names the setting of one that does not', async () => {
    const general = DemoGuild.channels.general!.id;
    expect(await checkCommunityChannels({ generalChannel: general, goodbyeChannel: general }, restChores(rest))).toEqual([]);
    expect(await checkCommunityChannels({ generalChannel: general, logChannel: '999999999999999999' }, restChores(rest))).toEqual([
      { setting: 'community.logChannel', channelId: '999999999999999999', problem: 'Discord refused: Unknown Channel' },
    ]);
  });
});

describe("a Discord failure's answer", () => {
  it('is undefined for errors that are not Discord’s (the dispatcher answers those)', () => {
    expect(describeDiscordFailure(new Error('connection to the database lost'), 'Ban Members')).toBeUndefined();
    expect(describeDiscordFailure(Object.assign(new Error('x'), { code: '57P01' }), 'Ban Members')).toBeUndefined();
  });

  it('recognises a Discord API error by its shape, whichever copy of @discordjs/rest made it', () => {
    const raw = { code: 50013, message: 'Missing Permissions' };
    const real = new DiscordAPIError(raw, 50013, 403, 'PUT', 'https://discord.com/api/v10/guilds/1/bans/2', {});
    expect(describeDiscordFailure(real, 'Ban Members')).toBe('Discord refused: Missing Permissions (the bot needs Ban Members)');
    // As the ES-module copy (the notifier's REST client) throws it: same shape, another class.
    const other = Object.assign(new Error('Missing Access'), { name: 'DiscordAPIError[50001]', code: 50001, status: 403, rawError: { code: 50001 } });
    expect(describeDiscordFailure(other, 'Manage Messages')).toBe('Discord refused: Missing Access (the bot cannot see that channel)');
    expect(describeDiscordFailure(Object.assign(new Error('Bad Gateway'), { name: 'HTTPError', status: 502 }), 'Ban Members')).toBe(
      'Discord could not be reached (HTTP 502); try again later',
    );
  });

  it('says Discord could not be reached for network errors', () => {
    expect(describeDiscordFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'Ban Members')).toBe(
      'Discord could not be reached (ECONNRESET); try again later',
    );
    expect(describeDiscordFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'Ban Members')).toBe('Discord could not be reached (timed out); try again later');
  });
});
