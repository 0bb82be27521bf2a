import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './ibc-harness.js';
import { expectFinalList } from './quiet.js';
import { createRedditStack, type RedditStack } from './reddit-harness.js';

let stack: RedditStack;
afterEach(async () => {
  await stack?.close();
});

const listingRequests = (name: string) => stack.reddit.stats().byUser[name.toLowerCase()] ?? 0;
const posts = () => stack.discord.requests().filter((r) => r.webhookId === stack.highscores.id && r.method === 'POST');

describe('Reddit high scores, end to end (built reddit-poller and notifier, fake Reddit, fake Discord)', () => {
  it('announces a comment at the threshold exactly once although Discord fails at first and two notifiers die mid-post; rescans do not announce it again', async () => {
    stack = await createRedditStack();
    // Three ordinary comments and one at the threshold (the README's "at and below": -100 counts).
    stack.reddit.addUser({ name: 'Down_Voted', comments: { count: 3, generate: () => ({ score: 5 }) } });
    const low = stack.reddit.addComment('Down_Voted', { body: 'an unpopular opinion', score: -100 });
    stack.configure({ highscoreThreshold: -100 });
    expect((await stack.run('reddit-poller', ['--useradd', 'Down_Voted'])).code).toBe(0);
    stack.discord.setPermanentStatus({ webhookId: stack.highscores.id }, 503);

    // Discord answers 503 to the first posts; the notifier is killed while the announcement waits for a retry...
    const first = stack.start('notifier');
    await first.waitFor(/notifier started/);
    const poller = stack.start('reddit-poller');
    await poller.waitFor(/reddit poller started/);
    await eventually(() => posts().map((r) => r.status), (s) => s.length >= 2, 20_000, 'two failed posts');
    await first.kill('SIGKILL');
    stack.discord.setPermanentStatus({ webhookId: stack.highscores.id }, null);
    const failed = posts().length;
    expect(stack.discord.messages({ webhookId: stack.highscores.id })).toEqual([]);
    // ...the next one dies at the moment it posts (before Discord has it: a webhook has no idempotency key)...
    const second = stack.start('notifier', [], { HERALD_FAILPOINTS: 'deliver.before-send' });
    expect((await second.exited).signal).toBe('SIGKILL');
    // ...and the third delivers it.
    stack.start('notifier');
    const expected = [`a comment by /u/Down\\_Voted has reached -100: https://www.reddit.com${low.permalink}`];
    await expectFinalList(stack, () => stack.texts(stack.highscores), expected, 40_000);
    expect(posts().map((r) => r.status)).toEqual([...Array<number>(failed).fill(503), 200]);
    expect(await stack.query('SELECT comment_id, score FROM reddit_highscores')).toEqual([{ comment_id: low.id, score: -100 }]);

    // Later scans refresh the comment (sunk further) and find it announced: nothing more is posted.
    stack.reddit.setScore(low.id, -150);
    const seen = listingRequests('Down_Voted');
    await eventually(() => listingRequests('Down_Voted'), (n) => n >= seen + 2, 20_000, 'two more scans');
    await eventually(() => stack.query<{ score: number }>('SELECT score FROM reddit_comments WHERE id = $1', [low.id]), (r) => r[0]?.score === -150, 20_000, 'the new score stored');
    await expectFinalList(stack, () => stack.texts(stack.highscores), expected, 30_000);
    expect(posts()).toHaveLength(failed + 1);
  }, 90_000);
});
