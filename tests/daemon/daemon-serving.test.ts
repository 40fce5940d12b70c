import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeRss } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';
import { startServer, type TestServer } from '../support/test-server.js';

let feeds: TestServer | undefined;
let daemon: DaemonProcess | undefined;

afterAll(async () => {
  daemon?.proc.kill('SIGKILL');
  await feeds?.close();
});

describe('topicwire run serving its own writes', () => {
  // The server checks the store's version at most once a second; a cycle in
  // the same process must not wait for that check, for the site it writes
  // nor for the one it serves.
  it('serves and writes a cycle’s items as soon as the cycle logs its build, even right after a request', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    feeds = await startServer((_req, res) => {
      void gate.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(makeRss('gated', 2)));
    });
    const dir = makeTempDir('tw-daemon-serving-');
    const config = path.join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        database: 'db.sqlite',
        server: { host: '127.0.0.1', port: 0 },
        sources: [{ id: 'gated', url: feeds.url('/gated.xml') }],
        topics: [{ id: 'all', title: 'All', query: 'story' }],
      }),
    );
    daemon = startTopicwire(['run', '--config', config]);
    const listen = await daemon.waitFor((e) => e.event === 'listen', 'listen');
    const feedUrl = `http://127.0.0.1:${String(listen.port)}/topics/all.rss`;

    // This request reads the store's version while the first cycle waits on the feed.
    expect(await (await fetch(feedUrl)).text()).not.toContain('gated story 1');
    release();
    const build = await daemon.waitFor((e) => e.event === 'build', 'the first build');

    expect(await (await fetch(feedUrl)).text()).toContain('<title>gated story 1</title>');
    expect(readFileSync(path.join(String(build.dir), 'topics/all.rss'), 'utf8')).toContain('<title>gated story 1</title>');
  });
});
