/**
 * The table prefix is an identifier spliced into SQL, so it is validated (the seed formatted it
 * into the query unchecked). 58 characters leaves room for `_users` within MariaDB's 64-character
 * identifier limit.
 */
export const tablePrefixPattern = /^[A-Za-z0-9_]{1,58}$/;

/** The backtick-quoted name of `<prefix>_users`; throws if the prefix is not a valid identifier. */
export function usersTable(prefix: string): string {
  if (!tablePrefixPattern.test(prefix)) {
    throw new Error(`${JSON.stringify(prefix)} is not a valid table prefix (letters, digits and _ only)`);
  }
  return `\`${prefix}_users\``;
}
