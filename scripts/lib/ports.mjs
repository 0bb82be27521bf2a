import net from 'node:net';

/**
 * Exits 2 with one line naming the setting at fault when `port` cannot be listened on at `host`,
 * before anything is started: `setting` for a port in use or a privileged one, `hostSetting` for an
 * address that is not this machine's, does not resolve (`nonexistent.invalid`) or is of a family it
 * does not support. The explanation is the apps' own (listenError in @herald/config: each app reports
 * its listening ports the same way); `npm start` checks the ports it chooses itself this way. Without
 * a `hostSetting` (an address `npm start` chose, such as the demo Discord's 127.0.0.1), a host
 * problem is reported as this machine's, naming no setting.
 */
export async function assertPortFree(host, port, setting, hostSetting = undefined) {
  const problem = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', resolve);
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
  if (problem === undefined) return;
  // By path: @herald/config is not a dependency of the repository's root package (its dist is built by now).
  const { ConfigError, listenError } = await import(new URL('../../packages/config/dist/index.js', import.meta.url).href);
  const explained = listenError(problem, { host, port, settings: { host: hostSetting ?? '', port: setting } });
  if (explained instanceof ConfigError && explained.key !== '') console.error(`✖ config error: ${explained.message}`);
  else console.error(`✖ ${host}:${port} (${setting}) cannot be listened on: ${problem.code ?? problem.message}`);
  process.exit(2);
}

/** The port in `env[setting]` (or `fallback` when unset or empty); exits 2 naming the setting when it is not a port number. */
export function portSetting(env, setting, fallback) {
  const text = env[setting] || String(fallback); // empty: not set
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (port >= 1 && port <= 65535) return port;
  console.error(`✖ config error: ${setting}: "${text}" is not a port number (1 to 65535)`);
  process.exit(2);
}

/**
 * The web app's listening settings named as the operator wrote them, as the web app names them
 * (settingAsWritten in @herald/config): `HERALD_WEB_PORT`, or with a settings file and no variable
 * `web.port (in HERALD_CONFIG) or HERALD_WEB_PORT`; likewise the host.
 */
export async function webListenSettings(env) {
  const { settingAsWritten } = await import(new URL('../../packages/config/dist/index.js', import.meta.url).href);
  return { port: settingAsWritten(env, 'HERALD_WEB_PORT', 'web.port'), host: settingAsWritten(env, 'HERALD_WEB_HOST', 'web.host') };
}
