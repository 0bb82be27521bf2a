import { describe, expect, it } from 'vitest';
import { isLoggableLink, LINK_REACTIONS, memberLabel, pickReaction, repostText, unescapeUnderscores } from './link-log.js';

describe("the seed's link rule (seed-behaviour §3.2)", () => {
  const comment = 'https://www.reddit.com/r/AskReddit/comments/abc123/some_title/def456/';

  it.each([
    ['a comment link on www.', comment],
    ['old.', 'https://old.reddit.com/r/pics/comments/x1/t/y2/'],
    ['np.', 'look https://np.reddit.com/r/pics/comments/x1/t/y2/ lol'],
    ['no host prefix nor scheme', 'reddit.com/r/a_b/comments/x'],
    ['a post link (the rule only needs /comments/)', 'https://www.reddit.com/r/news/comments/abc123/title/'],
    ['text around it, over several lines', `first line\n${comment}\nlast line`],
  ])('logs %s', (_, content) => {
    expect(isLoggableLink(content, '!')).toBe(true);
  });

  it.each([
    ['a redd.it short link', 'https://redd.it/abc123'],
    ['a subreddit link', 'https://www.reddit.com/r/pics/'],
    ['a user page', 'https://www.reddit.com/user/spez/comments/'],
    ['another site', 'https://example.com/r/pics/comments/x/'],
    ['a subreddit name with a non-ASCII letter (Go’s \\w is ASCII)', 'https://www.reddit.com/r/café/comments/x/'],
    ['plain text', 'hello'],
  ])('does not log %s', (_, content) => {
    expect(isLoggableLink(content, '!')).toBe(false);
  });

  it('skips messages saying <prefix>nolog, in any case, with the configured prefix', () => {
    expect(isLoggableLink(`${comment} !nolog`, '!')).toBe(false);
    expect(isLoggableLink(`!NoLog ${comment}`, '!')).toBe(false);
    expect(isLoggableLink(`${comment} nolog`, '!')).toBe(true);
    expect(isLoggableLink(`${comment} !nolog`, '$')).toBe(true);
    expect(isLoggableLink(`${comment} $nolog`, '$')).toBe(false);
  });

  it("reads what Discord's client escaped: `r/a\\_b` is `r/a_b`", () => {
    const typed = 'https://www.reddit.com/r/Down\\_Arrows/comments/x/';
    expect(unescapeUnderscores(typed)).toBe('https://www.reddit.com/r/Down_Arrows/comments/x/');
    expect(isLoggableLink(unescapeUnderscores(typed), '!')).toBe(true);
  });
});

describe('the reaction and the repost', () => {
  it('picks each of the seed’s eight reactions across [0, 1)', () => {
    expect(LINK_REACTIONS).toEqual(['☠', '🔥', '💗', '⚡', '👌', '💯', '👍', '💮']);
    expect(pickReaction(() => 0)).toBe('☠');
    expect(pickReaction(() => 0.999999)).toBe('💮');
    expect(new Set(LINK_REACTIONS.map((_, i) => pickReaction(() => (i + 0.5) / LINK_REACTIONS.length)))).toEqual(new Set(LINK_REACTIONS));
  });

  it('names the author as the seed did, without the #0 Discord now gives everyone', () => {
    expect(memberLabel({ username: 'alice', discriminator: '0' })).toBe('alice');
    expect(memberLabel({ username: 'alice' })).toBe('alice');
    expect(memberLabel({ username: 'OldBot', discriminator: '1234' })).toBe('OldBot#1234');
  });

  it('reposts `<name>: <content>` with the name escaped and the content as written, within 2,000 characters', () => {
    expect(repostText({ username: 'a_b', discriminator: '0' }, 'see https://reddit.com/r/x/comments/y *wow*')).toBe('a\\_b: see https://reddit.com/r/x/comments/y *wow*');
    const long = repostText({ username: 'bob' }, `https://reddit.com/r/x/comments/${'y'.repeat(3000)}`);
    expect(long).toHaveLength(2000);
    expect(long.startsWith('bob: https://reddit.com/r/x/comments/')).toBe(true);
  });
});
