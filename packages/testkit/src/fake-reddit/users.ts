import { commentData, commentSequence, generatedComment, mix, parseCommentId, type CommentSequence } from './comments.js';
import type { FakeRedditCommentData, FakeRedditNewComment, FakeRedditUserInfo, FakeRedditUserInput } from './types.js';

/** A control call that cannot be applied (unknown user, duplicate name, bad input): HTTP 400/404 on the control API. */
export class FakeRedditControlError extends Error {
  override name = 'FakeRedditControlError';
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

interface FakeUser {
  ordinal: number;
  name: string;
  createdUtc: number;
  suspended: boolean;
  deleted: boolean;
  commentsHidden: boolean;
  sequence: CommentSequence;
  /** Comments added by control, oldest first; their history index is `sequence.count + i`. */
  added: FakeRedditCommentData[];
  /** Score changes by history index. */
  scores: Map<number, number>;
}

/** Reddit's user-name characters (accounts from Reddit's early years may be shorter than today's 3). */
const NAME = /^[A-Za-z0-9_-]{1,20}$/;

/** The fake's users and their comment histories (generated on demand). */
export class FakeUserStore {
  private readonly byKey = new Map<string, FakeUser>();
  private readonly byOrdinal: FakeUser[] = [];

  constructor(
    private readonly seed: number,
    private readonly nowUtc: () => number,
  ) {}

  add(input: FakeRedditUserInput): FakeRedditUserInfo {
    if (!NAME.test(input.name)) throw new FakeRedditControlError(`user name "${input.name}" must be 1-20 characters of A-Z, a-z, 0-9, _ and -`);
    const key = input.name.toLowerCase();
    if (this.byKey.has(key)) throw new FakeRedditControlError(`user "${input.name}" already exists`);
    const ordinal = this.byOrdinal.length;
    const now = this.nowUtc();
    let sequence: CommentSequence;
    try {
      sequence = commentSequence(input.comments, { seed: mix(this.seed, ordinal), nowUtc: now });
    } catch (error) {
      throw new FakeRedditControlError((error as Error).message);
    }
    const user: FakeUser = {
      ordinal,
      name: input.name,
      createdUtc: input.createdUtc ?? now - 365 * 86_400,
      suspended: input.suspended ?? false,
      deleted: input.deleted ?? false,
      commentsHidden: input.commentsHidden ?? false,
      sequence,
      added: [],
      scores: new Map(),
    };
    this.byKey.set(key, user);
    this.byOrdinal.push(user);
    return info(user);
  }

  /** The user whatever their state, or undefined if never added. */
  find(name: string): FakeUser | undefined {
    return this.byKey.get(name.toLowerCase());
  }

  info(name: string): FakeRedditUserInfo {
    return info(this.get(name));
  }

  update(name: string, change: Partial<Pick<FakeUser, 'suspended' | 'deleted' | 'commentsHidden'>>): FakeRedditUserInfo {
    const user = this.get(name);
    Object.assign(user, change);
    return info(user);
  }

  /** All users, in the order they were added. */
  list(): FakeRedditUserInfo[] {
    return this.byOrdinal.map(info);
  }

  /** Comment `index` of the user's history (0 = oldest), with any score change applied. */
  comment(user: FakeUser, index: number): FakeRedditCommentData {
    const base = index < user.sequence.count ? generatedComment(user.sequence, user.ordinal, user.name, index) : user.added[index - user.sequence.count];
    if (base === undefined) throw new RangeError(`no comment ${index} for ${user.name}`);
    const score = user.scores.get(index);
    return score === undefined ? base : { ...base, score };
  }

  historyLength(user: FakeUser): number {
    return user.sequence.count + user.added.length;
  }

  addComment(name: string, input: FakeRedditNewComment): FakeRedditCommentData {
    const user = this.get(name);
    const length = this.historyLength(user);
    const previous = length > 0 ? this.comment(user, length - 1).created_utc : 0;
    const subreddit = input.subreddit ?? 'AskReddit';
    const content = {
      body: input.body ?? `Comment ${length + 1} by ${user.name}`,
      score: input.score ?? 1,
      subreddit,
      created_utc: input.createdUtc ?? Math.max(this.nowUtc(), previous + 1),
    };
    const data = commentData(user.ordinal, length, user.name, content, mix(user.sequence.seed ^ 0x5bd1e995, length));
    user.added.push(data);
    return data;
  }

  /** Changes a comment's score (by short id or `t1_` fullname). */
  setScore(id: string, score: number): FakeRedditCommentData {
    const { user, index } = this.locate(id);
    user.scores.set(index, score);
    return this.comment(user, index);
  }

  /** The user and history index of a comment id, or a 404 control error. */
  locate(id: string): { user: FakeUser; index: number } {
    const parsed = parseCommentId(id.replace(/^t1_/, ''));
    const user = parsed === undefined ? undefined : this.byOrdinal[parsed.ordinal];
    if (parsed === undefined || user === undefined || parsed.index >= this.historyLength(user)) throw new FakeRedditControlError(`no comment with id "${id}"`, 404);
    return { user, index: parsed.index };
  }

  /** The user whatever their state, or a 404 control error. */
  get(name: string): FakeUser {
    const user = this.find(name);
    if (user === undefined) throw new FakeRedditControlError(`no user named "${name}"`, 404);
    return user;
  }
}

export type { FakeUser };

function info(user: FakeUser): FakeRedditUserInfo {
  return {
    name: user.name,
    createdUtc: user.createdUtc,
    suspended: user.suspended,
    deleted: user.deleted,
    commentsHidden: user.commentsHidden,
    commentCount: user.sequence.count + user.added.length,
  };
}
