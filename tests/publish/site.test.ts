import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TopicwireError } from '../../src/errors.js';
import { renderSite } from '../../src/publish/site.js';
import type { SiteInput } from '../../src/publish/types.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { fileAt, findActiveContent, NOW, textAt } from './render-helpers.js';

const files = renderSite(loadSiteInput(), NOW);

describe('renderSite', () => {
  it('renders every route of docs/design.md with its content type', () => {
    const types = Object.fromEntries([...files].map(([path, file]) => [path, file.contentType]));
    expect(types).toEqual({
      '/topics/nato.rss': 'application/rss+xml; charset=utf-8',
      '/topics/nato.atom': 'application/atom+xml; charset=utf-8',
      '/topics/nato.json': 'application/feed+json; charset=utf-8',
      '/topics/nato.html': 'text/html; charset=utf-8',
      '/topics/caucasus.rss': 'application/rss+xml; charset=utf-8',
      '/topics/caucasus.atom': 'application/atom+xml; charset=utf-8',
      '/topics/caucasus.json': 'application/feed+json; charset=utf-8',
      '/topics/caucasus.html': 'text/html; charset=utf-8',
      '/topics/empty.rss': 'application/rss+xml; charset=utf-8',
      '/topics/empty.atom': 'application/atom+xml; charset=utf-8',
      '/topics/empty.json': 'application/feed+json; charset=utf-8',
      '/topics/empty.html': 'text/html; charset=utf-8',
      '/topics.opml': 'text/x-opml; charset=utf-8',
      '/': 'text/html; charset=utf-8',
    });
    for (const [path, file] of files) expect(file.path).toBe(path);
  });

  it('derives strong ETags from the body', () => {
    for (const file of files.values()) {
      expect(file.etag).toBe(`"${createHash('sha256').update(file.body).digest('base64url')}"`);
    }
    expect(fileAt(files, '/topics/nato.rss').etag).not.toBe(fileAt(files, '/topics/caucasus.rss').etag);
  });

  it('dates files by their newest change, not by the build', () => {
    expect(fileAt(files, '/topics/nato.rss').lastModified.toISOString()).toBe('2024-05-02T09:30:00.000Z');
    expect(fileAt(files, '/topics/caucasus.json').lastModified.toISOString()).toBe('2024-05-02T09:30:00.000Z');
    // A topic with no entries has no date but its build's.
    expect(fileAt(files, '/topics/empty.atom').lastModified.toISOString()).toBe(NOW.toISOString());
    expect(fileAt(files, '/topics.opml').lastModified.toISOString()).toBe('2024-05-02T09:30:00.000Z');
    // The index also shows source health, which last changed at the sources' last fetch.
    expect(fileAt(files, '/').lastModified.toISOString()).toBe('2024-05-02T10:15:00.000Z');
  });

  it('never dates a file after `now`, even for entries dated in the future', () => {
    const input: SiteInput = loadSiteInput();
    const future = new Date('2099-01-01T00:00:00Z');
    const first = input.topics[1]?.entries[0];
    if (first === undefined) throw new Error('fixture changed');
    first.updated = future;
    const rendered = renderSite(input, NOW);
    expect(fileAt(rendered, '/topics/caucasus.rss').lastModified).toEqual(NOW);
  });

  it('refuses two topics with the same id', () => {
    const input = loadSiteInput();
    const nato = input.topics[0];
    if (nato === undefined) throw new Error('fixture changed');
    input.topics.push(nato);
    expect(() => renderSite(input, NOW)).toThrow(TopicwireError);
  });

  it('changes the ETag when an entry changes', () => {
    const input = loadSiteInput();
    const entry = input.topics[1]?.entries[1];
    if (entry === undefined) throw new Error('fixture changed');
    entry.title = 'Changed title';
    const rendered = renderSite(input, NOW);
    expect(fileAt(rendered, '/topics/caucasus.rss').etag).not.toBe(fileAt(files, '/topics/caucasus.rss').etag);
    expect(fileAt(rendered, '/topics/nato.rss').etag).toBe(fileAt(files, '/topics/nato.rss').etag);
  });
});

describe('index page', () => {
  const html = textAt(files, '/');

  it('offers autodiscovery links for every topic in every format', () => {
    for (const id of ['nato', 'caucasus', 'empty']) {
      expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="`);
      expect(html).toContain(`href="http://localhost:8080/topics/${id}.rss">`);
      expect(html).toContain(`href="http://localhost:8080/topics/${id}.atom">`);
      expect(html).toContain(`href="http://localhost:8080/topics/${id}.json">`);
    }
    expect(html).toContain('<a href="http://localhost:8080/topics.opml">topics.opml</a>');
  });

  it('escapes every value and carries no script', () => {
    // The page's own <style>, <link> and <meta> are expected; nothing else active is.
    const body = html.slice(html.indexOf('<body>'));
    expect(findActiveContent(body)).toEqual([]);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).toContain('AT&amp;T &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain("HTTP 503 &lt;script&gt;alert('x')&lt;/script&gt;");
    expect(html).toContain('Old &quot;quoted&quot; feed');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
  });

  it('lists at most five latest items per topic and every source with its health', () => {
    const natoSection = html.slice(html.indexOf('<section id="topic-nato">'), html.indexOf('<section id="topic-caucasus">'));
    expect(natoSection.match(/<li>/g)?.length).toBe(4);
    expect(html).toContain('<td class="failing">failing</td>');
    expect(html).toContain('<td class="never">never</td>');
    expect(html).toContain('<td class="disabled">disabled</td>');
    expect(html).toContain('No items yet.');
  });

  it('limits a long topic to its five latest items', () => {
    const input = loadSiteInput();
    const nato = input.topics[0];
    if (nato === undefined) throw new Error('fixture changed');
    nato.entries = [...nato.entries, ...nato.entries].map((e, i) => ({ ...e, id: `${e.id}-${i}` }));
    const page = textAt(renderSite(input, NOW), '/');
    const natoSection = page.slice(page.indexOf('<section id="topic-nato">'), page.indexOf('<section id="topic-caucasus">'));
    expect(natoSection.match(/<li>/g)?.length).toBe(5);
  });
});

describe('OPML', () => {
  it('lists every topic\'s RSS feed with escaped attributes', () => {
    const opml = textAt(files, '/topics.opml');
    expect(opml).toContain('<opml version="2.0">');
    expect(opml).toContain(
      '<outline type="rss" text="NATO" title="NATO" description="Everything about the alliance &amp; its neighbours" xmlUrl="http://localhost:8080/topics/nato.rss" htmlUrl="http://localhost:8080/"/>',
    );
    expect(opml.match(/<outline /g)?.length).toBe(3);
  });
});
