// rss-parser alone parsing the corpus files, already in memory, one after
// another in a fresh process (as cold as `fetch` is): the first row of
// docs/performance.md's table, what parsing alone costs.
// Usage: node parse-only.js DIR  → prints {"items":N,"ms":T} on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';

const dir = process.argv[2];
const texts = readdirSync(dir).sort().map((name) => readFileSync(path.join(dir, name), 'utf8'));
let items = 0;
const started = performance.now();
for (const text of texts) {
  const feed = await new Parser().parseString(text);
  items += feed.items.length;
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ items, ms })}\n`);
