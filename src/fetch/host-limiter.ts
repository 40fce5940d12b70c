import { TopicwireError } from '../errors.js';
import { hasHttpScheme, parseUrl } from '../text/index.js';

export interface HostLimiter {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

export interface HostLimiterOptions {
  concurrency: number;
  perHost: number;
}

interface Waiter {
  host: string;
  start: () => void;
}

/**
 * At most `concurrency` tasks at once, and `perHost` against any one host, so
 * a cycle stays polite to servers that carry many of our sources. Waiting
 * tasks start in arrival order, except that one whose host is busy does not
 * hold up tasks for other hosts behind it.
 */
export function createHostLimiter(options: HostLimiterOptions): HostLimiter {
  assertPositiveInteger('concurrency', options.concurrency);
  assertPositiveInteger('perHost', options.perHost);
  let active = 0;
  const activeByHost = new Map<string, number>();
  const queue: Waiter[] = [];

  const canStart = (host: string): boolean =>
    active < options.concurrency && (activeByHost.get(host) ?? 0) < options.perHost;

  const occupy = (host: string): void => {
    active += 1;
    activeByHost.set(host, (activeByHost.get(host) ?? 0) + 1);
  };

  const release = (host: string): void => {
    active -= 1;
    const left = (activeByHost.get(host) ?? 1) - 1;
    if (left === 0) activeByHost.delete(host);
    else activeByHost.set(host, left);
    startEligible();
  };

  const startEligible = (): void => {
    for (let i = 0; i < queue.length && active < options.concurrency; ) {
      const waiter = queue[i];
      if (waiter !== undefined && canStart(waiter.host)) {
        queue.splice(i, 1);
        occupy(waiter.host);
        waiter.start();
      } else {
        i += 1;
      }
    }
  };

  // After every release no queued task can start, so a newcomer that can
  // start at once overtakes nobody who could have gone first.
  const acquire = (host: string): Promise<void> => {
    if (canStart(host)) {
      occupy(host);
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push({ host, start: resolve }));
  };

  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostKeyOf(url);
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
  };
}

/** Politeness is per server, so ports are ignored; local files share no host. */
export function hostKeyOf(url: string): string {
  const parsed = parseUrl(url);
  // Anything else is a file path (or not a URL at all).
  return parsed !== undefined && hasHttpScheme(parsed) ? parsed.hostname.toLowerCase() : `local:${url}`;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new TopicwireError(`host limiter: ${name} must be a positive integer, got ${value}`);
  }
}
