import { ConfigError } from './errors.js';

export interface ListenTarget {
  host: string;
  port: number;
  /** The settings an operator changes, as they would write them (e.g. `HERALD_WEB_PORT`). */
  settings: { host: string; port: string };
}

/**
 * What a failed `listen()` means to an operator, naming the setting at fault: a port in use or a
 * privileged port is the port's; an address this machine does not have (EADDRNOTAVAIL), a name
 * that does not resolve (ENOTFOUND, EAI_AGAIN) or an address family it does not support
 * (EAFNOSUPPORT: IPv6 turned off) is the host's. Each is a {@link ConfigError} (one line and exit 2
 * through runMain, instead of a raw stack). Anything else is returned as it is.
 */
export function listenError(error: unknown, target: ListenTarget): unknown {
  const address = `${target.host}:${target.port}`;
  const { host, port } = target.settings;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const chooseHost = `set ${host} to an address of this machine (127.0.0.1, or 0.0.0.0 for every address)`;
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(port, `${address} is already in use by another program; set ${port} to a free port`);
    case 'EACCES':
      return new ConfigError(port, `${address} needs privileges this process does not have; choose a port above 1023`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(host, `${target.host} is not an address of this machine; ${chooseHost}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(host, `${target.host} does not resolve to an address (${code}); ${chooseHost}`);
    case 'EAFNOSUPPORT':
      return new ConfigError(host, `${target.host}: this machine does not support that kind of address (${code}; IPv6 turned off?); ${chooseHost}`);
    default:
      return error;
  }
}

/**
 * The name of a setting as the operator would have written it: the environment variable when it
 * is set or there is no settings file, else both places (the file's dotted path may hold it).
 */
export function settingAsWritten(env: Record<string, string | undefined>, envName: string, path: string): string {
  return env[envName] || !env.HERALD_CONFIG ? envName : `${path} (in HERALD_CONFIG) or ${envName}`;
}
