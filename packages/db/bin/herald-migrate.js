#!/usr/bin/env node
// The `herald-migrate` command (compose's one-shot `migrate` step). This file is committed, not
// built: pnpm links a package's bins at install, before anything is built, and a bin pointing into
// dist/ made every fresh install warn "Failed to create bin". The migration code is in dist/.
await import('../dist/migrate-cli.js');
