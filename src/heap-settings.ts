import { setFlagsFromString } from 'node:v8';

// V8 sizes a heap for throughput, not for a small server: the young
// generation grows to 16 MB per semi-space and the old one to about twice
// what survived the last full collection, in each thread's heap. A cycle's
// live data is small (batches pass through), so most of that is garbage
// waiting: a first fetch of 200 feeds peaked at ~296 MB, against 192–203 MB
// with the young generation kept at its first size and the old one grown by
// a quarter (docs/performance.md). Set by the entry point before it loads
// the other modules, so that no user has to know the flags:
// V8 reads both as the heaps grow, and worker threads started later share them.
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=25');
