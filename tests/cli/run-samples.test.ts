import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWSBOAT, PYTHON, requireFeedparser, requireNewsboat, runTool } from '../server/external-tools.js';
import { writeSampleConfig } from '../support/cli.js';
import { startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';

const seedTitle = 'NATO will not bring stability to the Caucasus – Kremlin';
let daemon: DaemonProcess;
let base: string;

beforeAll(async () => {
  const config = writeSampleConfig(makeTempDir('tw-run-'));
  daemon = startTopicwire(['run', '--config', config]);
  const listen = await daemon.waitFor((e) => e.event === 'listen', 'listening');
  base = `http://127.0.0.1:${String(listen.port)}`;
  await daemon.waitFor((e) => e.event === 'build', 'the first static build');
});
afterAll(async () => {
  daemon?.proc.kill('SIGTERM');
  await daemon?.exited;
});

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('topicwire run on the sample config', () => {
  it('serves the seed article once in the nato and caucasus feeds, in every format', async () => {
    for (const topic of ['nato', 'caucasus']) {
      for (const format of ['rss', 'atom', 'json']) {
        const response = await fetch(`${base}/topics/${topic}.${format}`);
        expect(response.status).toBe(200);
        const body = await response.text();
        const title = format === 'json' ? JSON.stringify(seedTitle).slice(1, -1) : seedTitle;
        expect(count(body, title), `${topic}.${format}`).toBe(1);
      }
    }
    expect(count(await (await fetch(`${base}/topics/energy.rss`)).text(), seedTitle)).toBe(0);
  });

  it('lists the topics on the index page with autodiscovery links', async () => {
    const html = await (await fetch(`${base}/`)).text();
    for (const topic of ['caucasus', 'nato', 'energy', 'ukraine']) {
      expect(html).toContain(`href="http://localhost:8080/topics/${topic}.rss"`);
    }
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*\/topics\/nato\.rss/);
    // The seed's other carriers are listed with it (in the NATO section; Caucasus shows five newer stories).
    expect(count(html, 'also reported by <a href="https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/">RT - Russia &amp; Former Soviet Union</a>')).toBe(1);
  });

  it('reports health', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', sources: { ok: 7, failing: 0 } });
  });

  it.each(['nato.rss', 'nato.atom', 'caucasus.rss', 'caucasus.atom'])('is read by python3-feedparser without errors: %s', async (file) => {
    await requireFeedparser();
    const script = new URL('../fixtures/publish/read_feed.py', import.meta.url).pathname;
    const seen = JSON.parse(await runTool(PYTHON, [script, `${base}/topics/${file}`])) as { bozo: number; bozo_exception: string; entries: { title: string; id: string }[] };
    expect(seen.bozo_exception).toBe('');
    expect(seen.bozo).toBe(0);
    expect(seen.entries.filter((e) => e.title === seedTitle)).toHaveLength(1);
    expect(new Set(seen.entries.map((e) => e.id)).size).toBe(seen.entries.length);
  });

  it.each(['nato.rss', 'caucasus.rss', 'nato.atom', 'caucasus.atom'])('is read by newsboat: %s shows the seed article once', async (file) => {
    await requireNewsboat();
    // One cache per check: newsboat keys its cache by guid across all feeds.
    const home = mkdtempSync(path.join(tmpdir(), 'tw-newsboat-'));
    const url = `${base}/topics/${file}`;
    writeFileSync(path.join(home, 'urls'), `${url}\n`);
    writeFileSync(path.join(home, 'config'), 'reload-threads 1\n');
    const log = path.join(home, 'log');
    const args = ['-u', path.join(home, 'urls'), '-c', path.join(home, 'cache.db'), '-C', path.join(home, 'config'), '-l', '3', '-d', log, '-x', 'reload', 'print-unread'];
    const output = await runTool(NEWSBOAT, args, { ...process.env, HOME: home });
    expect(readFileSync(log, 'utf8')).not.toMatch(/ERROR/);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(home, 'cache.db'), { readonly: true });
    const titles = (db.prepare('SELECT title FROM rss_item WHERE feedurl = ?').all(url) as { title: string }[]).map((r) => r.title);
    db.close();
    expect(output.trim()).toBe(`${titles.length} unread articles`);
    expect(titles.filter((t) => t === seedTitle)).toHaveLength(1);
  });
});
