import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('herald-migrate', () => {
  it('redacts its failure with the one redaction of @herald/logging (a `password=` pair, an e-mail address)', async () => {
    // The database name is quoted in the error, and checked before anything connects: a name holding
    // a `password=` pair and an address makes the error carry both, whatever the server says.
    const failure = await run(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/migrate-cli.ts'], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x%20password%3Dname-secret%20admin@example.org' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe('migration failed: database name "x password=*** [email]" must match [A-Za-z0-9_-]+\n');
    for (const secret of ['name-secret', 'admin@example.org']) expect(failure.stderr).not.toContain(secret);
  });
});
