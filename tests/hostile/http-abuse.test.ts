import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleConfig } from '../support/cli.js';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { get, rawExchange } from './raw-http.js';

let daemon: DaemonProcess;
let port: number;
let natoRss: string;

beforeAll(async () => {
  const dir = makeTempDir('tw-abuse-');
  const config = writeSampleConfig(dir, (c) => (c.schedule = '0 0 1 1 *'));
  daemon = startTopicwire(['run', '--config', config]);
  port = Number((await daemon.waitFor((e) => e.event === 'listen', 'listen')).port);
  await daemon.waitFor((e) => e.event === 'build', 'the first build');
  natoRss = readFileSync(path.join(dir, 'public/topics/nato.rss'), 'latin1');
});

afterAll(() => {
  daemon?.proc.kill('SIGKILL');
});

/** After each abuse the daemon is alive and serves the feed, byte for byte. */
async function expectStillServing(): Promise<void> {
  expect(daemon.proc.exitCode).toBeNull();
  const answer = await rawExchange(port, get('/topics/nato.rss'));
  expect(answer.status).toBe(200);
  expect(answer.text.endsWith(natoRss)).toBe(true);
}

describe('the daemon against absurd requests', () => {
  const absurd: [string, string | Buffer, number[]][] = [
    ['a 100 KB path', get(`/${'a'.repeat(100_000)}`), [431]],
    ['a 10 KB path (under the header limit)', get(`/topics/${'%2e'.repeat(3000)}`), [400]],
    ['a 100 KB header value', get('/topics/nato.rss', `X-Big: ${'b'.repeat(100_000)}\r\n`), [431]],
    ['5,000 small headers', get('/topics/nato.rss', Array.from({ length: 5000 }, (_, i) => `X-${i}: v\r\n`).join('')), [431]],
    ['binary garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]), [400]],
    ['an unknown method', 'BREW /topics/nato.rss HTTP/1.1\r\nHost: x\r\n\r\n', [400]],
    ['POST with a body', 'POST /topics/nato.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello', [405]],
    ['Content-Length with Transfer-Encoding (smuggling)', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', [400]],
    ['a negative Content-Length', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', [400]],
    ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', [400]],
    ['the asterisk form', 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', [405]],
    ['a NUL in the path', get('/topics/nato.rss\u0000.html'), [400]],
    ['a space in the path', 'GET /topics/ nato.rss HTTP/1.1\r\nHost: x\r\n\r\n', [400]],
    ['bad percent-encoding', get('/%zz%'), [400]],
    ['an overlong UTF-8 dot (%c0%ae)', get('/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'), [400]],
  ];

  it.each(absurd)('%s: answers 4xx and keeps serving', async (_name, payload, statuses) => {
    const answer = await rawExchange(port, payload);
    expect(statuses).toContain(answer.status);
    await expectStillServing();
  });
});

describe('paths that try to leave the output folder', () => {
  const traversals = [
    '/../../../../etc/passwd',
    '/topics/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/topics/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/topics/..%5c..%5c..%5cetc%5cpasswd',
    '/..\\..\\..\\etc\\passwd',
    '//etc/passwd',
    '/./././../config.json',
    '/../config.json',
    '/../topicwire.db',
    '/..%2ftopicwire.db',
    '/public/topics/nato.rss',
    'http://127.0.0.1/../../etc/passwd',
    'file:///etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/topics/nato.rss/../../../etc/passwd',
  ];

  it.each(traversals)('%s: 404 or 400, never a file', async (target) => {
    const answer = await rawExchange(port, get(target));
    expect([400, 404]).toContain(answer.status);
    expect(answer.text).not.toMatch(/root:x:0:0|SQLite format 3|"database"|<rss/);
    await expectStillServing();
  });
});
