import net from 'node:net';

/**
 * Exits 2 with one line naming `setting` when `port` cannot be listened on at `host` (in use, or
 * privileged), before anything is started. `npm start` checks the ports it chooses itself this way;
 * each app reports its own listening ports the same way when it starts (listenError in @herald/config).
 */
export async function assertPortFree(host, port, setting, hostSetting = undefined) {
  const problem = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(error.code));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
  if (problem === undefined) return;
  if (problem === 'EADDRNOTAVAIL' && hostSetting !== undefined) {
    console.error(`✖ config error: ${hostSetting}: ${host} is not an address of this machine; set ${hostSetting} to one (127.0.0.1, 0.0.0.0)`);
    process.exit(2);
  }
  const why = problem === 'EADDRINUSE' ? 'is already in use by another program' : `cannot be listened on (${problem})`;
  console.error(`✖ config error: ${setting}: ${host}:${port} ${why}; set ${setting} to a free port`);
  process.exit(2);
}

/** The port in `env[setting]` (or `fallback`); exits 2 naming the setting when it is not a port number. */
export function portSetting(env, setting, fallback) {
  const text = env[setting] ?? String(fallback);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (port >= 1 && port <= 65535) return port;
  console.error(`✖ config error: ${setting}: "${text}" is not a port number (1 to 65535)`);
  process.exit(2);
}
