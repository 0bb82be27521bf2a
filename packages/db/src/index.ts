export { createDb, DefaultDbOptions, type Db, type DbOptions } from './client.js';
export { Prisma } from './generated/prisma/client.js';
export type * from './generated/prisma/models.js';
export { migrate, ensureDatabase, defaultMigrationsDir, type MigrateResult } from './migrate.js';
export * from './statuses.js';
