import { parentPort, workerData } from 'node:worker_threads';
import { TopicwireError } from '../errors.js';
import { createFeedReading, type ReadFeed, type ReadJob, type ReaderSetup } from './read-feed.js';

/** What a worker answers for one job. */
export type ReadReply =
  | { ok: true; feed: ReadFeed }
  /** The feed is unreadable (a ParseError and the like): the source's failure, not a bug. */
  | { ok: false; failure: string }
  /** Anything else is a bug, passed on to be logged and raised. */
  | { ok: false; bug: { message: string; stack: string | undefined } };

// A worker thread of createWorkerReader (feed-readers.ts): reads one job at a time.
const readFeed = createFeedReading((workerData ?? { topics: [], equivalences: [] }) as ReaderSetup);
parentPort?.on('message', (job: ReadJob) => {
  readFeed(job).then(
    (feed) => parentPort?.postMessage({ ok: true, feed } satisfies ReadReply),
    (error: unknown) => {
      const reply: ReadReply =
        error instanceof TopicwireError
          ? { ok: false, failure: error.message }
          : { ok: false, bug: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } };
      parentPort?.postMessage(reply);
    },
  );
});
