import { describe, expect, it } from 'vitest';
import { PythonLiteralError, readPythonAssignment } from './python-literal.js';

describe('readPythonAssignment', () => {
  it('reads the Python literals the seed writes: single quotes, True/False/None, trailing commas, comments', () => {
    const source = `# tracked by the bot
import os  # not part of the value
chain_data = [
    {'chain_id': 'theta-testnet-001', 'api': 'https://rest.example/#frag', 'exponent': 6,  # trailing comment
     'flag': True, 'other': False, 'none': None, 'note': "it's # not a comment, True"},
]
`;
    expect(readPythonAssignment(source, 'chain_data')).toEqual([
      { chain_id: 'theta-testnet-001', api: 'https://rest.example/#frag', exponent: '6', flag: true, other: false, none: null, note: "it's # not a comment, True" },
    ]);
  });

  it('keeps numbers as their source text (no binary float on the way)', () => {
    expect(readPythonAssignment("w = {'a': ['c', '<@1>', 0.1], 'b': ['c', '<@1>', 1e-05], 'c': [1_000, -2.50]}", 'w')).toEqual({
      a: ['c', '<@1>', '0.1'],
      b: ['c', '<@1>', '1e-05'],
      c: ['1000', '-2.50'],
    });
  });

  it('finds the assignment among other statements and stops at its closing bracket', () => {
    expect(readPythonAssignment("x = 1\ntracked_wallets = {}\ny = [1, 2]\n", 'tracked_wallets')).toEqual({});
    expect(readPythonAssignment("tracked_wallets = {'a': ['b', 'c', 2.0]}  # end\nprint(tracked_wallets)\n", 'tracked_wallets')).toEqual({ a: ['b', 'c', '2.0'] });
  });

  it('refuses what is not a literal, naming the problem', () => {
    expect(() => readPythonAssignment('other = []', 'chain_data')).toThrow(PythonLiteralError);
    expect(() => readPythonAssignment('chain_data = [os.environ]', 'chain_data')).toThrow(/"os" is not a literal/);
    expect(() => readPythonAssignment("chain_data = [('a', 'b')]", 'chain_data')).toThrow(/tuples/);
    expect(() => readPythonAssignment("chain_data = [{'a': 1}", 'chain_data')).toThrow(/not closed/);
    expect(() => readPythonAssignment("chain_data = ['abc]", 'chain_data')).toThrow(/unterminated string/);
  });
});
