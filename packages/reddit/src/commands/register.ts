/**
 * `register <names…>`: tracks Reddit users (seed `!register`, seed-behaviour §3.5–§3.6). Accepts
 * `name`, `u/name`, `/u/name` and the hide prefix (`hide/name`: tracked, left out of reports). Each
 * name is checked against Reddit's rules before any request, then against the stored users in any
 * case, then looked up on Reddit (canonical case); suspended accounts are refused (the CLI's
 * `useradd` forces them). A user unregistered before is pointed to `reregister`. Answers the seed's
 * `Register` embed, one field per name. Without Reddit credentials in the notifier it answers
 * `registration service is unavailable` (the seed's intended text, §3.14.6).
 */
import { refusalReason, registerUser } from '../users/register.js';
import { define, namesOption, perName, refusal, shownName } from './common.js';

export const UNAVAILABLE = 'registration service is unavailable';

export const register = define({
  name: 'register',
  description: 'Tracks Reddit users (hide/name: tracked but left out of reports).',
  permission: 'everyone',
  // Not `slow`: one Reddit request per new name may wait for the shared budget, and the dispatcher
  // defers the reply once it takes long; answered at once, a refusal (unavailable, too many names)
  // stays visible to the caller alone, which a public deferral would prevent.
  options: { names: namesOption },
  async run(ctx, { names }) {
    const aboutUser = ctx.deps.aboutUser;
    if (aboutUser === undefined) return refusal(`${UNAVAILABLE}: the Reddit source is not configured in this notifier.`);
    return perName(ctx, names, 'Register', ctx.deps.redditHidePrefix, async (argument) => {
      const result = await registerUser(argument, {
        db: ctx.deps.db,
        aboutUser,
        forced: false,
        registeredBy: ctx.user.id,
        now: ctx.deps.now(),
        logger: ctx.logger,
      });
      return refusalReason(result, shownName);
    });
  },
});
