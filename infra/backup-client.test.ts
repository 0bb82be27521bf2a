import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefaultBackupSettings } from '../apps/web/src/backup/settings.js';
import { loadCompose } from './compose-file.js';
import { instructionsOf, readHeraldDockerfile } from './dockerfile-parse.js';

// The web app's /backup runs pg_dump, which refuses a server of a newer major than its own: the
// image must carry the client of compose's PostgreSQL major (or newer), and a place to cache the dump.

const { stages } = readHeraldDockerfile();
const runtime = stages.at(-1)!;
const runs = instructionsOf(runtime, 'RUN').map((i) => i.args);
const { services, volumes = {} } = loadCompose();

/** The PostgreSQL major each Debian release ships in its own archive (packages.debian.org: postgresql-client-N). */
const debianPostgresMajor: Record<string, number> = { bullseye: 13, bookworm: 15, trixie: 17 };

describe('the web image and pg_dump', () => {
  const serverMajor = Number(/^postgres:(\d+)/.exec(services.postgres!.image ?? '')?.[1]);
  const installed = runs.flatMap((run) => [...run.matchAll(/\bpostgresql-client-(\d+)\b/g)].map((m) => Number(m[1])));

  it("installs the PostgreSQL client of compose's server major (or newer) in the runtime stage", () => {
    expect(serverMajor, `compose's postgres image ${services.postgres!.image}`).toBeGreaterThanOrEqual(10);
    expect(installed.length, 'an apt-get install of postgresql-client-<major> in the runtime stage').toBeGreaterThan(0);
    expect(Math.max(...installed)).toBeGreaterThanOrEqual(serverMajor);
    expect(runs.some((run) => /apt-get install\b/.test(run) && /\bpostgresql-client-\d+\b/.test(run))).toBe(true);
  });

  it("gets it from the base image's Debian release, or adds the PostgreSQL apt repository when that release lacks the major", () => {
    const codename = /-(bullseye|bookworm|trixie)\b/.exec(runtime.image)?.[1];
    expect(codename, `a Debian codename in ${runtime.image}`).toBeDefined();
    const native = debianPostgresMajor[codename!]!;
    const wanted = Math.max(...installed);
    if (wanted !== native) expect(runs.join('\n'), `postgresql-client-${wanted} is not in ${codename}: add apt.postgresql.org`).toMatch(/apt\.postgresql\.org/);
  });

  it('gives the node user a directory for the cached dump at the default backup.path, which compose mounts as a named volume', () => {
    const workdir = instructionsOf(runtime, 'WORKDIR').at(-1)!.args;
    const dataDir = posix.dirname(posix.resolve(workdir, DefaultBackupSettings.path));
    expect(dataDir).toBe('/app/data');
    expect(runs.some((run) => run.includes(`mkdir ${dataDir}`) && run.includes(`chown node:node ${dataDir}`))).toBe(true);
    const mount = (services.web!.volumes ?? []).find((v) => typeof v === 'string' && v.endsWith(`:${dataDir}`)) as string | undefined;
    expect(mount, `a volume on ${dataDir} for the web service`).toBeDefined();
    expect(volumes).toHaveProperty(mount!.split(':')[0]!);
  });
});
