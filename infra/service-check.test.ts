import { describe, expect, it } from 'vitest';
import { serviceAddress } from '../scripts/lib/bootstrap.mjs';

describe("the two commands' service check", () => {
  it("reads a URL without a port as its client does: the scheme's default port", () => {
    // The README's restore step: DATABASE_URL=postgresql://USER@HOST/herald_restored npm start.
    expect(serviceAddress('postgresql://postgres@127.0.0.1/herald_restored')).toEqual({ host: '127.0.0.1', port: 5432 });
    expect(serviceAddress('postgres://db.internal/herald')).toEqual({ host: 'db.internal', port: 5432 });
    expect(serviceAddress('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(serviceAddress('mysql://root@127.0.0.1/servatrice')).toEqual({ host: '127.0.0.1', port: 3306 });
    expect(serviceAddress('postgresql://postgres@127.0.0.1:5433/herald')).toEqual({ host: '127.0.0.1', port: 5433 });
  });
});
