// Preloaded into a measured process (node --import): when the process exits,
// writes its peak RSS to the file named by BENCH_PEAK_FILE, so a process that
// exits on its own still reports the figure /proc forgets once it is gone.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { readPeakRss } from './peak-rss.js';

const file = process.env.BENCH_PEAK_FILE;
if (isMainThread && file) process.on('exit', () => writeFileSync(file, String(readPeakRss())));
