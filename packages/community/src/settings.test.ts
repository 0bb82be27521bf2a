import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigErrors, parseConfig } from '@herald/config';
import { communitySection } from './settings.js';

const schema = z.object({ community: communitySection });
const GENERAL = '508169151894056221';
const LOG = '508869940013213344';

/** The config error's text, or 'ok'. */
function problems(community: unknown): string {
  try {
    parseConfig(schema, community === undefined ? {} : { community });
    return 'ok';
  } catch (error) {
    if (!(error instanceof ConfigErrors) && !(error instanceof Error)) throw error;
    return error.message;
  }
}

describe('the community: section', () => {
  it('is empty by default: no chore runs', () => {
    expect(parseConfig(schema, {}).community).toEqual({});
  });

  it('takes the channels and a welcome template with the seed’s fields', () => {
    const community = { generalChannel: GENERAL, logChannel: LOG, goodbyeChannel: GENERAL, welcome: 'Hello <@{{.Member.ID}}>, see <#{{.ChannelsID.Log}}>!' };
    expect(parseConfig(schema, { community }).community).toEqual(community);
  });

  it('refuses a field the seed did not have, naming community.welcome', () => {
    expect(problems({ generalChannel: GENERAL, welcome: 'Hi {{.Member.Nickname}}' })).toMatch(/community\.welcome.*\{\{\.Member\.Nickname\}\} is not available/);
    expect(problems({ generalChannel: GENERAL, welcome: 'Hi {{len .Member.ID}}' })).toMatch(/community\.welcome.*is not a field/);
    expect(problems({ generalChannel: GENERAL, welcome: 'Hi {{.Member.ID' })).toMatch(/community\.welcome.*unclosed action/);
  });

  it('refuses a welcome or a log channel without the general channel they depend on', () => {
    expect(problems({ welcome: 'Hello' })).toMatch(/community\.welcome.*needs community\.generalChannel/);
    expect(problems({ logChannel: LOG })).toMatch(/community\.logChannel.*needs community\.generalChannel/);
  });

  it('refuses an empty or overlong welcome and a channel id that is not one', () => {
    expect(problems({ generalChannel: GENERAL, welcome: '  ' })).toMatch(/community\.welcome.*is empty/);
    expect(problems({ generalChannel: GENERAL, welcome: 'x'.repeat(1801) })).toMatch(/community\.welcome.*at most 1800/);
    expect(problems({ generalChannel: 'general' })).toMatch(/community\.generalChannel.*Discord id/);
    expect(problems({ generalChannel: 508169151894056221 })).toMatch(/community\.generalChannel.*quotes/);
    expect(problems({ general: GENERAL })).toMatch(/community/);
  });
});
