export { FakeReddit, startFakeReddit, type FakeRedditOptions } from './fake-reddit.js';
export { FakeRedditControlError } from './users.js';
export { LISTING_CAP as FAKE_REDDIT_LISTING_CAP, MAX_LIMIT as FAKE_REDDIT_MAX_LIMIT, type ListingPage as FakeRedditListingPage } from './listing.js';
export type { FakeRedditAccount, FakeRedditClient } from './tokens.js';
export type {
  FakeRedditBudget,
  FakeRedditCommentContent,
  FakeRedditCommentData,
  FakeRedditCommentsSpec,
  FakeRedditFault,
  FakeRedditFaultScope,
  FakeRedditNewComment,
  FakeRedditStats,
  FakeRedditUserInfo,
  FakeRedditUserInput,
  FakeRedditWindowStats,
} from './types.js';
