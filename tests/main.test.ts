import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.js';

const mainJs = path.join(repoRoot, 'dist/main.js');
const reportProcess = pathToFileURL(path.join(repoRoot, 'tests/fixtures/entry/report-process.mjs')).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'topicwire-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ProcessReport {
  execArgv: string[];
  threads: number;
}

/** Runs `PROGRAM ...ARGS --version` and returns the node flags and thread count its process had as it exited. */
function reportOf(name: string, program: string, args: readonly string[]): Promise<ProcessReport> {
  const file = path.join(dir, name);
  const env = { ...process.env, NODE_OPTIONS: `--import ${reportProcess}`, REPORT_PROCESS_FILE: file };
  const child = spawn(program, [...args, '--version'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(readFileSync(file, 'utf8')) as ProcessReport) : reject(new Error(`${program} exited ${code}: ${err}`))));
  });
}

describe('the entry point (dist/main.js) started as a program, as npm links its bin, npx, npm start and systemd start it', () => {
  it('runs node with one V8 platform thread and no concurrent recompilation, with no flag given', async () => {
    const asProgram = await reportOf('program', mainJs, []);
    const underPlainNode = await reportOf('node', process.execPath, [mainJs]);
    expect(asProgram.execArgv).toEqual(expect.arrayContaining(['--v8-pool-size=1', '--no-concurrent-recompilation']));
    expect(underPlainNode.execArgv).toEqual([]);
    // The flags take effect, not only appear: without them node starts four V8 platform threads.
    expect(underPlainNode.threads - asProgram.threads).toBe(3);
  });
});
