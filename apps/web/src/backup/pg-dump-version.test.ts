import { describe, expect, it } from 'vitest';
import { majorLabel, majorOfVersionNum, parsePgDumpVersion } from './pg-dump-version.js';

describe('pg_dump and server versions', () => {
  it('reads the major of pg_dump --version as distributions print it', () => {
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toEqual({ major: 150000, version: '15.20' });
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 16.4\n')).toEqual({ major: 160000, version: '16.4' });
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 17beta1\n')).toEqual({ major: 170000, version: '17beta1' });
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 9.6.24\n')).toEqual({ major: 90600, version: '9.6.24' });
    expect(parsePgDumpVersion('mysqldump  Ver 10.19')).toBeUndefined();
  });

  it('reads the major of server_version_num, before and after PostgreSQL 10 changed the numbering', () => {
    expect(majorOfVersionNum(150020)).toBe(150000);
    expect(majorOfVersionNum(100001)).toBe(100000);
    expect(majorOfVersionNum(90624)).toBe(90600);
    expect(majorLabel(150000)).toBe('15');
    expect(majorLabel(90600)).toBe('9.6');
  });

  it('orders a 9.6 client below a 10 server and a 16 client above a 15 server', () => {
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 9.6.24')!.major).toBeLessThan(majorOfVersionNum(100004));
    expect(parsePgDumpVersion('pg_dump (PostgreSQL) 16.1')!.major).toBeGreaterThan(majorOfVersionNum(150020));
  });
});
