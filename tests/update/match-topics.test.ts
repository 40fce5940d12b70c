import { describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../src/model.js';
import { matchQuery, parseQuery, prepareDocument } from '../../src/topics/index.js';
import { toMatchDocument } from '../../src/update/match-topics.js';

const item: NormalizedItem = {
  sourceId: 'rt',
  identityKey: 'g1',
  identityFrom: 'guid',
  guid: 'g1',
  link: 'https://www.rt.com/russia/1/',
  canonicalLink: 'https://www.rt.com/russia/1',
  title: 'NATO will not bring stability to the Caucasus',
  summary: 'The bloc’s desire is no secret.',
  contentHtml: '<p>The bloc’s desire is no secret.</p><p>Peskov said so.</p>',
  // The normaliser's whole body: the summary is not repeated when the content holds it.
  text: 'The bloc’s desire is no secret. Peskov said so.',
  author: null,
  categories: ['Russia'],
  publishedAt: null,
  updatedAt: null,
  lang: 'en',
  fingerprint: 'f',
  contentHash: 'h',
};

describe('toMatchDocument', () => {
  it('offers the whole body as text, and the source by id and title', () => {
    const doc = toMatchDocument(item, 'RT');
    expect(doc).toMatchObject({ text: 'The bloc’s desire is no secret. Peskov said so.', author: '', sourceId: 'rt', sourceTitle: 'RT', lang: 'en' });
    const prepared = prepareDocument(doc);
    expect(matchQuery(parseQuery('text:(bloc peskov) source:rt domain:rt.com'), prepared)).toBe(true);
    expect(matchQuery(parseQuery('source:RT category:russia title:caucasus'), prepared)).toBe(true);
  });
});
