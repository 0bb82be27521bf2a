// Test support: a small Dockerfile reader (instructions, stages, exec-form arguments), enough to
// check infra/Dockerfile against the repository without a Docker engine.
import { readFileSync } from 'node:fs';
import { repoPath } from './compose-file.js';

export interface Instruction {
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  /** The base image, with global ARG defaults substituted. */
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** Global ARGs (before the first FROM) and their defaults. */
  globalArgs: Record<string, string>;
  stages: Stage[];
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines are dropped even inside a continued instruction, as Docker does.
    if (trimmed.startsWith('#') || (trimmed === '' && !pending)) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: index + 1 };
    if (!continued) {
      const match = /^(\S+)\s*(.*)$/.exec(pending.text.trim())!;
      instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: pending.line });
      pending = undefined;
    }
  });

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.args}`);
      const image = match[1]!.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => globalArgs[name] ?? '');
      stages.push({ image, name: match[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
      const [name, value = ''] = instruction.args.split('=', 2);
      globalArgs[name!] = value;
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages, instructions };
}

export const readHeraldDockerfile = (): Dockerfile => parseDockerfile(readFileSync(repoPath('infra/Dockerfile'), 'utf8'));

/** The JSON (exec) form of CMD/ENTRYPOINT/RUN, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const value: unknown = JSON.parse(args);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`not an exec form: ${args}`);
  return value;
}

/** A COPY/ADD's flags (--from, --chown, ...), source paths and destination. */
export function copyParts(args: string): { flags: Record<string, string>; sources: string[]; destination: string } {
  const words = execForm(args) ?? args.split(/\s+/);
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = words.shift()!.slice(2).split('=', 2);
    flags[name!] = value;
  }
  const destination = words.pop();
  if (destination === undefined || words.length === 0) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { flags, sources: words, destination };
}

export const instructionsOf = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);
