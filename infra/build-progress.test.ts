// `npm start` and `npm test` show the build as one line per package (scripts/lib/bootstrap.mjs
// turboProgress): turbo's and the tools' chatter is dropped, real errors are shown.
import { describe, expect, it } from 'vitest';
import { turboProgress } from '../scripts/lib/bootstrap.mjs';

/** What the filter shows of turbo's streamed `lines`. */
const shown = (lines: string[]) => lines.map(turboProgress('build')).filter((line) => line !== undefined);

describe('the build progress', () => {
  it("shows one line per package built: Prisma's report of a successful generate is dropped", () => {
    expect(
      shown([
        '• Running build in 3 packages',
        '@herald/config:build: cache hit, replaying logs 1a2b',
        '@herald/db:build: cache miss, executing 3c4d',
        '@herald/db:build: ',
        '@herald/db:build: > @herald/db@0.1.0 build /work/main/packages/db',
        '@herald/db:build: > node scripts/generate.mjs && tsc -p tsconfig.build.json',
        '@herald/db:build: Loaded Prisma config from prisma.config.ts.',
        '@herald/db:build: Prisma schema loaded from prisma/schema.prisma.',
        '@herald/db:build: ',
        '@herald/db:build: \x1b[32m✔\x1b[39m Generated \x1b[1mPrisma Client\x1b[22m (7.10.1) to ./src/generated/prisma in 587ms',
        '@herald/web:build: cache miss, executing 5e6f',
        ' Tasks:    3 successful, 3 total',
      ]),
    ).toEqual(['  [2/3] @herald/db', '  [3/3] @herald/web']);
  });

  it("shows Prisma's errors and the compiler's in full", () => {
    expect(
      shown([
        '@herald/db:build: cache miss, executing 3c4d',
        '@herald/db:build: Prisma schema loaded from prisma/schema.prisma.',
        '@herald/db:build: Error: Prisma schema validation - (get-dmmf wasm)',
        '@herald/db:build: error: Type "Strin" is neither a built-in type, nor refers to another model',
        '@herald/web:build: src/main.ts(3,7): error TS2322: Type \'string\' is not assignable to type \'number\'.',
      ]),
    ).toEqual([
      '  [1/?] @herald/db',
      '  @herald/db: Error: Prisma schema validation - (get-dmmf wasm)',
      '  @herald/db: error: Type "Strin" is neither a built-in type, nor refers to another model',
      "  @herald/web: src/main.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  });
});
