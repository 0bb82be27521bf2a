import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The demo's admin (Bull Board) password: made once and kept in `file` (readable by its owner
 * only), so it stays the same across restarts and is never printed into the scrolling log.
 * Returns {password, created}.
 */
export function demoAdminPassword(file) {
  if (existsSync(file)) {
    const password = readFileSync(file, 'utf8').trim();
    chmodSync(file, 0o600);
    if (password !== '') return { password, created: false };
  }
  mkdirSync(dirname(file), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing empty file keeps its mode on write
  return { password, created: true };
}
