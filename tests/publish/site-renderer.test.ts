import { describe, expect, it } from 'vitest';
import { createSiteRenderer, renderSite } from '../../src/publish/site.js';
import type { SiteInput } from '../../src/publish/types.js';
import { loadSiteInput } from '../fixtures/publish/load-site-input.js';
import { NOW } from './render-helpers.js';

const bodies = (files: Map<string, { body: Buffer }>) => Object.fromEntries([...files].map(([path, file]) => [path, file.body.toString()]));

describe('createSiteRenderer', () => {
  it('renders the same bytes as renderSite', () => {
    const render = createSiteRenderer();
    expect(bodies(render(loadSiteInput(), NOW))).toEqual(bodies(renderSite(loadSiteInput(), NOW)));
  });

  it('renders again only the topics whose entries changed, keeping the others’ files (and ETags)', () => {
    const render = createSiteRenderer();
    const first = render(loadSiteInput(), NOW);
    const input: SiteInput = loadSiteInput();
    const nato = input.topics.find((t) => t.topic.id === 'nato')!;
    nato.entries = nato.entries.slice(1);
    const second = render(input, NOW);
    for (const kind of ['rss', 'atom', 'json']) {
      expect(second.get(`/topics/caucasus.${kind}`)).toBe(first.get(`/topics/caucasus.${kind}`));
      expect(second.get(`/topics/nato.${kind}`)?.etag).not.toBe(first.get(`/topics/nato.${kind}`)?.etag);
    }
    // The new bytes are what an uncached render of the same input gives.
    expect(bodies(second)).toEqual(bodies(renderSite(input, NOW)));
  });

  it('still moves a capped Last-Modified forward for an unchanged topic', () => {
    const input = (): SiteInput => {
      const site = loadSiteInput();
      // An entry dated after the first render: Last-Modified is capped at each render's time.
      const entry = site.topics.find((t) => t.topic.id === 'nato')!.entries[0]!;
      entry.updated = new Date(NOW.getTime() + 3_600_000);
      return site;
    };
    const render = createSiteRenderer();
    const first = render(input(), NOW);
    const later = new Date(NOW.getTime() + 60_000);
    const second = render(input(), later);
    expect(first.get('/topics/nato.rss')?.lastModified).toEqual(NOW);
    expect(second.get('/topics/nato.rss')?.lastModified).toEqual(later);
    expect(second.get('/topics/nato.rss')?.etag).toBe(first.get('/topics/nato.rss')?.etag);
  });
});
