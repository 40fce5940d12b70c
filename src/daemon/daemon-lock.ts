import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { TopicwireError } from '../errors.js';

export interface LockOwner {
  pid: number;
  startedAt: string;
  config: string;
}

export interface LockDeps {
  pid: number;
  isProcessAlive: (pid: number) => boolean;
  now: () => Date;
}

export interface DaemonLock {
  release(): void;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * One daemon per database: two would fetch the same sources twice and race on
 * the static output. The lock is a file beside the database, created with
 * O_EXCL; one left by a process that no longer runs (kill -9, power loss) is
 * taken over.
 */
export function acquireDaemonLock(database: string, configFile: string, deps: LockDeps): DaemonLock {
  const file = `${database}.lock`;
  const owner: LockOwner = { pid: deps.pid, startedAt: deps.now().toISOString(), config: configFile };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
      return {
        release: () => {
          if (readOwner(file)?.pid === deps.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new TopicwireError(`cannot create ${file}`, { cause: error });
      const running = readOwner(file);
      if (running && running.pid !== deps.pid && deps.isProcessAlive(running.pid)) {
        throw new TopicwireError(
          `another topicwire daemon is running on ${database}: pid ${running.pid}, started ${running.startedAt}, config ${running.config} (lock file ${file})`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new TopicwireError(`cannot take the lock ${file}: another process keeps creating it`);
}
