// Recomputes the golden vectors of every persisted hash (fingerprints, LSH
// band keys, story uids, content hashes) into tests/fixtures/text/golden.json,
// from the inputs already there and the built code (npm run build first).
// Run it only with a deliberate change of the key scheme, after bumping
// KEY_SCHEME_VERSION (src/update/key-scheme.ts): the stored rows of every
// existing database are then reindexed on the first cycle.
// Usage: node scripts/text-golden.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = (p) => import(path.join(repoDir, 'dist', p));
const { fingerprintStory, normalizeItems, parseFeed } = await dist('parse/index.js');
const { createItemIndexer } = await dist('cluster/index.js');
const { deriveStoryUid } = await dist('store/story-keys.js');
const keyScheme = await dist('update/key-scheme.js').then((m) => m.KEY_SCHEME_VERSION, () => 1);

const file = path.join(repoDir, 'tests/fixtures/text/golden.json');
const golden = JSON.parse(readFileSync(file, 'utf8'));
const indexer = createItemIndexer();

golden.keyScheme = keyScheme;
golden.stories = golden.stories.map(({ name, title, body }) => ({
  name,
  title,
  body,
  fingerprint: fingerprintStory(title, body),
  bandKeys: indexer({ title, text: body, summary: '' }).keys,
}));
golden.storyUids = golden.storyUids.map(({ sourceId, identityKey, attempt }) => ({ sourceId, identityKey, attempt, uid: deriveStoryUid({ sourceId, identityKey }, attempt) }));
golden.feeds = await Promise.all(
  golden.feeds.map(async ({ file: feedFile, url, sourceId, now }) => {
    const text = readFileSync(path.join(path.dirname(file), feedFile), 'utf8');
    const items = normalizeItems(await parseFeed(text, url), { sourceId, feedUrl: url, now: new Date(now) });
    return {
      file: feedFile,
      url,
      sourceId,
      now,
      items: items.map((item) => ({
        identityKey: item.identityKey,
        title: item.title,
        fingerprint: item.fingerprint,
        contentHash: item.contentHash,
        bandKeys: indexer(item).keys,
        storyUid: deriveStoryUid(item),
      })),
    };
  }),
);
writeFileSync(file, `${JSON.stringify(golden, null, 2)}\n`);
console.log(`${file}: key scheme ${keyScheme}, ${golden.stories.length} stories, ${golden.storyUids.length} uids, ${golden.feeds.reduce((n, f) => n + f.items.length, 0)} feed items`);
