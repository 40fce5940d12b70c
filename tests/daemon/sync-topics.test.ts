import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { compileTopics } from '../../src/update/match-topics.js';
import { syncTopics } from '../../src/daemon/sync-topics.js';
import { openStore } from '../../src/store/index.js';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

let dir: string;

beforeAll(async () => {
  dir = makeTempDir('tw-sync-');
  const fetched = await runTopicwire(['fetch', '--config', writeSampleConfig(dir)]);
  expect(fetched.code).toBe(0);
});

async function syncWith(change: (config: Record<string, unknown>) => void) {
  const config = await loadConfig(writeSampleConfig(dir, change));
  const store = openStore(path.join(dir, 'topicwire.db'));
  try {
    const recomputed = await syncTopics(store, config, compileTopics(config), new Date());
    return { recomputed, counts: store.topics.countStoriesByTopic() };
  } finally {
    store.close();
  }
}

type Topic = { id: string; query: string | string[]; sources?: string[] };
const editTopic = (id: string, edit: (t: Topic) => void) => (config: Record<string, unknown>) => {
  const topic = (config.topics as Topic[]).find((t) => t.id === id);
  if (topic) edit(topic);
};

describe('topic membership after a config change', () => {
  it('recomputes nothing when no query changed', async () => {
    const { recomputed } = await syncWith(() => undefined);
    expect(recomputed).toEqual([]);
  });

  it('recomputes only the topic whose query changed', async () => {
    const before = await syncWith(() => undefined);
    const after = await syncWith(editTopic('nato', (t) => (t.query = 'stoltenberg')));
    expect(after.recomputed).toEqual(['nato']);
    expect(after.counts.get('nato')).toBe(3);
    expect(after.counts.get('caucasus')).toBe(before.counts.get('caucasus'));
  });

  it('recomputes a topic when a definition it uses changes, and when its sources change', async () => {
    const defined = await syncWith((c) => ((c.define as Record<string, string>)['nato-names'] = 'otan'));
    expect(defined.recomputed).toEqual(['nato']);
    const restricted = await syncWith(editTopic('caucasus', (t) => (t.sources = ['novosti'])));
    expect(restricted.recomputed).toEqual(['caucasus', 'nato']);
    expect(restricted.counts.get('caucasus')).toBe(4);
  });

  it('forgets a removed topic', async () => {
    const { recomputed, counts } = await syncWith((c) => (c.topics = (c.topics as Topic[]).filter((t) => t.id !== 'energy')));
    expect(recomputed).toContain('energy');
    expect(counts.has('energy')).toBe(false);
  });
});
