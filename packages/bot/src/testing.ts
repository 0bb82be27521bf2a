/** `@herald/bot/testing`: helpers for every source's command tests. */
export { createCommandRunner, type CommandRunner, type RunnerGuild } from './command-runner.js';
export { fetchRest } from './fetch-rest.js';
