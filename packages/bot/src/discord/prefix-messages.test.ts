import { describe, expect, it } from 'vitest';
import { help } from '../commands/help.js';
import { createPrefixParser } from '../prefix.js';
import { CommandRegistry } from '../registry.js';
import { ping, registerWallet } from '../test-support.js';
import { prefixProblemReply } from './prefix-messages.js';

const registry = new CommandRegistry<never>([help, ping, registerWallet]);
const parser = createPrefixParser(registry, '!');
const replyTo = (content: string) => prefixProblemReply(parser.parse(content), registry, '!');

describe('prefix problem replies', () => {
  it('suggests the intended command', () => {
    expect(replyTo('!pnig')).toBe('Unknown command `!pnig`. Did you mean `!ping`? Type `!help` for the list.');
  });

  it('answers a word-like unknown name, but stays silent on chatter', () => {
    expect(replyTo('!weather')).toBe('Unknown command `!weather`. Type `!help` for the list.');
    for (const chatter of ['!1000', '!!!', '! hi', '!😀', '!Wow such bot', 'hello', '!ok123456789012345678901234567890xyz']) {
      expect(replyTo(chatter)).toBeUndefined();
    }
  });

  it('answers invalid arguments with the error and the usage', () => {
    expect(replyTo('!register w')).toBe('Missing `chain`.\nUsage: `!register <wallet> <chain> [threshold] [days] [quiet] [owner] [team]`');
  });

  it('is silent for valid commands (the dispatcher answers those)', () => {
    expect(replyTo('!ping')).toBeUndefined();
  });
});
