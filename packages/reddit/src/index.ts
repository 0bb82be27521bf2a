/**
 * `@herald/reddit`: the Reddit source — tracked users' comments, suspensions and high scores,
 * scanned on a request budget shared through Redis. Subpaths keep heavy parts out of apps that do
 * not need them: `./render` (Discord messages), `./commands` (bot), `./settings`, `./dab-config`,
 * `./budget`, `./metrics`, `./read-model` (web), `./importer` (better-sqlite3).
 */
export * from './render/index.js';
export * from './client/index.js';
export { createRedditClient } from './client/from-settings.js';
export { createRequestBudget, readBudgetSnapshot, type BudgetSnapshot } from './budget/index.js';
export { startScanner, type ScannerOptions } from './scan/scanner.js';
export { scanUser, RedditSourceKey, type ScanSettings, type ScanResult } from './scan/scan-user.js';
export { checkResurrections, updateInactivity } from './scan/resurrections.js';
export * from './users/index.js';
