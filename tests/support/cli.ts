import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs one topicwire command in this process with captured output. */
export async function runTopicwire(args: string[], options: { now?: Date; signal?: AbortSignal } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    cwd: repoRoot,
    isTTY: false,
    now: () => options.now ?? new Date(),
    stopSignal: options.signal ?? new AbortController().signal,
    onReload: () => undefined,
    pid: process.pid,
    isProcessAlive: () => false,
  };
  const code = await runCli(args, ctx);
  return { code, out, err };
}

/**
 * The default config.json pointed at a temp database and output folder, with
 * the sample feeds read from the repository.
 */
export function writeSampleConfig(dir: string, change: (config: Record<string, unknown>) => void = () => undefined): string {
  const config = JSON.parse(readRepoFile('config.json')) as Record<string, unknown> & { sources: { url: string }[] };
  config.database = path.join(dir, 'topicwire.db');
  config.output = { dir: path.join(dir, 'public'), items: 50 };
  config.server = { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:8080' };
  for (const source of config.sources) source.url = path.join(repoRoot, source.url);
  change(config);
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(repoRoot, relative), 'utf8');
}
