/**
 * Whether `name` can be a Reddit user name: one or more ASCII letters, digits, `_` or `-`, at most
 * 20. Reddit's sign-up rule today is 3–20 such characters, but accounts from Reddit's early years
 * have shorter names, so the lower bound is the seed's (`^[[:word:]-]+$`, seed-behaviour §3.5:
 * "user name "<x>" is an invalid Reddit user name", no request made). The 20 is snoowrap's
 * USERNAME_REGEX (`/^[\w-]{1,20}$/`) and Reddit's limit at every point in its history, so a longer
 * name cannot exist (the seed would have asked Reddit and got a 404).
 */
export function isValidRedditName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,20}$/.test(name);
}

/** A user name that cannot be a Reddit account (see {@link isValidRedditName}); no request was made. */
export class InvalidRedditNameError extends Error {
  override name = 'InvalidRedditNameError';
  constructor(readonly userName: string) {
    super(`user name "${userName}" is an invalid Reddit user name`);
  }
}
