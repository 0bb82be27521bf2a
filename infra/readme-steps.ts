// Test support: the shell steps and tables the README gives Compose users, read as a user would
// follow them (infra/readme-compose.test.ts replays them against docker-compose.yml).
import { readFileSync } from 'node:fs';
import { repoPath } from './compose-file.js';

export const readmeText = (): string => readFileSync(repoPath('README.md'), 'utf8');

/** The body of the `## <heading…>` section whose heading starts with `heading`, up to the next `## `. */
export function readmeSection(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The contents of the ```sh blocks of a Markdown text, in order. */
export const shBlocks = (markdown: string): string[] => [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** One command line of a block: `A=1 B=2 docker compose … # comment`. */
export interface ShellStep {
  /** Leading `NAME=value` assignments (the command's environment). */
  assignments: Record<string, string>;
  /** The command's words, quotes removed; a `<` redirection stays a word. */
  words: string[];
  /** The trailing `# …` comment, if any. */
  comment: string;
  /** The line as written (continuations joined). */
  text: string;
}

/** Shell words of a simple command line (quotes kept together and removed; no expansions). */
const shellWords = (line: string): string[] =>
  [...line.matchAll(/'[^']*'|"(?:\\.|[^"\\])*"|[^\s'"]+/g)].map(([word]) => (/^['"]/.test(word) ? word.slice(1, -1) : word));

/** The steps of a sh block: continuation lines joined, blank lines dropped, comments split off. */
export function shellSteps(block: string): ShellStep[] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => {
      // A comment starts at a # preceded by a space outside quotes; the README's steps have no # in quotes.
      const hash = text.search(/(^|\s)#/);
      const code = hash === -1 ? text : text.slice(0, hash);
      const words = shellWords(code);
      const assignments: Record<string, string> = {};
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
        const word = words.shift()!;
        assignments[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
      }
      return { assignments, words, comment: hash === -1 ? '' : text.slice(hash).replace(/^\s*#\s*/, ''), text };
    });
}

/** `docker compose [--profile P]… SUBCOMMAND ARGS…` split into its parts; undefined for other commands. */
export function composeInvocation(words: string[]): { profiles: string[]; subcommand: string; args: string[] } | undefined {
  if (words[0] !== 'docker' || words[1] !== 'compose') return undefined;
  const profiles: string[] = [];
  let i = 2;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    if (words[i] === '--profile') profiles.push(words[++i]!);
    else if (words[i]!.startsWith('--profile=')) profiles.push(words[i]!.slice('--profile='.length));
  }
  return { profiles, subcommand: words[i] ?? '', args: words.slice(i + 1) };
}

/** Environment variable names (with an underscore, upper case) mentioned in a text. */
export const variableNames = (text: string): string[] => [...new Set(text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [])];

/** The rows of the first Markdown table whose header row is exactly `header` (cells trimmed). */
export function markdownTable(markdown: string, header: string[]): string[][] {
  const lines = markdown.split('\n');
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
  const at = lines.findIndex((line) => line.trim().startsWith('|') && cells(line).join('\u0000') === header.join('\u0000'));
  if (at === -1) throw new Error(`no table with the header ${header.join(' | ')}`);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** Names written in backticks in a table cell or a sentence. */
export const backtickedNames = (text: string): string[] => [...text.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);
