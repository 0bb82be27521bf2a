import { describe, expect, it } from 'vitest';
import { goodbyeText, welcomeTemplate, welcomeValues } from './welcome.js';

const member = { id: '400000000000000001', username: 'new_face', discriminator: '0' };
const channels = { general: '500000000000000001', graveyard: '500000000000000002', highScores: '500000000000000003', log: '500000000000000004' };

describe('the welcome template (seed-behaviour §3.2)', () => {
  it("renders every one of the seed's fields", () => {
    const template = welcomeTemplate(
      'Hi <@{{.Member.ID}}> ({{.Member.Name}}, {{ .Member.FQN }}, #{{.Member.Discriminator}})! Read <#{{.ChannelsID.General}}>, ' +
        '<#{{.ChannelsID.Graveyard}}>, <#{{.ChannelsID.HighScores}}>, <#{{.ChannelsID.Log}}>. I am <@{{.BotID}}>.',
    );
    expect(template.render(welcomeValues(member, channels, '100000000000000002'))).toBe(
      'Hi <@400000000000000001> (new\\_face, new\\_face, #0)! Read <#500000000000000001>, <#500000000000000002>, <#500000000000000003>, <#500000000000000004>. I am <@100000000000000002>.',
    );
  });

  it('writes FQN as name#discriminator when the account still has one', () => {
    expect(welcomeTemplate('{{.Member.FQN}}').render(welcomeValues({ ...member, discriminator: '4321' }, channels, '1'))).toBe('new\\_face#4321');
  });

  it('prints an unset channel as empty text, as the seed did', () => {
    expect(welcomeTemplate('[{{.ChannelsID.HighScores}}]').render(welcomeValues(member, { general: '5' }, '1'))).toBe('[]');
  });

  it('refuses fields the seed did not have', () => {
    expect(() => welcomeTemplate('Hi {{.Member.Nick}}')).toThrow(/\{\{\.Member\.Nick\}\} is not available/);
  });
});

describe('the goodbye message', () => {
  it('is `Goodbye <@id> (name) 👋.` with the name escaped and no #0', () => {
    expect(goodbyeText(member)).toBe('Goodbye <@400000000000000001> (new\\_face) 👋.');
    expect(goodbyeText({ id: '7', username: 'OldBot', discriminator: '1234' })).toBe('Goodbye <@7> (OldBot#1234) 👋.');
  });
});
