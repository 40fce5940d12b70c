#!/usr/bin/env -S node --v8-pool-size=1 --no-concurrent-recompilation
// Two node flags that only node's command line can set, as V8's platform
// starts its threads before any script runs; so they ride on the bin's own
// first line, and `topicwire`, `npx topicwire`, `npm start` and the systemd
// unit, which all start this file as a program, carry them without a user
// knowing. --v8-pool-size=1: one V8 platform thread for background GC and
// compile jobs instead of one per core (four here), each with a malloc arena
// of its own; --no-concurrent-recompilation: optimised code is compiled on
// the thread that wants it, not on another. Together they take a first
// fetch's peak RSS from ~156 MB to ~146 MB (docs/performance.md).
import './heap-settings.js';

// Loaded once the heap settings are in force: an ESM graph is parsed whole
// before any of it runs, and loading this one grew the young generation
// before static imports could set them.
const { runCli } = await import('./cli/program.js');

/**
 * The entry point: with the heap settings it loads first, the only module
 * that touches `process`.
 *
 * SIGINT and SIGTERM are caught only once a command asks for the stop signal
 * (`run` and `serve`, which stop in order). Every other command keeps their
 * default action, so `timeout 10 topicwire search …` ends when told even in
 * the middle of a long synchronous match: ending at any instruction is safe,
 * since every write is one SQLite transaction (see crash-cycles.test.ts).
 */
let stop: AbortController | undefined;
function requestStopSignal(): AbortSignal {
  if (stop === undefined) {
    const controller = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort(signal);
      });
    }
    stop = controller;
  }
  return stop.signal;
}

// `topicwire search … | head`: a reader that stops reading ends the command, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    now: () => new Date(),
    get stopSignal() {
      return requestStopSignal();
    },
    onReload: (listener) => process.on('SIGHUP', listener),
    pid: process.pid,
    isProcessAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists but belongs to another user.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  });
} catch (error) {
  process.stderr.write(`topicwire: unexpected error (a bug, please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 70;
}
// Told to stop, a command that has returned is done: nothing it abandoned (a
// file read stuck in the kernel, a worker thread) may keep the process alive.
if (stop?.signal.aborted === true) process.exit();
