import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicwireError } from '../../src/errors.js';
import { renderSite } from '../../src/publish/site.js';
import type { RenderedFile } from '../../src/publish/types.js';
import { writeSite } from '../../src/publish/write-site.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { fileAt, NOW } from './render-helpers.js';

const run = promisify(execFile);
const INSPECT = new URL('../fixtures/publish/inspect_site.py', import.meta.url).pathname;

interface Inspection {
  xml: Record<string, string>;
  json: Record<string, string>;
  opml: Record<string, string>[];
  html: { tags: string[]; alternates: { type: string; href: string; title: string }[]; links: string[]; text: string };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length)).sort();
}

describe('writeSite', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'topicwire-site-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each file at the path the server serves it from, "/" as index.html', async () => {
    const files = renderSite(loadSiteInput(), NOW);
    const out = join(dir, 'public');
    await writeSite(files, out);
    expect(await listFiles(out)).toEqual([
      '/index.html',
      '/topics.opml',
      '/topics/caucasus.atom',
      '/topics/caucasus.html',
      '/topics/caucasus.json',
      '/topics/caucasus.rss',
      '/topics/empty.atom',
      '/topics/empty.html',
      '/topics/empty.json',
      '/topics/empty.rss',
      '/topics/nato.atom',
      '/topics/nato.html',
      '/topics/nato.json',
      '/topics/nato.rss',
    ]);
    expect((await readFile(join(out, 'topics/nato.rss'))).equals(fileAt(files, '/topics/nato.rss').body)).toBe(true);
    expect((await readFile(join(out, 'index.html'))).equals(fileAt(files, '/').body)).toBe(true);
  });

  it('writes files that strict XML, JSON and HTML parsers accept (python expat, json, html.parser)', async () => {
    await writeSite(renderSite(loadSiteInput(), NOW), dir);
    const { stdout } = await run('/usr/bin/python3', [INSPECT, dir]);
    const site = JSON.parse(stdout) as Inspection;
    expect(site.xml['/topics/nato.rss']).toBe('rss');
    expect(site.xml['/topics/nato.atom']).toBe('{http://www.w3.org/2005/Atom}feed');
    expect(site.xml['/topics.opml']).toBe('opml');
    expect(Object.keys(site.xml)).toHaveLength(7);
    expect(Object.values(site.json)).toEqual(Array(3).fill('https://jsonfeed.org/version/1.1'));
    expect(site.opml.map((o) => o['xmlUrl'])).toEqual([
      'http://localhost:8080/topics/nato.rss',
      'http://localhost:8080/topics/caucasus.rss',
      'http://localhost:8080/topics/empty.rss',
    ]);
    expect(site.opml[0]?.['description']).toBe('Everything about the alliance & its neighbours');
    expect(site.html.tags).not.toContain('script');
    expect(site.html.alternates).toHaveLength(9);
    expect(site.html.alternates[0]).toEqual({ type: 'application/rss+xml', href: 'http://localhost:8080/topics/nato.rss', title: 'NATO (RSS)' });
    expect(site.html.text).toContain("HTTP 503 <script>alert('x')</script>");
    expect(site.html.links).toContain('http://localhost:8080/topics.opml');
  });

  it('replaces existing files through a rename and leaves no temporary file behind', async () => {
    await mkdir(join(dir, 'topics'));
    await writeFile(join(dir, 'topics/nato.rss'), 'old content');
    const first = renderSite(loadSiteInput(), NOW);
    await writeSite(first, dir);
    const input = loadSiteInput();
    const entry = input.topics[0]?.entries[0];
    if (entry === undefined) throw new Error('fixture changed');
    entry.title = 'A new title';
    const second = renderSite(input, NOW);
    await writeSite(second, dir);
    const written = await readFile(join(dir, 'topics/nato.rss'), 'utf8');
    expect(written).toBe(fileAt(second, '/topics/nato.rss').body.toString('utf8'));
    expect(written).toContain('A new title');
    const names = await listFiles(dir);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).toHaveLength(14);
  });

  it('refuses paths that would leave the output folder', async () => {
    const file: RenderedFile = { path: '/../escape.rss', body: Buffer.from('x'), contentType: 'text/plain', etag: '"x"', lastModified: NOW };
    for (const path of ['/../escape.rss', '/topics/../../escape.rss', '/topics//x.rss', '/a\\..\\b']) {
      await expect(writeSite(new Map([[path, { ...file, path }]]), join(dir, 'out'))).rejects.toThrow(TopicwireError);
    }
    expect(await listFiles(dir)).toEqual([]);
  });
});
