import { readFileSync } from 'node:fs';
import { ConfigError, ConfigErrors } from '@herald/config';
import { IniParseError, IniValueError, parseIni, type IniDocument } from './ini.js';
import type { QtReadOptions } from './ini-value.js';
import { parseWebhookUrl, type ParsedWebhookUrl } from './webhook-url.js';
import { tablePrefixError } from './table.js';

export interface ServatriceDbSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Validated identifier; the table is `<prefix>_users`. */
  prefix: string;
  /** `false`: no TLS. An object: TLS with certificate verification; `ca` is the PEM text of `DB_SSL_CA`. */
  ssl: false | { ca?: string };
}

export interface ServatriceSettings {
  db: ServatriceDbSettings;
  /** The seed's single webhook. Optional when HERALD_CONFIG routes servatrice events elsewhere. */
  webhookUrl?: string;
  /** `webhookUrl` split into id, token and optional thread id. */
  webhook?: ParsedWebhookUrl;
}

export interface LoadServatriceSettingsOptions {
  /** A servatrice-style ini (the app resolves `--config`/`-c`, then `CONFIG_FILE`). */
  iniPath?: string;
  env: Record<string, string | undefined>;
  /** False for `--test-webhook`: DB user and password are then not required. */
  requireDatabase: boolean;
  /** False when routes in HERALD_CONFIG already send servatrice events somewhere. Default true. */
  requireWebhook?: boolean;
}

/** Labels name both places a setting can come from, exactly like the seed monitor's messages. */
export const settingLabels = {
  host: 'DB_HOST or [database] hostname',
  port: 'DB_PORT or [database] port',
  database: 'DB_NAME or [database] database',
  user: 'DB_USER or [database] user',
  password: 'DB_PASSWORD or [database] password',
  prefix: 'DB_TABLE_PREFIX or [database] prefix',
  webhook: 'DISCORD_WEBHOOK_URL or [discord] new_user_activation_webhook',
  sslCa: 'DB_SSL_CA',
  config: '--config',
} as const;

/**
 * Reads the Servatrice monitor settings. Precedence: a non-empty environment variable, then a
 * present and non-empty ini key, then the default. Environment values are taken verbatim; every
 * ini value is read once, as Qt's QSettings reads it (`IniDocument.get`, ini.ts): quotes and
 * backslash escapes are undone, so `password="Pa;ss#wo=rd\"q'x"` is `Pa;ss#wo=rd"q'x`. The one
 * exception, kept from the seed monitor: in the webhook an unknown escape keeps its character
 * (`"https\://…"` is `https://…`; Qt would drop `\:`). Every problem is collected and thrown at
 * once as `ConfigErrors`; an ini value Qt would misread is reported under the setting as written
 * (`[database] password: an unquoted "," …`). Secrets (password, webhook token) never appear in
 * error messages.
 */
export function loadServatriceSettings(options: LoadServatriceSettingsOptions): ServatriceSettings {
  const { env } = options;
  const ini = options.iniPath === undefined ? undefined : readIni(options.iniPath);
  const errors: ConfigError[] = [];
  const misread = new Set<string>(); // ini keys already reported, so they are not also "missing"
  const fromIni = (section: string, key: string, readOptions?: QtReadOptions): string | undefined => {
    try {
      const value = ini?.get(section, key, readOptions);
      return value === '' ? undefined : value;
    } catch (error) {
      if (!(error instanceof IniValueError)) throw error;
      errors.push(new ConfigError(error.setting, error.problem));
      misread.add(key);
      return undefined;
    }
  };
  const pick = (envName: string, iniKey: string): string | undefined => {
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : fromIni('database', iniKey);
  };

  const envWebhook = env.DISCORD_WEBHOOK_URL;
  const webhookUrl = envWebhook ? envWebhook : fromIni('discord', 'new_user_activation_webhook', { keepUnknownEscapes: true });
  let webhook: ParsedWebhookUrl | undefined;
  if (webhookUrl === undefined) {
    if (options.requireWebhook !== false && !misread.has('new_user_activation_webhook')) errors.push(new ConfigError(settingLabels.webhook, 'missing (or route servatrice events to a destination in HERALD_CONFIG)'));
  }
  else if (!/^https?:\/\//i.test(webhookUrl)) {
    // Qt's format has no single quotes: 'https://…' keeps them, so say so instead of only "not a URL".
    const hint = webhookUrl.startsWith("'") ? " (single quotes are part of the value in Qt's ini format; use double quotes)" : '';
    errors.push(new ConfigError(settingLabels.webhook, `does not look like an http(s) URL${hint}`));
  }
  else {
    try {
      webhook = parseWebhookUrl(webhookUrl, settingLabels.webhook);
    } catch (error) {
      errors.push(error as ConfigError);
    }
  }

  const user = pick('DB_USER', 'user');
  const password = pick('DB_PASSWORD', 'password');
  if (options.requireDatabase) {
    if (user === undefined && !misread.has('user')) errors.push(new ConfigError(settingLabels.user, 'missing'));
    if (password === undefined && !misread.has('password')) errors.push(new ConfigError(settingLabels.password, 'missing'));
  }

  const portText = pick('DB_PORT', 'port') ?? '3306';
  const port = /^\d{1,5}$/.test(portText.trim()) ? Number(portText.trim()) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    errors.push(new ConfigError(settingLabels.port, `"${portText}" is not a port number (an integer from 1 to 65535)`));
  }

  const prefix = pick('DB_TABLE_PREFIX', 'prefix') ?? 'cockatrice';
  const prefixError = tablePrefixError(prefix);
  if (prefixError !== undefined) errors.push(new ConfigError(settingLabels.prefix, prefixError));

  const host = pick('DB_HOST', 'hostname') ?? 'localhost';
  const database = pick('DB_NAME', 'database') ?? 'servatrice';
  const ssl = sslSettings(env, errors);
  if (errors.length > 0) throw new ConfigErrors(errors);
  return {
    db: {
      host,
      port,
      database,
      user: user ?? '',
      password: password ?? '',
      prefix,
      ssl,
    },
    ...(webhookUrl && webhook && { webhookUrl, webhook }),
  };
}

function readIni(path: string): IniDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigErrors([new ConfigError(settingLabels.config, `config file not found or unreadable: ${path}`)]);
  }
  try {
    return parseIni(text);
  } catch (error) {
    if (!(error instanceof IniParseError)) throw error;
    throw new ConfigErrors([new ConfigError(settingLabels.config, `${path} is not a valid ini file: ${error.message}`)]);
  }
}

/** DB_SSL is on iff its lower-cased value is 1, true or yes; DB_SSL_CA names a PEM file read here. */
function sslSettings(env: Record<string, string | undefined>, errors: ConfigError[]): ServatriceDbSettings['ssl'] {
  if (!['1', 'true', 'yes'].includes((env.DB_SSL ?? '').trim().toLowerCase())) return false;
  const caPath = env.DB_SSL_CA;
  if (!caPath) return {};
  try {
    return { ca: readFileSync(caPath, 'utf8') };
  } catch {
    errors.push(new ConfigError(settingLabels.sslCa, `CA file not found or unreadable: ${caPath}`));
    return {};
  }
}
