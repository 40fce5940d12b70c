import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './cli.js';

export type LogEvent = Record<string, unknown> & { event?: string; msg?: string };

export interface DaemonProcess {
  proc: ChildProcess;
  events: LogEvent[];
  /** Resolves with the first logged event (past or future) that satisfies the predicate. */
  waitFor(predicate: (event: LogEvent) => boolean, what: string): Promise<LogEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export const mainJs = path.join(repoRoot, 'dist/main.js');

export interface CommandRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `node dist/main.js ARGS` to its end, as a user would, with its output captured. */
export function runCommand(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandRun> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run "npm run build" first (npm test does)`);
  const proc = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => proc.on('close', (code) => resolve({ code, out, err })));
}

/** Runs `node dist/main.js ARGS` and follows its JSON log lines on stderr. */
export function startTopicwire(args: string[], env: NodeJS.ProcessEnv = {}): DaemonProcess {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run "npm run build" first (npm test does)`);
  const proc = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const events: LogEvent[] = [];
  const waiters: { predicate: (e: LogEvent) => boolean; resolve: (e: LogEvent) => void }[] = [];
  let raw = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  createInterface({ input: proc.stderr! }).on('line', (line) => {
    raw += `${line}\n`;
    let event: LogEvent;
    try {
      event = JSON.parse(line) as LogEvent;
    } catch {
      return;
    }
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  return {
    proc,
    events,
    exited,
    stderr: () => raw,
    waitFor(predicate, what) {
      const past = events.find(predicate);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`topicwire exited (${code ?? signal}) before ${what}:\n${raw}`)));
      });
    },
  };
}
