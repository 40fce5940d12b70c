import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParseError, TopicwireError } from '../errors.js';
import type { ReadFeed, ReadJob, ReaderSetup } from './read-feed.js';
import type { ReadReply } from './read-worker.js';

/** Reads fetched bodies: on this thread, or spread over worker threads. */
export interface FeedReader {
  /** Waiting jobs are read lowest `order` first: the cycle stores sources in config order. */
  read(job: ReadJob, order?: number): Promise<ReadFeed>;
  /** Stops the threads; reads still waiting are refused. */
  close(): Promise<void>;
}

/** Reads on this thread; the parsers are imported when first used, so with worker threads the main thread never loads them. */
export function createLocalReader(setup: ReaderSetup): FeedReader {
  let reading: Promise<(job: ReadJob) => Promise<ReadFeed>> | undefined;
  return {
    read: async (job) => (await (reading ??= import('./read-feed.js').then((m) => m.createFeedReading(setup))))(job),
    close: async () => undefined,
  };
}

/**
 * A reader's young generation: what a feed's parse allocates dies young, and
 * V8's default (up to 48 MB per thread) only holds more garbage between
 * scavenges (see src/heap-settings.ts).
 */
const YOUNG_GENERATION_MB = 6;

/**
 * How long one body may take to read before its worker is stopped and the
 * source fails. Sound feeds take milliseconds to a few seconds (the hostile
 * suite's 5 MB feeds, on a loaded core); markup built to defeat a parser's
 * regular expressions (thousands of unclosed quotes or comments) could
 * otherwise hold a thread for hours, and the sources stored after it with it.
 */
export const READ_DEADLINE_MS = 60_000;

/** More threads than this only add memory: the main thread's writes are the other bound. */
const MAX_THREADS = 3;

/**
 * One thread per core but the main thread's, which fetches and writes: on 2
 * cores the bench's first fetch took 7.1 s with 1 worker, 6.9–7.5 s with 2
 * (45 MB more at peak) and 8.9 s with none. On 1 core there is nothing to
 * gain, and bodies are read on this thread, as they are when run from the
 * TypeScript sources (tests), where there is no compiled worker to start.
 */
export function createFeedReader(setup: ReaderSetup, threads = Math.min(MAX_THREADS, availableParallelism() - 1)): FeedReader {
  const workerUrl = new URL('./read-worker.js', import.meta.url);
  if (threads < 1 || !existsSync(fileURLToPath(workerUrl))) return createLocalReader(setup);
  return createWorkerReader({ threads, workerUrl, setup });
}

interface Pending {
  job: ReadJob;
  order: number;
  resolve: (feed: ReadFeed) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  current: Pending | undefined;
  /** Stops the worker when its current job passes the deadline. */
  deadline: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A pool of up to `threads` workers, started as jobs arrive, each given the
 * setup (compiled topics, equivalences) once. Each worker reads one job at a time, so a feed that
 * kills its worker (memory exhausted by a hostile body) fails only its own
 * source; the worker is replaced. So does a body that takes longer than
 * `deadlineMs` to read: its worker is stopped. A job's body is moved to the
 * worker, not copied.
 */
export function createWorkerReader(options: { threads: number; workerUrl: URL; setup: ReaderSetup; maxHeapMb?: number; deadlineMs?: number }): FeedReader {
  const { setup } = options;
  const deadlineMs = options.deadlineMs ?? READ_DEADLINE_MS;
  const queue: Pending[] = [];
  const pool: Thread[] = [];
  let closed = false;
  // A source's failure, not a bug: the cycle was told to stop (or ended) before this read.
  const abandoned = (): TopicwireError => new TopicwireError('reading abandoned: the feed reader was closed (topicwire is stopping)');

  const finish = (thread: Thread): Pending | undefined => {
    const pending = thread.current;
    thread.current = undefined;
    clearTimeout(thread.deadline);
    thread.deadline = undefined;
    return pending;
  };
  const retire = (thread: Thread, message: string): void => {
    if (!pool.includes(thread)) return;
    pool.splice(pool.indexOf(thread), 1);
    finish(thread)?.reject(new ParseError(message));
    dispatch();
  };
  const spawn = (): Thread => {
    const worker = new Worker(options.workerUrl, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const thread: Thread = { worker, current: undefined, deadline: undefined };
    worker.on('message', (reply: ReadReply) => {
      const pending = finish(thread);
      if (reply.ok) pending?.resolve(reply.feed);
      else if ('failure' in reply) pending?.reject(new ParseError(reply.failure));
      else pending?.reject(Object.assign(new Error(reply.bug.message), { stack: reply.bug.stack }));
      dispatch();
    });
    worker.on('error', (error) => retire(thread, `reading the feed stopped its worker thread: ${error.message}`));
    worker.on('exit', (code) => retire(thread, `reading the feed stopped its worker thread: exited with code ${code}`));
    pool.push(thread);
    return thread;
  };
  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const thread = pool.find((t) => t.current === undefined) ?? (pool.length < options.threads ? spawn() : undefined);
      if (thread === undefined) return;
      const pending = queue.shift() as Pending;
      thread.current = pending;
      thread.deadline = setTimeout(() => {
        retire(thread, `reading the body took longer than ${deadlineMs / 1000} s; its worker thread was stopped`);
        void thread.worker.terminate();
      }, deadlineMs);
      thread.worker.postMessage(pending.job, movable(pending.job.body));
    }
  }

  return {
    read: (job, order = Number.MAX_SAFE_INTEGER) =>
      new Promise<ReadFeed>((resolve, reject) => {
        if (closed) return reject(abandoned());
        // The next source to store should not wait behind sources fetched ahead of it.
        const at = queue.findIndex((pending) => pending.order > order);
        queue.splice(at < 0 ? queue.length : at, 0, { job, order, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(abandoned());
      const threads = pool.splice(0);
      for (const thread of threads) finish(thread)?.reject(abandoned());
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}

/** A body that owns its whole buffer is moved to the worker; one that shares a buffer (a pooled Buffer) is copied. */
function movable(body: Uint8Array): ArrayBuffer[] {
  const { buffer } = body;
  return buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === buffer.byteLength ? [buffer] : [];
}
