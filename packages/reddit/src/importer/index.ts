/**
 * `@herald/reddit/importer`: imports a Down Arrows Bot SQLite database. A subpath of its own so
 * that only the import loads better-sqlite3's native module (the poller's scan loop never does).
 */
export { DAB_APPLICATION_ID, DAB_NEWEST_VERSION, DAB_OLDEST_VERSION, DabDatabaseError, dabUserVersion, dabVersion } from './dab-file.js';
export { importDab, SKIP_CASE_CLASH, SKIP_NO_AUTHOR, SKIP_NO_USER, type DabImportResult, type ImportCount, type ImportDabOptions } from './import-dab.js';
export { printDabImport, runDabImport } from './run.js';
