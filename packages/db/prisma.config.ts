// Used by the Prisma CLI (generate; and `migrate deploy` in online environments).
// process.env rather than env(): generate must work without DATABASE_URL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/herald' },
});
