/** Registering Reddit users and reading what is stored about them (commands and the CLI's `useradd`). */
export { DEFAULT_HIDE_PREFIX, MAX_NAMES, commandNames, parseNameArgument, stripUserPrefix, useraddNames, type NameArgument } from './names.js';
export { refusalReason, registerUser, type RegisterOptions, type Registration } from './register.js';
export { setHidden, setUnregistered } from './flags.js';
export { findTrackedUser, karmaOf, type Karma, type TrackedUser } from './queries.js';
export { addUsers, type AddUserResult, type AddUsersOptions } from './useradd.js';
