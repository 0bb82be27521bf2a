import { describe, expect, it } from 'vitest';
import { goTemplate, GoTemplateError, parseGoTemplate, renderGoTemplate } from './go-template.js';

const userAgent = ['OS', 'Version'];
const welcome = ['Member.ID', 'Member.Name', 'BotID'];

describe('Go templates (fields only)', () => {
  it('renders the seed README examples', () => {
    expect(renderGoTemplate('{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)', userAgent, { OS: 'linux', Version: '1.26.4' })).toBe(
      'linux:agreatbot:v1.26.4 (by /u/AGreatUsername)',
    );
    expect(renderGoTemplate('Hello <@{{.Member.ID}}>!', welcome, { Member: { ID: '123', Name: 'ann' } })).toBe('Hello <@123>!');
  });

  it('lists the fields used, and reads spaces, trim markers and comments as Go does', () => {
    expect(parseGoTemplate('{{ .Member.Name }} {{.BotID}} {{.Member.Name}}', welcome).fields).toEqual(['Member.Name', 'BotID']);
    expect(renderGoTemplate('a  \n {{- .BotID -}} \n  b', welcome, { BotID: 7 })).toBe('a7b');
    expect(renderGoTemplate('a {{/* a comment with }} */}} b', welcome, {})).toBe('a  b');
    expect(renderGoTemplate('a {{- /* trimmed */ -}} b', welcome, {})).toBe('ab');
    expect(renderGoTemplate('no actions: }} {', welcome, {})).toBe('no actions: }} {');
    // "{{-3}}" is the number -3 in Go, not a trim marker: refused as not a field.
    expect(() => parseGoTemplate('{{-3}}', welcome)).toThrow('{{-3}} is not a field');
  });

  it.each([
    ['{{.Member.Nick}}', '{{.Member.Nick}} is not available: only {{.Member.ID}}, {{.Member.Name}}, {{.BotID}} may be used'],
    ['{{.member.id}}', '{{.member.id}} is not available'],
    ['{{.Member}}', '{{.Member}} is not available'],
    ['{{.}}', '{{.}} is not a field'],
    ['{{ len .BotID }}', '{{ len .BotID }} is not a field'],
    ['{{if .BotID}}x{{end}}', '{{if .BotID}} is not a field'],
    ['{{$x := .BotID}}', 'is not a field'],
    ['Hello {{.BotID', 'unclosed action'],
    ['{{/* never closed }}', 'unclosed comment'],
    ['{{/* a */ .BotID}}', 'comment not closed by "*/}}"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseGoTemplate(text, welcome)).toThrow(GoTemplateError);
    expect(() => parseGoTemplate(text, welcome)).toThrow(message);
  });

  it('a missing value at render time is an error, not an empty string', () => {
    expect(() => renderGoTemplate('{{.Member.ID}}', welcome, { Member: {} })).toThrow('no value given for {{.Member.ID}}');
  });

  it('as a setting: keeps the text, names the problem', () => {
    expect(goTemplate(userAgent).parse('{{.OS}}:x:v{{.Version}}')).toBe('{{.OS}}:x:v{{.Version}}');
    expect(goTemplate(userAgent).safeParse('{{.Os}}').error?.issues[0]?.message).toBe(
      'is not a valid template: {{.Os}} is not available: only {{.OS}}, {{.Version}} may be used',
    );
  });
});
