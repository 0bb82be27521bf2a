import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface DbOptions {
  url: string;
  /** Pool size per process. Small by default: Herald's apps do little concurrent SQL. */
  maxConnections?: number;
}

export const DefaultDbOptions = { maxConnections: 10 } as const;

export type Db = PrismaClient;

export function createDb(options: DbOptions): Db {
  const adapter = new PrismaPg({
    connectionString: options.url,
    max: options.maxConnections ?? DefaultDbOptions.maxConnections,
  });
  return new PrismaClient({ adapter });
}
