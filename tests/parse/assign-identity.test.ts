import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../src/model.js';
import { normalizeItems } from '../../src/parse/index.js';

const identitiesOf = (items: ParsedItem[]) =>
  normalizeItems({ format: 'rss', items, warnings: [] }, { sourceId: 's', feedUrl: 'https://f.example/feed', now: new Date('2024-03-21T00:00:00Z') }).map(
    (item) => [item.identityFrom, item.identityKey] as const,
  );

describe('identity inside a source', () => {
  it('uses the guid when every guid is present and unique', () => {
    expect(identitiesOf([
      { guid: 'a', link: 'https://f.example/1', categories: [] },
      { guid: 'b', link: 'https://f.example/1', categories: [] },
    ])).toEqual([['guid', 'guid:a'], ['guid', 'guid:b']]);
  });

  it('falls back to the link when the guid is missing', () => {
    expect(identitiesOf([{ link: 'https://f.example/1', categories: [] }, { guid: '  ', link: '/2', categories: [] }])).toEqual([
      ['link', 'link:https://f.example/1'],
      ['link', 'link:https://f.example/2'],
    ]);
  });

  it('falls back to the link for guids repeated inside the feed, keeping unique ones', () => {
    expect(identitiesOf([
      { guid: 'same', link: 'https://f.example/1', categories: [] },
      { guid: 'same', link: 'https://f.example/2', categories: [] },
      { guid: 'other', link: 'https://f.example/1', categories: [] },
    ])).toEqual([
      ['link', 'link:https://f.example/1'],
      ['link', 'link:https://f.example/2'],
      ['guid', 'guid:other'],
    ]);
  });

  it('falls back to a hash of title and date when links are missing or also repeated', () => {
    const identities = identitiesOf([
      { guid: 'same', link: 'https://f.example/1', title: 'One', published: 'Tue, 19 Mar 2024 10:00:00 GMT', categories: [] },
      { guid: 'same', link: 'https://f.example/1', title: 'Two', published: 'Tue, 19 Mar 2024 10:00:00 GMT', categories: [] },
      { title: 'Three', categories: [] },
      { title: 'Three', published: '2024-03-19T10:00:00Z', categories: [] },
      { link: 'javascript:void(0)', title: 'Three', categories: [] },
    ]);
    expect(identities.map(([from]) => from)).toEqual(['title-date', 'title-date', 'content', 'title-date', 'content']);
    const keys = identities.map(([, key]) => key);
    keys.forEach((key) => expect(key).toMatch(/^(hash|content):[0-9a-f]{64}$/));
    expect(new Set(keys.slice(0, 4)).size).toBe(4);
    // The same title without date, and nothing else: identical items, one identity.
    expect(keys[4]).toBe(keys[2]);
  });

  it('tells apart items with no guid, link or date by everything they have', () => {
    const identities = identitiesOf([
      { summaryHtml: 'First description', categories: [] },
      { summaryHtml: 'Second description', categories: [] },
      { title: 'Headline', summaryHtml: 'one', categories: [] },
      { title: 'Headline', summaryHtml: 'two', categories: [] },
      { summaryHtml: 'Song of the day', enclosures: ['http://f.example/a.mp3'], categories: [] },
      { summaryHtml: 'Song of the day', enclosures: ['http://f.example/b.mp3'], categories: [] },
      { summaryHtml: 'First description', categories: [] },
    ]);
    expect(identities.map(([from]) => from)).toEqual(['content', 'content', 'content', 'content', 'content', 'content', 'content']);
    const keys = identities.map(([, key]) => key);
    expect(new Set(keys.slice(0, 6)).size).toBe(6);
    expect(keys[6]).toBe(keys[0]);
  });

  it('gives the same keys when the same feed is read again', () => {
    const items: ParsedItem[] = [{ title: 'A', published: '2024-03-19T10:00:00Z', categories: [] }, { guid: 'g', categories: [] }];
    expect(identitiesOf(items)).toEqual(identitiesOf(structuredClone(items)));
  });
});
