/**
 * The table prefix is an identifier spliced into SQL, so it is validated (the seed formatted it
 * into the query unchecked). The rule lives here only: `usersTable` and the config check in
 * settings.ts both ask `tablePrefixProblem`.
 */

/** MariaDB's limit for a table name, in characters (https://mariadb.com/kb/en/identifier-names/). */
export const mariadbIdentifierMaxLength = 64;
const usersSuffix = '_users';
/** 58: what leaves room for `_users` within `mariadbIdentifierMaxLength`. */
export const tablePrefixMaxLength = mariadbIdentifierMaxLength - usersSuffix.length;

/** The same rule as one pattern, for callers that only need yes or no. */
export const tablePrefixPattern = new RegExp(`^[A-Za-z0-9_]{1,${tablePrefixMaxLength}}$`);

// Each kind of character that is refused, with the words the refusal uses for it.
const refusedKinds: ReadonlyArray<readonly [RegExp, string]> = [
  [/\s/u, 'whitespace'],
  [/\p{Cc}/u, 'a control character'],
  [/\P{ASCII}/u, 'a non-ASCII character'],
  [/[^A-Za-z0-9_\s\p{Cc}\P{ASCII}]/u, 'punctuation or a symbol'],
];

/**
 * Why `prefix` cannot name `<prefix>_users`, or undefined if it can. The reasons, all that apply,
 * joined with "; ": empty; the kinds of refused characters (only ASCII letters, digits and `_`
 * are allowed, so the name never needs quoting beyond backticks); too long for MariaDB's
 * 64-character identifier limit once `_users` is appended (the limit and the length are named).
 */
export function tablePrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return 'it is empty';
  const problems: string[] = [];
  const kinds = refusedKinds.filter(([pattern]) => pattern.test(prefix)).map(([, words]) => words);
  if (kinds.length > 0) problems.push(`it contains ${kinds.join(' and ')} (only letters A-Z/a-z, digits and _ are allowed)`);
  const length = [...prefix].length;
  if (length > tablePrefixMaxLength) {
    problems.push(
      `it is ${length} characters long, so with "${usersSuffix}" the table name would have ${length + usersSuffix.length}, ` +
        `over MariaDB's ${mariadbIdentifierMaxLength}-character limit for a name (a prefix may have at most ${tablePrefixMaxLength})`,
    );
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** `"<prefix>" is not a valid table prefix: <reason>`, or undefined when the prefix is valid. */
export function tablePrefixError(prefix: string): string | undefined {
  const problem = tablePrefixProblem(prefix);
  return problem === undefined ? undefined : `${JSON.stringify(prefix)} is not a valid table prefix: ${problem}`;
}

/** The backtick-quoted name of `<prefix>_users`; throws an Error with `tablePrefixError`'s message. */
export function usersTable(prefix: string): string {
  const error = tablePrefixError(prefix);
  if (error !== undefined) throw new Error(error);
  return `\`${prefix}${usersSuffix}\``;
}
