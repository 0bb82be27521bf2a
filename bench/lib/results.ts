import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** One line of the README table: a figure, its goal, and whether the goal was met (undefined: no goal). */
export interface SummaryRow {
  figure: string;
  value: string;
  goal?: string;
  met?: boolean;
}

export interface BenchResult {
  benchmark: string;
  command: string;
  parameters: Record<string, unknown>;
  figures: Record<string, unknown>;
  summary: SummaryRow[];
}

/** Load when the benchmark started: another job on the machine would skew the figures. */
const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);

/** The commit measured, and any uncommitted changes to the code under test (apps/, packages/). */
function sourceVersion(): { commit: string; uncommittedChanges: string[] } {
  try {
    const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
    const changes = git(['status', '--porcelain', '--', 'apps', 'packages']).split('\n').filter(Boolean).map((l) => l.slice(3));
    return { commit: git(['rev-parse', '--short', 'HEAD']), uncommittedChanges: changes };
  } catch {
    return { commit: 'unknown', uncommittedChanges: [] };
  }
}
const sourceAtStart = sourceVersion();

function nproc(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return availableParallelism();
  }
}

/** `--json PATH` (where to write the result) plus the benchmark's own numeric options. */
export function benchArgs<K extends string>(numeric: Record<K, number>): { values: Record<K, number>; json: string | undefined } {
  const options = Object.fromEntries([...Object.keys(numeric), 'json'].map((k) => [k, { type: 'string' as const }]));
  const parsed = parseArgs({ options, allowPositionals: false }).values as Record<string, string | undefined>;
  const values = { ...numeric };
  for (const key of Object.keys(numeric) as K[]) {
    const raw = parsed[key];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${key} needs a number, got "${raw}"`);
    values[key] = value;
  }
  return { values, json: parsed.json };
}

/** Prints the result and, with --json, writes it with the machine's description. */
export function report(result: BenchResult, jsonPath: string | undefined): void {
  const full = {
    ...result,
    source: sourceAtStart,
    date: new Date().toISOString(),
    node: process.version,
    nproc: nproc(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
  };
  console.log(`\n${result.benchmark}:`);
  for (const row of result.summary) {
    const verdict = row.met === undefined ? '' : row.met ? '  ✔' : '  ✘ goal missed';
    console.log(`  ${row.figure.padEnd(44)} ${row.value}${row.goal ? `  (goal ${row.goal})` : ''}${verdict}`);
  }
  if (jsonPath) {
    const path = resolve(jsonPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(full, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
    console.log(`  → ${jsonPath}`);
  }
}

export const ms = (value: number) => `${Math.round(value)} ms`;
