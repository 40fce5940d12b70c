import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, startTopicwire, type DaemonProcess, type LogEvent } from '../support/daemon.js';
import { makeRss, routeRequests } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

const routes = routeRequests({
  '/a.xml': (_req, res) => res.writeHead(200).end(makeRss('a', 3)),
  '/b.xml': (_req, res) => res.writeHead(200).end(makeRss('b', 3)),
  '/tick.xml': (_req, res) => res.writeHead(200).end(makeRss('tick', 3)),
});

let server: TestServer;
const running: DaemonProcess[] = [];
beforeAll(async () => {
  server = await startServer((req, res) => routes.handle(req, res));
});
afterEach(() => {
  for (const daemon of running.splice(0)) daemon.proc.kill('SIGKILL');
});
afterAll(async () => server.close());

function writeConfig(dir: string, schedule: string, sources: object[]): string {
  const file = path.join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({ database: 'db.sqlite', schedule, server: { host: '127.0.0.1', port: 0 }, output: { dir: 'public' }, sources, topics: [{ id: 'all', title: 'All', query: 'story' }] }, null, 2),
  );
  return file;
}

function start(config: string): DaemonProcess {
  const daemon = startTopicwire(['run', '--config', config]);
  running.push(daemon);
  return daemon;
}

const isCycle = (e: LogEvent) => e.event === 'cycle';

describe('when the daemon fetches', () => {
  it('fetches a source added while it runs at once, on the reload, not at the next tick', async () => {
    const dir = makeTempDir('tw-add-running-');
    // Next tick: New Year's midnight. Only a reload can explain a fetch of b.
    const config = writeConfig(dir, '0 0 1 1 *', [{ id: 'a', url: server.url('/a.xml') }]);
    const daemon = start(config);
    await daemon.waitFor(isCycle, 'the first cycle');

    const added = await runCommand(['sources', 'add', server.url('/b.xml'), '--id', 'b', '--config', config]);
    expect(added.code).toBe(0);
    const fetched = await daemon.waitFor((e) => e.event === 'fetch' && e.source === 'b', 'a fetch of the new source');
    expect(fetched).toMatchObject({ status: 'ok', new: 3 });
    expect(daemon.events.findIndex((e) => e.event === 'reload' && e.ok === true)).toBeLessThan(daemon.events.indexOf(fetched));
    // Only the new source was due: a is not fetched again.
    expect(daemon.events.filter((e) => e.event === 'fetch' && e.source === 'a')).toHaveLength(1);
    expect(routes.hits('/a.xml')).toBe(1);
  });

  it('fetches a source whose interval equals the schedule period at every tick', async () => {
    const dir = makeTempDir('tw-every-tick-');
    // Every 2 s, and an interval of 2 s (in minutes).
    const config = writeConfig(dir, '*/2 * * * * *', [{ id: 'tick', url: server.url('/tick.xml'), interval: 2 / 60 }]);
    const daemon = start(config);
    const cycles = () => daemon.events.filter(isCycle);
    // The first cycle runs at start, between ticks, so the next tick may come
    // too soon for it; from the first tick that fetches on, every tick must.
    const firstScheduled = await daemon.waitFor((e) => isCycle(e) && e.ok === 1 && cycles().indexOf(e) > 0, 'a scheduled cycle that fetched');
    const from = cycles().indexOf(firstScheduled);
    await daemon.waitFor(() => cycles().length >= from + 4, 'three more ticks');
    expect(cycles().slice(from + 1, from + 4).map((e) => e.ok)).toEqual([1, 1, 1]);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
