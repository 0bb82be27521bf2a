import { setFlagsFromString } from 'node:v8';

// A scan reads three protobuf answers per light client (18,000 requests for 3,000 connections), and
// by default V8 lets the heap grow to several times its live set before collecting that garbage:
// without this flag the poller's peak RSS passed bench/ibc-scan.ts's 150 MB goal. V8's own
// memory-favouring mode collects earlier (the peak with it: bench/results/ibc-scan.json) without a
// hard heap cap that a larger deployment could hit. Node accepts this flag on the command line but not in NODE_OPTIONS,
// so the app sets it before it allocates anything. Imported first by main.ts.
setFlagsFromString('--optimize-for-size');
