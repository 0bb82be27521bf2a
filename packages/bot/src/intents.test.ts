import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { disallowedIntentsMessage, isDisallowedIntents, planIntents, withoutPrivileged, type IntentConsumer } from './intents.js';

const prefix: IntentConsumer = { name: 'prefix commands (discord.bot.messageContent)', intents: ['GuildMessages', 'MessageContent'] };
const links: IntentConsumer = { name: 'reddit link logging (community.logChannel)', intents: ['GuildMessages', 'MessageContent'] };
const welcome: IntentConsumer = { name: 'welcome messages (community.welcome)', intents: ['GuildMembers'] };
const goodbye: IntentConsumer = { name: 'goodbye messages (community.goodbyeChannel)', intents: ['GuildMembers'] };
const counter: IntentConsumer = { name: 'message counter', intents: ['GuildMessages'] };

describe('gateway intents', () => {
  it('asks for Guilds alone when nothing needs more', () => {
    expect(planIntents([])).toEqual({ intents: [GatewayIntentBits.Guilds], privileged: [] });
  });

  it('adds each consumer\'s intents once and says who needs each privileged one', () => {
    const plan = planIntents([prefix, welcome, links, goodbye, counter]);
    expect([...plan.intents].sort((a, b) => a - b)).toEqual(
      [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent].sort((a, b) => a - b),
    );
    expect(plan.privileged).toEqual([
      { portalName: 'Server Members Intent', neededBy: [welcome.name, goodbye.name] },
      { portalName: 'Message Content Intent', neededBy: [prefix.name, links.name] },
    ]);
  });

  it('without privileged intents keeps what needs none and turns the rest off', () => {
    const { plan, disabled } = withoutPrivileged([prefix, welcome, counter]);
    expect(plan.intents).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    expect(plan.privileged).toEqual([]);
    expect(disabled).toEqual([prefix, welcome]);
  });

  it('names every privileged intent, who needs it and where to enable it, in one message', () => {
    expect(disallowedIntentsMessage(planIntents([prefix, welcome, links, goodbye]))).toBe(
      'Discord refused the bot\'s privileged gateway intents (close code 4014, "Disallowed intent(s)"). ' +
        'Server Members Intent: welcome messages (community.welcome), goodbye messages (community.goodbyeChannel); ' +
        'Message Content Intent: prefix commands (discord.bot.messageContent), reddit link logging (community.logChannel) — ' +
        'enable them at https://discord.com/developers/applications → Bot → Privileged Gateway Intents, then restart Herald. ' +
        'Until then the bot runs without them: slash commands work, these features are off.',
    );
  });

  it('recognises discord.js\'s error for close code 4014 only', () => {
    expect(isDisallowedIntents(new Error('Used disallowed intents'))).toBe(true);
    expect(isDisallowedIntents(new Error('An invalid token was provided.'))).toBe(false);
    expect(isDisallowedIntents('Used disallowed intents')).toBe(false);
  });
});
