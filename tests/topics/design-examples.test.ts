import { describe, expect, it } from 'vitest';
import {
  checkDefinitions,
  explainMatch,
  matchQuery,
  parseQuery,
  prepareDocument,
  type QueryNode,
} from '../../src/topics/index.js';
import { loadDesignExample, loadDocuments } from './load-fixtures.js';

const example = loadDesignExample();
const documents = loadDocuments();

function topicQuery(id: string): QueryNode {
  const topic = example.topics.find((candidate) => candidate.id === id);
  if (topic === undefined) throw new Error(`no topic ${id} in the fixture`);
  return parseQuery(topic.query, example.define);
}

function topicsOf(name: string): string[] {
  const doc = documents[name];
  if (doc === undefined) throw new Error(`no document ${name} in the fixture`);
  const prepared = prepareDocument(doc);
  return example.topics.filter((topic) => matchQuery(topicQuery(topic.id), prepared)).map((topic) => topic.id);
}

describe('the example config of docs/design.md', () => {
  it('has valid definitions', () => {
    expect(checkDefinitions(example.define)).toEqual([]);
  });

  it.each([
    ['rt-seed', ['caucasus', 'nato']],
    ['ru-south-caucasus', ['caucasus', 'nato']],
    ['de-suedkaukasus', ['caucasus', 'nato']],
    ['atlanta-georgia', []],
    ['georgia-country', ['caucasus']],
    ['tbilisi-georgian', ['caucasus']],
    ['french-otan', ['nato']],
    ['caucasian-ethnicity', ['caucasus']],
  ])('files %s under %j', (name, topics) => {
    expect(topicsOf(name)).toEqual(topics);
  });

  it('files the Russian text through кавказ* and the German one through *kaukasus', () => {
    const caucasus = topicQuery('caucasus');
    const russian = explainMatch(caucasus, prepareDocument(documents['ru-south-caucasus'] ?? fail()));
    expect(russian.because).toEqual(['кавказ* matched "Кавказ" in text']);
    const german = explainMatch(caucasus, prepareDocument(documents['de-suedkaukasus'] ?? fail()));
    expect(german.because).toEqual(['*kaukasus matched "Südkaukasus" in title']);
  });

  it('keeps the Atlanta story out because of atlanta, not because georgia is missing', () => {
    const atlanta = explainMatch(topicQuery('caucasus'), prepareDocument(documents['atlanta-georgia'] ?? fail()));
    expect(atlanta.matched).toBe(false);
    expect(atlanta.because).toContain('NOT atlanta: found "Atlanta" in title');
  });

  it('finds NATO by its spellings and the secretary general by name', () => {
    const nato = topicQuery('nato');
    const seed = explainMatch(nato, prepareDocument(documents['rt-seed'] ?? fail()));
    expect(seed.because).toEqual(['nato matched "NATO" in title', 'stoltenberg matched "Stoltenberg" in text']);
    const stoltenbergOnly = prepareDocument({ ...(documents['french-otan'] ?? fail()), title: 'Stoltenberg à Kyiv', text: '' });
    expect(matchQuery(nato, stoltenbergOnly)).toBe(true);
  });
});

function fail(): never {
  throw new Error('fixture document missing');
}
