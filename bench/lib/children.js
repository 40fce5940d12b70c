import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPeakRss } from './peak-rss.js';

export { readPeakRss };

export const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const mainJs = path.join(repoDir, 'dist/main.js');

/**
 * topicwire started as a user starts it: the bin itself (package.json's
 * "bin", the systemd unit's ExecStart), so that the node flags on its
 * shebang line (src/main.ts) are in force in what is measured. Node flags
 * of a figure's own go in NODE_OPTIONS (`withNodeOptions`).
 */
export const topicwire = [mainJs];

/** `env` with `flags` added to its NODE_OPTIONS, for a child that is not started as `node FLAGS …`. */
export function withNodeOptions(flags, env = {}) {
  if (flags.length === 0) return env;
  const options = [env.NODE_OPTIONS ?? process.env.NODE_OPTIONS, ...flags].filter(Boolean).join(' ');
  return { ...env, NODE_OPTIONS: options };
}

/** `node ARGS`, or with `command` a program of its own: [program, ...args]. */
const commandOf = (args, command) => (command === undefined ? [process.execPath, args] : [command[0], [...command.slice(1), ...args]]);

/** Runs `node ARGS` (or `command` ARGS) to its end; wall time from spawn to exit. */
export function runNode(args, { cwd = repoDir, env = {}, command } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [program, argv] = commandOf(args, command);
    const child = spawn(program, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code, ms: performance.now() - started, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
      if (code !== 0) reject(new Error(`${program} ${argv.join(' ')} exited ${code}\n${result.stderr.slice(-2000)}`));
      else resolve(result);
    });
  });
}

const reportPeakRss = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-peak-rss.js')).href;

/**
 * runNode, plus the process's peak RSS (VmHWM) as it exits: `peakBytes`.
 * `nodeFlags` go before the preload that reports it; with a `command`
 * (`topicwire`), both go in NODE_OPTIONS.
 */
export async function runNodeMeasured(nodeFlags, args, options = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'topicwire-peak-'));
  const file = path.join(dir, 'peak');
  const flags = [...nodeFlags, '--import', reportPeakRss];
  const env = { ...options.env, BENCH_PEAK_FILE: file };
  try {
    const result = options.command === undefined
      ? await runNode([...flags, ...args], { ...options, env })
      : await runNode(args, { ...options, env: withNodeOptions(flags, env) });
    return { ...result, peakBytes: Number(readFileSync(file, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts `node ARGS` (or `command` ARGS) and resolves once a line of its `stream` satisfies
 * `test` (which returns the value to resolve with), or rejects if it exits first.
 */
export function startNode(args, { cwd = repoDir, env = {}, command, stream = 'stdout', test, timeoutMs = 600_000 } = {}) {
  const [program, argv] = commandOf(args, command);
  const child = spawn(program, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const waiters = [];
  const onLine = (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const value = waiter.test(line);
      if (value !== undefined && value !== false) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(value);
      }
    }
  };
  let buffered = '';
  child[stream].on('data', (chunk) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
  const other = stream === 'stdout' ? 'stderr' : 'stdout';
  const otherText = [];
  child[other].on('data', (chunk) => otherText.push(chunk.toString()));
  let exited = false;
  child.on('exit', (code) => {
    exited = true;
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${program} ${argv.join(' ')} exited ${code} before the awaited line\n${lines.slice(-20).join('\n')}\n${otherText.join('').slice(-2000)}`));
  });
  const waitFor = (lineTest, ms = timeoutMs) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`${program} ${argv.join(' ')} is not running`));
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a line from ${program} ${argv.join(' ')}`)), ms);
      waiters.push({ test: lineTest, resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
    });
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const ready = test === undefined ? Promise.resolve(undefined) : waitFor(test);
  return { child, ready, waitFor, stop, lines };
}

/** A JSON line's field, or undefined when the line is not JSON or lacks it. */
export function jsonField(line, predicate) {
  try {
    const record = JSON.parse(line);
    return predicate(record) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the static file server over `dir` (then `nextDir`: see static-server.js) in its own process. */
export async function startStaticServer(dir, nextDir) {
  const server = startNode([path.join(repoDir, 'bench/lib/static-server.js'), dir, ...(nextDir === undefined ? [] : [nextDir])], { test: (line) => jsonField(line, (r) => typeof r.port === 'number') });
  const { port } = await server.ready;
  return { ...server, port, url: `http://127.0.0.1:${port}` };
}
