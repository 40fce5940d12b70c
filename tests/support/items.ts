import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NormalizedItem } from '../../src/model.js';
import { openStore, type Store } from '../../src/store/index.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A NormalizedItem with plausible defaults; fingerprint and hash follow title and content. */
export function makeItem(overrides: Partial<NormalizedItem> & { sourceId: string; title: string }): NormalizedItem {
  const contentHtml = overrides.contentHtml ?? `<p>${overrides.title} body</p>`;
  const guid = overrides.guid === undefined ? `${overrides.sourceId}:${overrides.title}` : overrides.guid;
  return {
    identityKey: `guid:${guid}`,
    identityFrom: 'guid',
    guid,
    link: null,
    canonicalLink: null,
    summary: '',
    text: contentHtml.replace(/<[^>]+>/g, ''),
    author: null,
    categories: [],
    publishedAt: '2024-03-19T10:00:00.000Z',
    updatedAt: null,
    lang: 'en',
    fingerprint: sha(`fp:${overrides.title}`),
    contentHash: sha(`${overrides.title}\n${contentHtml}`),
    ...overrides,
    contentHtml,
  };
}

/** A fresh folder for a real database file. */
export function makeTempDir(prefix = 'topicwire-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Opens the store at `file` for one look and closes it again. */
export function withStore<T>(file: string, fn: (store: Store<'now'>) => T): T {
  const store = openStore(file);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
