import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
});

interface CliState {
  url: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  budget: { requests: number; windowMs: number };
  users: number;
}

async function startCli(args: string[]): Promise<CliState> {
  child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { cwd: repoRoot });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`cli exited before printing its state: ${stderr.join('')}`);
  });
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited])) as [string];
  return JSON.parse(line) as CliState;
}

describe('fake Reddit CLI', () => {
  it('starts with seeded users and a budget, serves the API and stops on SIGTERM', async () => {
    const state = await startCli(['--port', '0', '--users', '3', '--comments', '120', '--budget-requests', '2', '--client-id', 'cid', '--client-secret', 'cs']);
    expect(state).toMatchObject({ clientId: 'cid', clientSecret: 'cs', username: 'HeraldBot', budget: { requests: 2, windowMs: 60_000 }, users: 3 });
    const login = await fetch(`${state.url}/api/v1/access_token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('cid:cs').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'password', username: state.username, password: state.password }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const get = (path: string): Promise<Response> => fetch(`${state.url}${path}`, { headers: { Authorization: `bearer ${token}` } });
    const page = (await (await get('/user/fake_user_0003/comments?limit=100')).json()) as { data: { children: unknown[]; after: string } };
    expect(page.data.children).toHaveLength(100);
    expect((await get('/user/fake_user_0001/about')).status).toBe(200);
    expect((await get('/user/fake_user_0001/about')).status).toBe(429);
    const stats = (await (await fetch(`${state.url}/_fake/stats`)).json()) as { tooManyRequests: number };
    expect(stats.tooManyRequests).toBe(1);

    const running = child as ChildProcessWithoutNullStreams;
    running.kill('SIGTERM');
    const [code] = (await once(running, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('names --port when the port is taken and exits 2', async () => {
    const first = await startCli(['--port', '0']);
    const port = new URL(first.url).port;
    const second = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', port], { cwd: repoRoot });
    const stderr: string[] = [];
    second.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const [code] = (await once(second, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.join('')).toContain(`--port ${port}:`);
  });
});
