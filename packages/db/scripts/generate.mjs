// Runs `prisma generate` offline: Prisma's CLI insists on a schema-engine binary it would
// download, but generate never runs it, so an existing placeholder file satisfies the check.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const placeholder = fileURLToPath(new URL('./schema-engine-placeholder.sh', import.meta.url));
const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;
const prismaBin = fileURLToPath(new URL('../node_modules/.bin/prisma', import.meta.url));
const result = spawnSync(prismaBin, ['generate'], { stdio: 'inherit', env, cwd: fileURLToPath(new URL('..', import.meta.url)) });
if (result.error) console.error(result.error.message);
process.exit(result.status ?? 1);
