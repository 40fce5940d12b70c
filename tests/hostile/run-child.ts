import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mainJs } from '../support/daemon.js';

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child, in kilobytes (from process.resourceUsage). */
  maxRssKb: number;
  ms: number;
}

const REPORTER = fileURLToPath(new URL('./report-max-rss.mjs', import.meta.url));

/** Runs `node dist/main.js ARGS` to its end, with its peak memory reported. */
export async function runMain(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', REPORTER, mainJs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TOPICWIRE_LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (c, s) => resolve({ code: c, signal: s })),
  );
  const report = /\{"event":"max-rss","kb":(\d+)\}/.exec(stderr);
  return { code, signal, stdout, stderr, maxRssKb: Number(report?.[1] ?? Number.NaN), ms: performance.now() - started };
}
