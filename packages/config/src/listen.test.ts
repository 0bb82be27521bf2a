import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { listenError } from './listen.js';

const settings = { host: 'HERALD_WEB_HOST', port: 'HERALD_WEB_PORT' };

/** The error a real second listen on a taken port gives. */
async function addressInUseError(): Promise<{ error: unknown; port: number }> {
  const first = createServer();
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
  const { port } = first.address() as { port: number };
  const second = createServer();
  const error = await new Promise((resolve) => second.once('error', resolve).listen(port, '127.0.0.1'));
  await new Promise((resolve) => first.close(resolve));
  return { error, port };
}

describe('listenError', () => {
  it('turns a port in use into a config error naming the setting to change', async () => {
    const { error, port } = await addressInUseError();
    const explained = listenError(error, { host: '127.0.0.1', port, settings });
    expect(explained).toBeInstanceOf(ConfigError);
    expect((explained as ConfigError).message).toBe(`HERALD_WEB_PORT: 127.0.0.1:${port} is already in use by another program; set HERALD_WEB_PORT to a free port`);
  });

  it('names the host setting for an address this machine does not have, and passes other errors through', () => {
    const notMine = Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' });
    expect((listenError(notMine, { host: '10.9.9.9', port: 3000, settings }) as ConfigError).key).toBe('HERALD_WEB_HOST');
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EAFNOSUPPORT']) {
      const explained = listenError(Object.assign(new Error(`listen ${code}`), { code }), { host: 'somewhere', port: 3000, settings });
      expect((explained as ConfigError).key, code).toBe('HERALD_WEB_HOST');
      expect((explained as ConfigError).message, code).toContain('set HERALD_WEB_HOST to an address of this machine');
    }
    const other = new Error('something else');
    expect(listenError(other, { host: '127.0.0.1', port: 3000, settings })).toBe(other);
  });

  it("a host name that does not resolve is the host setting's fault, not the port's (a real listen)", async () => {
    const server = createServer();
    const error = await new Promise((resolve) => server.once('error', resolve).listen(3000, 'nonexistent.invalid'));
    const explained = listenError(error, { host: 'nonexistent.invalid', port: 3000, settings });
    expect(explained).toBeInstanceOf(ConfigError);
    expect((explained as ConfigError).message).toMatch(/^HERALD_WEB_HOST: nonexistent\.invalid does not resolve to an address \((ENOTFOUND|EAI_AGAIN)\); set HERALD_WEB_HOST to /);
  });
});
