import { readFileSync } from 'node:fs';
import type { MatchDocument } from '../../src/topics/index.js';

const FIXTURES = new URL('../fixtures/topics/', import.meta.url);

export interface DesignExample {
  define: Record<string, string>;
  topics: { id: string; title: string; query: string }[];
}

export function loadDocuments(): Record<string, MatchDocument> {
  return JSON.parse(readFileSync(new URL('documents.json', FIXTURES), 'utf8')) as Record<string, MatchDocument>;
}

export function loadDesignExample(): DesignExample {
  return JSON.parse(readFileSync(new URL('design-example.json', FIXTURES), 'utf8')) as DesignExample;
}

/** A document with every field empty but those given. */
export function makeDocument(fields: Partial<MatchDocument>): MatchDocument {
  return {
    title: '',
    text: '',
    categories: [],
    author: '',
    sourceId: '',
    sourceTitle: '',
    lang: '',
    link: '',
    ...fields,
  };
}
