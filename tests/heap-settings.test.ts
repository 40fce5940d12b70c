import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.js';

const heapSettings = path.join(repoRoot, 'dist/heap-settings.js');
const allocateAfterAWorker = path.join(repoRoot, 'tests/fixtures/heap/allocate-after-a-worker.mjs');

/** The young generation, in MB, of a process that starts a worker thread and then allocates (the fixture). */
function youngGenerationMb(nodeArgs: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...nodeArgs, allocateAfterAWorker], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}: ${err}`)))),
  );
}

describe('heap settings (src/heap-settings.ts, loaded first by dist/main.js)', () => {
  it('keep the main thread young generation at its first size after a worker thread starts', async () => {
    if (!existsSync(heapSettings)) throw new Error(`${heapSettings} is missing: run "npm run build" first (npm test does)`);
    const [settled, defaults] = await Promise.all([youngGenerationMb(['--import', pathToFileURL(heapSettings).href]), youngGenerationMb([])]);
    // V8's own sizing grows it to 2 × 16 MB under this allocation: without that the first figure would prove nothing.
    expect(defaults).toBeGreaterThanOrEqual(16);
    expect(settled).toBeLessThanOrEqual(4);
  });
});
