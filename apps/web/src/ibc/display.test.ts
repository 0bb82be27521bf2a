import { describe, expect, it } from 'vitest';
import { formatPercent, stateBadge, withoutUrlSecrets } from './display.js';

describe('withoutUrlSecrets', () => {
  it('cuts every URL to its origin: user info, path and query may hold an RPC provider key', () => {
    expect(withoutUrlSecrets('GET https://user:pass@rpc.example.org:26657/v1/KEY?apikey=KEY failed')).toBe('GET https://rpc.example.org:26657 failed');
    expect(withoutUrlSecrets('a (http://10.0.0.1/abc), b: https://rpc.example.org/key.')).toBe('a (http://10.0.0.1), b: https://rpc.example.org.');
    expect(withoutUrlSecrets('endpoint https://rpc.example.org/KEY: timed out')).toBe('endpoint https://rpc.example.org: timed out');
    expect(withoutUrlSecrets('bad http://[oops/secret')).toBe('bad <invalid URL>');
    expect(withoutUrlSecrets(null)).toBeNull();
  });
  it('still redacts e-mail addresses like every page', () => {
    expect(withoutUrlSecrets('owner alice@example.org')).toBe('owner [email]');
  });
});

describe('IBC formatting', () => {
  // Time left and runway are worded by @herald/ibc's formatTimeLeft/formatRunway (their 'cell' wording, tested there).
  it('shows percent left with one decimal', () => {
    expect(formatPercent(14.2857)).toBe('14.3 %');
    expect(formatPercent(null)).toBe('—');
  });
  it('gives only known states a colour class', () => {
    expect(stateBadge('critical').value).toBe('<span class="badge ibc-critical">critical</span>');
    expect(stateBadge('x" onmouseover="1').value).toBe('<span class="badge ibc-unknown">x&quot; onmouseover=&quot;1</span>');
  });
});
