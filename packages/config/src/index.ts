export * from './errors.js';
export * from './load.js';
export * from './blocks.js';
export * from './cli.js';
export * from './herald-file.js';
export * from './routing.js';
export * from './discord.js';
export * from './sections.js';
