import { setFlagsFromString } from 'node:v8';

// V8 sizes a heap for throughput, not for a small server: the young
// generation grows to 16 MB per semi-space and the old one to about twice
// what survived the last full collection, in each thread's heap. A cycle's
// live data is small (batches pass through), so most of that is garbage
// waiting: a first fetch of 200 feeds peaked at ~296 MB with V8's sizing,
// ~200 MB with the old generation grown by a quarter, and ~160 MB once the
// main thread's young generation also stayed at its first size
// (docs/performance.md). Set by the entry point before it loads the other
// modules, so that no user has to know the flags; V8 reads both as the heaps
// grow. Part of the entry point: the one other module that touches `process`.
const keepYoungGenerationSmall = (): void => setFlagsFromString('--semi-space-growth-factor=1');
keepYoungGenerationSmall();
setFlagsFromString('--heap-growing-percent=25');

// The flags are process-wide, and each new isolate (every worker thread)
// raises a growth factor below 2 back to 2 as V8 configures its heap
// (Heap::ConfigureHeap: "if (FLAG_semi_space_growth_factor < 2)
// FLAG_semi_space_growth_factor = 2"): once a cycle's first reader thread had
// started, the main thread's young generation grew to 2 × 16 MB after all.
// So it is set again as soon as each thread runs.
process.on('worker', (worker) => worker.once('online', keepYoungGenerationSmall));
