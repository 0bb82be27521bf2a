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
    const other = new Error('something else');
    expect(listenError(other, { host: '127.0.0.1', port: 3000, settings })).toBe(other);
  });
});
