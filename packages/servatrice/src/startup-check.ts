import { ConfigError } from '@herald/config';
import { ServatriceDatabaseError, type AccountReader } from './reader.js';
import { settingLabels, type ServatriceDbSettings } from './settings.js';
import { usersTable } from './table.js';

/** What the start-up check found: the source answers, or it is unreachable for now (an outage to wait out). */
export type SourceCheck = { reachable: true } | { reachable: false; error: ServatriceDatabaseError };

const grant = 'SELECT (id, name, realname, email, registrationDate)';

/**
 * The MariaDB/MySQL errors that no retry can fix: the settings are wrong (bad credentials,
 * unknown database, missing table or grant, a certificate that does not verify). Codes are
 * mysql2's names for the server's error numbers (1044, 1045, 1049, 1142, 1143, 1146, 1054) and
 * Node's TLS codes. Returns the setting to blame, as the README and other config errors name it,
 * and the problem; never the password.
 */
export function configProblem(error: ServatriceDatabaseError, db: Pick<ServatriceDbSettings, 'user' | 'database' | 'prefix'>): ConfigError | null {
  const table = usersTable(db.prefix);
  switch (error.code) {
    case 'ER_ACCESS_DENIED_ERROR':
      return new ConfigError(settingLabels.user, `access denied for user "${db.user}" (wrong user or password?)`);
    case 'ER_DBACCESS_DENIED_ERROR':
      return new ConfigError(settingLabels.database, `user "${db.user}" may not use database "${db.database}"`);
    case 'ER_BAD_DB_ERROR':
      return new ConfigError(settingLabels.database, `unknown database "${db.database}"`);
    case 'ER_NO_SUCH_TABLE':
      return new ConfigError(settingLabels.prefix, `table ${table} does not exist in database "${db.database}" (wrong prefix?)`);
    case 'ER_COLUMNACCESS_DENIED_ERROR':
      return new ConfigError(settingLabels.user, `user "${db.user}" may not read all the columns Herald needs of ${table}: GRANT ${grant} ON \`${db.database}\`.${table} TO it`);
    case 'ER_TABLEACCESS_DENIED_ERROR':
      // MariaDB says "denied" also for a table that does not exist, to a user with no rights on it.
      return new ConfigError(
        settingLabels.user,
        `user "${db.user}" may not read ${table}, or it does not exist (check ${settingLabels.prefix}); it needs: GRANT ${grant} ON \`${db.database}\`.${table}`,
      );
    case 'ER_BAD_FIELD_ERROR':
      return new ConfigError(settingLabels.prefix, `${table} lacks a column Herald reads (id, name, realname, email, registrationDate): not a Servatrice users table?`);
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return new ConfigError('DB_SSL', 'the server does not support TLS');
    default:
      if (error.code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(error.code)) {
        return new ConfigError(settingLabels.sslCa, `the server's certificate does not verify (${error.code})`);
      }
      return null;
  }
}

/**
 * Checks the Servatrice settings at start-up with the exact columns the poll selects (a query for
 * no rows, so grants are checked, nothing is read). Throws the ConfigError for settings no retry
 * can fix (issue 7, §4: exit 2 with `config error: <setting>: <problem>`); an unreachable server
 * is not a configuration error: it is returned, and the poller starts anyway and retries.
 */
export async function checkServatriceSource(reader: AccountReader, db: Pick<ServatriceDbSettings, 'user' | 'database' | 'prefix'>): Promise<SourceCheck> {
  try {
    await reader.readAfter(Number.MAX_SAFE_INTEGER, 1);
    return { reachable: true };
  } catch (error) {
    if (!(error instanceof ServatriceDatabaseError)) throw error;
    const problem = configProblem(error, db);
    if (problem) throw problem;
    return { reachable: false, error };
  }
}

/**
 * After a start-up check found the server unreachable: checks again every `intervalMs` until it
 * answers. Resolves once it is reachable with valid settings; rejects with the ConfigError when its
 * first answer shows settings no retry can fix (a wrong password behind a network outage must still
 * stop the poller with a config error, not be retried forever as "unavailable"). Stops quietly when
 * `signal` aborts.
 */
export async function checkUntilReachable(
  reader: AccountReader,
  db: Pick<ServatriceDbSettings, 'user' | 'database' | 'prefix'>,
  options: { intervalMs: number; signal?: AbortSignal },
): Promise<void> {
  while (!options.signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs).unref());
    if ((await checkServatriceSource(reader, db)).reachable) return;
  }
}
