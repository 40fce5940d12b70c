import { jsonField, mainJs, readPeakRss, startNode } from '../lib/children.js';

/**
 * memory: `topicwire run` on `sources` sources whose first cycle stores
 * every item; peak RSS (VmHWM) once that cycle is done, read before SIGTERM.
 */
export async function benchMemory({ configFile, nodeFlags = [] }) {
  const started = performance.now();
  const daemon = startNode([...nodeFlags, mainJs, 'run', '--config', configFile], {
    stream: 'stderr',
    test: (line) => jsonField(line, (r) => r.event === 'listen'),
  });
  try {
    await daemon.ready;
    const cycle = await daemon.waitFor((line) => jsonField(line, (r) => r.event === 'cycle'));
    // The static output is written right after the cycle; wait for it too, it is part of the cycle's work.
    await daemon.waitFor((line) => jsonField(line, (r) => r.event === 'build'), 120_000).catch(() => undefined);
    const peak = readPeakRss(daemon.child.pid);
    return { peakBytes: peak, cycle, ms: performance.now() - started };
  } finally {
    await daemon.stop();
  }
}
