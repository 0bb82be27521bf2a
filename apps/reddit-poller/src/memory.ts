import { setFlagsFromString } from 'node:v8';

// Each page of a back-fill parses 100 comments (bodies up to 10,000 characters) through snoowrap's
// objects, and by default V8 lets the heap grow well past its live set before collecting that
// garbage: without this flag the poller's peak RSS passed bench/reddit-backfill.ts's 150 MB goal. V8's
// memory-favouring mode collects earlier (the peak with it: bench/results/reddit-backfill.json).
// Node accepts this flag on the command line but not in NODE_OPTIONS, so the
// app sets it before it allocates anything (as the ibc-poller does). Imported first by main.ts.
setFlagsFromString('--optimize-for-size');
