import { ConfigError } from './errors.js';

export interface ListenTarget {
  host: string;
  port: number;
  /** The settings an operator changes, as they would write them (e.g. `HERALD_WEB_PORT`). */
  settings: { host: string; port: string };
}

/**
 * What a failed `listen()` means to an operator. A port in use, a privileged port or an address
 * this machine does not have is a setting to change: a {@link ConfigError} naming that setting
 * (one line and exit 2 through runMain, instead of a raw EADDRINUSE stack). Anything else is
 * returned as it is.
 */
export function listenError(error: unknown, target: ListenTarget): unknown {
  const address = `${target.host}:${target.port}`;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return new ConfigError(target.settings.port, `${address} is already in use by another program; set ${target.settings.port} to a free port`);
    case 'EACCES':
      return new ConfigError(target.settings.port, `${address} needs privileges this process does not have; choose a port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError(target.settings.host, `${target.host} is not an address of this machine`);
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
