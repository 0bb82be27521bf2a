import { describe, expect, it } from 'vitest';
import { isValidRedditName } from './names.js';
import { parseRateLimitHeaders } from './rate-headers.js';
import { GoTemplateError } from '@herald/config';
import { goosName, renderUserAgent } from './user-agent.js';

describe('renderUserAgent', () => {
  it('fills {{.OS}} with Go\'s GOOS name and {{.Version}} with Herald\'s version', () => {
    const template = '{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)';
    expect(renderUserAgent(template, '1.2.3', 'linux')).toBe('linux:agreatbot:v1.2.3 (by /u/AGreatUsername)');
    expect(renderUserAgent(template, '1.2.3', 'win32')).toBe('windows:agreatbot:v1.2.3 (by /u/AGreatUsername)');
    expect(renderUserAgent('{{ .OS }} / {{- .Version -}} / {{.OS}}', '2', 'darwin')).toBe('darwin /2/ darwin');
    expect(renderUserAgent('plain agent', '2')).toBe('plain agent');
    expect(renderUserAgent('{{.OS}}', '2')).toBe(goosName(process.platform));
    expect([goosName('freebsd'), goosName('sunos'), goosName('cygwin'), goosName('openbsd')]).toEqual(['freebsd', 'solaris', 'windows', 'openbsd']);
  });

  it('rejects other fields and actions and an unclosed action', () => {
    expect(() => renderUserAgent('{{.Os}}:bot', '1')).toThrow(GoTemplateError);
    expect(() => renderUserAgent('{{.Os}}:bot', '1')).toThrow('{{.Os}} is not available: only {{.OS}}, {{.Version}} may be used');
    expect(() => renderUserAgent('{{if .OS}}x{{end}}', '1')).toThrow(GoTemplateError);
    expect(() => renderUserAgent('bot {{.OS', '1')).toThrow('unclosed action');
  });
});

describe('isValidRedditName', () => {
  it('accepts 1–20 ASCII letters, digits, _ and -', () => {
    expect(['a', 'ab', 'Some_User-42', 'x'.repeat(20), '_-_'].map(isValidRedditName)).toEqual([true, true, true, true, true]);
    expect(['', 'x'.repeat(21), 'with space', 'dot.ted', 'ünï', '/u/name', 'a/b'].map(isValidRedditName)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads Reddit\'s headers and needs all three', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-used': '4', 'x-ratelimit-remaining': '596.0', 'x-ratelimit-reset': '17' }, 5)).toEqual({ used: 4, remaining: 596, resetSeconds: 17, receivedAt: 5 });
    expect(parseRateLimitHeaders({ 'x-ratelimit-used': '4', 'x-ratelimit-remaining': '596.0' }, 5)).toBeUndefined();
    expect(parseRateLimitHeaders({ 'x-ratelimit-used': '4', 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': '1' }, 5)).toBeUndefined();
  });
});
