import { describe, expect, it } from 'vitest';
import { TopicwireError } from '../../src/errors.js';
import { createHostLimiter, type HostLimiter } from '../../src/fetch/index.js';

interface Started {
  url: string;
  finish: () => void;
}

/** Runs tasks that stay open until the test finishes them, counting how many run at once. */
function track(limiter: HostLimiter) {
  const running: Started[] = [];
  const order: string[] = [];
  let peak = 0;
  const peakByHost = new Map<string, number>();
  const hostOf = (url: string): string => new URL(url).hostname;
  const submit = (url: string): Promise<string> =>
    limiter.run(url, () => {
      order.push(url);
      return new Promise<string>((resolve) => {
        const entry: Started = {
          url,
          finish: () => {
            running.splice(running.indexOf(entry), 1);
            resolve(url);
          },
        };
        running.push(entry);
        peak = Math.max(peak, running.length);
        const onHost = running.filter((r) => hostOf(r.url) === hostOf(url)).length;
        peakByHost.set(hostOf(url), Math.max(peakByHost.get(hostOf(url)) ?? 0, onHost));
      });
    });
  return { running, order, submit, peak: () => peak, peakByHost };
}

/** Lets queued promise callbacks (task starts) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('createHostLimiter', () => {
  it('never runs more than `concurrency` overall or `perHost` per host', async () => {
    const t = track(createHostLimiter({ concurrency: 3, perHost: 2 }));
    const urls = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'a', 'd'].map((h, i) => `http://${h}.example/${i}`);
    const all = Promise.all(urls.map(t.submit));
    await settle();
    while (t.running.length > 0) {
      expect(t.running.length).toBeLessThanOrEqual(3);
      t.running[0]?.finish();
      await settle();
    }
    expect((await all).sort()).toEqual([...urls].sort());
    expect(t.peak()).toBe(3);
    expect(Math.max(...t.peakByHost.values())).toBe(2);
  });

  it('lets other hosts pass a busy one, and keeps arrival order per host', async () => {
    const t = track(createHostLimiter({ concurrency: 2, perHost: 1 }));
    const urls = ['http://a.example/1', 'http://a.example/2', 'http://a.example/3', 'http://b.example/1'];
    const all = Promise.all(urls.map(t.submit));
    await settle();
    expect(t.running.map((r) => r.url)).toEqual(['http://a.example/1', 'http://b.example/1']);
    while (t.running.length > 0) {
      t.running[0]?.finish();
      await settle();
    }
    await all;
    expect(t.order).toEqual(['http://a.example/1', 'http://b.example/1', 'http://a.example/2', 'http://a.example/3']);
  });

  it('treats ports of one host as one host', async () => {
    const t = track(createHostLimiter({ concurrency: 5, perHost: 1 }));
    void t.submit('http://a.example:8080/x');
    void t.submit('https://A.example/y');
    await settle();
    expect(t.running).toHaveLength(1);
    t.running[0]?.finish();
    await settle();
    expect(t.running.map((r) => r.url)).toEqual(['https://A.example/y']);
    t.running[0]?.finish();
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createHostLimiter({ concurrency: 1, perHost: 1 });
    await expect(limiter.run('http://a.example/', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('http://a.example/', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('rejects nonsense limits', () => {
    expect(() => createHostLimiter({ concurrency: 0, perHost: 1 })).toThrow(TopicwireError);
    expect(() => createHostLimiter({ concurrency: 2, perHost: 1.5 })).toThrow(/perHost must be a positive integer/);
  });
});
