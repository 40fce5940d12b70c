import { jsonField, readPeakRss, startNode, topicwire, withNodeOptions } from '../lib/children.js';

const isCycleEnd = (line) => jsonField(line, (r) => r.event === 'cycle' || r.event === 'build' || r.event === 'cycle-failed');

/**
 * memory-run: `topicwire run` for two cycles. The first stores every item;
 * the config's schedule starts the second a few seconds after it, when every
 * source is due again. A cycle ends with its 'build' line (the static output
 * written) when it changed something, else with its 'cycle' line. Peak RSS
 * (VmHWM) is read at the end of each cycle, before SIGTERM; it only grows,
 * so the second is the peak over both.
 */
export async function benchDaemon({ configFile, nodeFlags = [], timeoutMs = 3_600_000 }) {
  const started = performance.now();
  const daemon = startNode(['run', '--config', configFile], {
    command: topicwire,
    env: withNodeOptions(nodeFlags),
    stream: 'stderr',
    test: (line) => jsonField(line, (r) => r.event === 'listen'),
  });
  const cycles = [];
  let pendingBuild;
  try {
    await daemon.ready;
    // One waiter sees every line in order, and reads the peak on the very line that ends a cycle.
    const ended = await daemon.waitFor((line) => {
      const record = isCycleEnd(line);
      if (record === undefined) return undefined;
      if (record.event === 'cycle-failed') return { failed: line };
      if (record.event === 'cycle') {
        const changed = record.new + record.updated + record.duplicate > 0;
        if (changed) pendingBuild = record;
        else cycles.push({ ...record, peakBytes: readPeakRss(daemon.child.pid), at: performance.now() - started });
      } else if (pendingBuild !== undefined) {
        cycles.push({ ...pendingBuild, peakBytes: readPeakRss(daemon.child.pid), at: performance.now() - started });
        pendingBuild = undefined;
      }
      return cycles.length >= 2 ? {} : undefined;
    }, timeoutMs);
    if (ended.failed !== undefined) throw new Error(`daemon cycle failed: ${ended.failed}`);
    return { cycles, peakBytes: cycles[1].peakBytes };
  } finally {
    await daemon.stop();
  }
}
