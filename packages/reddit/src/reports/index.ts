/**
 * `@herald/reddit/reports`: the weekly "most downvoted" reports (seed-behaviour §3.9) — ISO week
 * windows in the configured zone, the report's reads and model, its Markdown source and the CLI —
 * and `renderRedditMarkdown`, the one renderer of comment bodies for every page.
 */
export * from './weeks.js';
export * from './model.js';
export * from './dates.js';
export * from './queries.js';
export { reportMarkdown } from './source.js';
export { parseWeekOption, printReport, type PrintReportOptions } from './cli.js';
export { CommentLinkRel, isSafeLinkTarget, MaxBodyLength, renderRedditMarkdown } from './markdown.js';
