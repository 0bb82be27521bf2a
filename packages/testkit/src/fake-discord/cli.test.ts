import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeDiscordWebhook } from './index.js';

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface CliState {
  url: string;
  apiBaseUrl: string;
  webhooks: FakeDiscordWebhook[];
}

let child: ChildProcessWithoutNullStreams | undefined;
let tempDir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  child = undefined;
  tempDir = undefined;
});

async function startCli(args: string[]): Promise<CliState> {
  child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { cwd: repoRoot });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`cli exited before printing its state: ${stderr.join('')}`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  return JSON.parse(line) as CliState;
}

describe('fake Discord CLI', () => {
  it('prints and writes its state, serves webhooks unlimited, and exits cleanly on SIGTERM', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'fake-discord-cli-'));
    const stateFile = join(tempDir, 'state.json');
    const state = await startCli(['--port', '0', '--webhooks', '2', '--unlimited', '--state-file', stateFile]);

    expect(state.apiBaseUrl).toBe(`${state.url}/api`);
    expect(state.webhooks).toHaveLength(2);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual(state);

    const [webhook] = state.webhooks;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${state.apiBaseUrl}/v10/webhooks/${webhook?.id}/${webhook?.token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: `m${i}` }),
      });
      statuses.push(res.status);
    }
    expect(new Set(statuses)).toEqual(new Set([204]));
    const messages = (await (await fetch(`${state.url}/_fake/messages`)).json()) as unknown[];
    expect(messages).toHaveLength(8);

    const exit = once(child!, 'exit');
    child!.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
  });

  it('takes the allowed privileged intents, and refuses an unknown one naming the flag', async () => {
    const state = await startCli(['--port', '0', '--privileged-intents', 'MessageContent']);
    expect(await (await fetch(`${state.url}/_fake/gateway/privileged-intents`)).json()).toEqual({ allowed: ['MessageContent'] });
    child!.kill('SIGTERM');
    await once(child!, 'exit');

    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--privileged-intents', 'Members'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await once(child, 'exit')).toEqual([2, null]);
    expect(stderr).toMatch(/--privileged-intents: unknown privileged intent\(s\) Members/);
  });
});
