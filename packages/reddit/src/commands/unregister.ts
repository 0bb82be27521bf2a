/**
 * `unregister <names…>` and `reregister <names…>` (privileged, seed-behaviour §3.6): the seed's soft
 * delete and its undo. An unregistered user is no longer scanned, and `info`/`karma` no longer
 * show it; its comments are kept, so `reregister` brings it back as it was.
 */
import { setUnregistered } from '../users/flags.js';
import { define, namesOption, noSuchUser, perName } from './common.js';

export const unregister = define({
  name: 'unregister',
  description: 'Stops tracking Reddit users (their comments are kept; reregister undoes it).',
  permission: 'privileged',
  options: { names: namesOption },
  run: (ctx, { names }) =>
    perName(ctx, names, 'Unregister', '', async ({ name }) => ((await setUnregistered(ctx.deps.db, name, true)) === undefined ? noSuchUser(name) : undefined)),
});

export const reregister = define({
  name: 'reregister',
  description: 'Tracks unregistered Reddit users again.',
  permission: 'privileged',
  options: { names: namesOption },
  run: (ctx, { names }) =>
    perName(ctx, names, 'Reregister', '', async ({ name }) => ((await setUnregistered(ctx.deps.db, name, false)) === undefined ? noSuchUser(name) : undefined)),
});
