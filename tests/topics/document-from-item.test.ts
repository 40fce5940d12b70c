import { describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../src/model.js';
import { documentFromItem, matchQuery, parseQuery, prepareDocument } from '../../src/topics/index.js';

const item: NormalizedItem = {
  sourceId: 'rt',
  identityKey: 'g1',
  identityFrom: 'guid',
  guid: 'g1',
  link: 'https://www.rt.com/russia/1/',
  canonicalLink: 'https://www.rt.com/russia/1',
  title: 'NATO will not bring stability to the Caucasus',
  summary: 'The bloc’s desire is no secret.',
  contentHtml: '<p>Peskov said so.</p>',
  text: 'Peskov said so.',
  author: null,
  categories: ['Russia'],
  publishedAt: null,
  updatedAt: null,
  lang: 'en',
  fingerprint: 'f',
  contentHash: 'h',
};

describe('documentFromItem', () => {
  it('offers the summary and the body as text, and the source by id and title', () => {
    const doc = documentFromItem(item, { id: 'rt', title: 'RT' });
    expect(doc).toMatchObject({ text: 'The bloc’s desire is no secret.\nPeskov said so.', author: '', sourceTitle: 'RT', lang: 'en' });
    const prepared = prepareDocument(doc);
    expect(matchQuery(parseQuery('text:(bloc peskov) source:rt domain:rt.com'), prepared)).toBe(true);
  });

  it('does not repeat a summary the body already starts with', () => {
    const doc = documentFromItem({ ...item, text: 'The bloc’s desire is no secret. More.' }, { id: 'rt', title: 'RT' });
    expect(doc.text).toBe('The bloc’s desire is no secret. More.');
  });
});
