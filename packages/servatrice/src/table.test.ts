import { describe, expect, it } from 'vitest';
import { tablePrefixError, tablePrefixPattern, tablePrefixProblem, usersTable } from './table.js';

describe('tablePrefixProblem (the one rule for <prefix>_users)', () => {
  it('accepts letters, digits and _ up to 58 characters, the most that leaves room for "_users" within 64', () => {
    for (const prefix of ['cockatrice', 'a', 'Srv_2', 'p'.repeat(58)]) {
      expect(tablePrefixProblem(prefix)).toBeUndefined();
      expect(tablePrefixPattern.test(prefix)).toBe(true);
    }
    expect(usersTable('p'.repeat(58))).toBe(`\`${'p'.repeat(58)}_users\``);
  });

  it('says a too-long prefix is too long, naming the limit and the length', () => {
    expect(tablePrefixProblem('p'.repeat(59))).toBe(
      'it is 59 characters long, so with "_users" the table name would have 65, over MariaDB\'s 64-character limit for a name (a prefix may have at most 58)',
    );
    expect(tablePrefixPattern.test('p'.repeat(59))).toBe(false);
  });

  it('names the kind of each refused character', () => {
    const allowed = '(only letters A-Z/a-z, digits and _ are allowed)';
    expect(tablePrefixProblem('my-prefix')).toBe(`it contains punctuation or a symbol ${allowed}`);
    expect(tablePrefixProblem('my prefix')).toBe(`it contains whitespace ${allowed}`);
    expect(tablePrefixProblem('préfixe')).toBe(`it contains a non-ASCII character ${allowed}`);
    expect(tablePrefixProblem('a\u0001b')).toBe(`it contains a control character ${allowed}`);
    expect(tablePrefixProblem('x` ; DROP')).toBe(`it contains whitespace and punctuation or a symbol ${allowed}`);
  });

  it('says an empty prefix is empty', () => {
    expect(tablePrefixProblem('')).toBe('it is empty');
  });

  it('gives every reason that applies', () => {
    expect(tablePrefixProblem(`${'p'.repeat(60)}-`)).toMatch(/^it contains punctuation or a symbol .*; it is 61 characters long, .* would have 67, over MariaDB's 64-character limit/);
  });

  it('makes usersTable refuse with the same message as the config check', () => {
    for (const prefix of ['p'.repeat(59), 'a`b', '']) {
      expect(tablePrefixError(prefix)).toBe(`${JSON.stringify(prefix)} is not a valid table prefix: ${tablePrefixProblem(prefix)}`);
      expect(() => usersTable(prefix)).toThrow(tablePrefixError(prefix));
    }
  });
});
