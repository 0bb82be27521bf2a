/**
 * `hide <names…>` and `unhide <names…>` (seed-behaviour §3.6): a hidden user is still scanned but
 * left out of the reports. Not privileged, as in the seed (§3.14.11): any member may hide a user from
 * the reports. Unregistered users can be hidden too (as the seed).
 */
import { setHidden } from '../users/flags.js';
import { define, namesOption, noSuchUser, perName } from './common.js';

export const hide = define({
  name: 'hide',
  description: 'Hides tracked Reddit users from the reports (they are still scanned).',
  permission: 'everyone',
  options: { names: namesOption },
  run: (ctx, { names }) => perName(ctx, names, 'Hide', '', async ({ name }) => ((await setHidden(ctx.deps.db, name, true)) === undefined ? noSuchUser(name) : undefined)),
});

export const unhide = define({
  name: 'unhide',
  description: 'Shows hidden Reddit users in the reports again.',
  permission: 'everyone',
  options: { names: namesOption },
  run: (ctx, { names }) => perName(ctx, names, 'Unhide', '', async ({ name }) => ((await setHidden(ctx.deps.db, name, false)) === undefined ? noSuchUser(name) : undefined)),
});
