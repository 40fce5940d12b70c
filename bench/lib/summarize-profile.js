// Summarises a .cpuprofile (node --cpu-prof): self time per function and
// inclusive time per module folder, to print the top of a profile.
import { readFileSync } from 'node:fs';

export function summarizeProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
  for (const [id, count] of counts) {
    const node = nodes.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${shorten(url)}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + count * interval);
  }
  // Inclusive time per area: a sample counts once for each area on its stack.
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const areas = new Map();
  for (const [id, count] of counts) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parents.get(cur)) {
      const area = areaOf(nodes.get(cur).callFrame.url);
      if (area !== undefined) seen.add(area);
    }
    for (const area of seen) areas.set(area, (areas.get(area) ?? 0) + count * interval);
  }
  const totalMs = profile.samples.length * interval;
  const sort = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs, self: sort(self), areas: sort(areas) };
}

function shorten(url) {
  return url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node:/, 'node:');
}

function areaOf(url) {
  const dist = /\/dist\/([^/]+)\//.exec(url);
  if (dist) return `dist/${dist[1]}`;
  const mod = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (mod) return mod[1];
  return undefined;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { totalMs, self, areas } = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${totalMs.toFixed(0)} ms`);
  console.log('inclusive by area:');
  for (const [k, v] of areas) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${(100 * v / totalMs).toFixed(1).padStart(5)}%  ${k}`);
  console.log('self time:');
  for (const [k, v] of self) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${(100 * v / totalMs).toFixed(1).padStart(5)}%  ${k}`);
}
