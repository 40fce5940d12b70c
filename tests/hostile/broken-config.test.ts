import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTopicwire } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { runMain } from './run-child.js';

const SOURCES = '"sources": [{ "id": "rt", "url": "a.xml" }]';
const topic = (query: string): string => `{ ${SOURCES}, "topics": [{ "id": "t", "title": "T", "query": ${JSON.stringify(query)} }] }`;
const withFetch = (fetch: string): string => `{ ${SOURCES}, "fetch": ${fetch}, "topics": [] }`;

/**
 * Broken configs beyond tests/config's, each with the exact text `check`
 * prints: the file, the count, then one line per problem. A broken query
 * names its position (1-based) and what was expected there.
 */
const CASES: [name: string, text: string | null, lines: string[]][] = [
  ['a missing file', null, ['(root): file not found']],
  ['an empty file', '', ['(root): invalid JSON at line 1, column 1: value expected']],
  ['a JSON array', '[]', ['(root): expected object, received array']],
  ['a comment (JSON has none)', `{ // note\n ${SOURCES}, "topics": [] }`, ['(root): invalid JSON at line 1, column 3: invalid comment token']],
  ['an unclosed parenthesis', topic('nato AND (baku'), ['topics[0].query: query error at position 15: expected ")" to close "(" at position 10, found end of query in: nato AND (baku']],
  ['a dangling OR in the second query of a list', `{ ${SOURCES}, "topics": [{ "id": "t", "title": "T", "query": ["nato", "baku OR"] }] }`, [
    'topics[0].query: query error at position 8: expected a term after "OR", found end of query in: baku OR',
  ]],
  ['an unclosed phrase', topic('"south caucasus'), ['topics[0].query: query error at position 16: expected " to close the phrase opened at position 1, found end of query in: "south caucasus']],
  ['an unclosed regular expression', topic('/[a-/'), [
    'topics[0].query: query error at position 6: expected "/" to close the regular expression opened at position 1, found end of query in: /[a-/',
  ]],
  ['a lone NOT', topic('NOT'), ['topics[0].query: query error at position 4: expected a term after "NOT", found end of query in: NOT']],
  ['an unknown @name', topic('@nowhere'), ['topics[0].query: query error at position 1: expected a name from "define", found "@nowhere" in: @nowhere']],
  ['a broken definition', `{ ${SOURCES}, "define": { "a": "x AND" }, "topics": [{ "id": "t", "title": "T", "query": "@a" }] }`, [
    'define: in definition @a: query error at position 6: expected a term after "AND", found end of query in: x AND',
    'topics[0].query: in definition @a: query error at position 6: expected a term after "AND", found end of query in: x AND',
  ]],
  ['a zero timeout', withFetch('{ "timeoutSeconds": 0 }'), ['fetch.timeoutSeconds: Too small: expected number to be >0']],
  ['a tiny maxBytes', withFetch('{ "maxBytes": 10 }'), ['fetch.maxBytes: Too small: expected number to be >=1024']],
  ['an absurd concurrency', withFetch('{ "concurrency": 1000 }'), ['fetch.concurrency: Too big: expected number to be <=256']],
  ['min interval above max', withFetch('{ "minIntervalMinutes": 100, "maxIntervalMinutes": 10 }'), ['fetch.minIntervalMinutes: must not be greater than fetch.maxIntervalMinutes']],
  ['a negative source interval', '{ "sources": [{ "id": "rt", "url": "a.xml", "interval": -5 }], "topics": [] }', ['sources[0].interval: Too small: expected number to be >0']],
  ['a source without url', '{ "sources": [{ "id": "rt" }], "topics": [] }', ['sources[0].url: required string is missing']],
  ['a topic without title', `{ ${SOURCES}, "topics": [{ "id": "t", "query": "x" }] }`, ['topics[0].title: required string is missing']],
  ['zero output items', `{ ${SOURCES}, "output": { "items": 0 }, "topics": [] }`, ['output.items: Too small: expected number to be >=1']],
  ['a seven-field schedule', `{ ${SOURCES}, "schedule": "* * * * * * *", "topics": [] }`, ['schedule: "* * * * * * *" has 7 fields; a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or 6, with seconds first ("0 */15 * * * *")']],
];

const expectedOutput = (file: string, lines: string[]): string =>
  `${file}: ${lines.length} problem${lines.length === 1 ? '' : 's'}\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

describe('topicwire check on broken configs', () => {
  const dir = makeTempDir('tw-broken-config-');

  it.each(CASES)('%s: exit 1 with the exact problem', async (name, text, lines) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
    if (text !== null) writeFileSync(file, text);
    const run = await runTopicwire(['check', '--config', file]);
    expect(run).toEqual({ code: 1, out: '', err: expectedOutput(file, lines) });
  });

  it('says a directory cannot be read', async () => {
    const folder = path.join(dir, 'folder.json');
    mkdirSync(folder);
    expect(await runTopicwire(['check', '--config', folder])).toEqual({ code: 1, out: '', err: expectedOutput(folder, ['(root): cannot be read']) });
  });

  it('prints the same through dist/main.js, with exit status 1 and nothing on stdout', async () => {
    const file = path.join(dir, 'child.json');
    writeFileSync(file, topic('nato AND (baku'));
    const run = await runMain(['check', '--config', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.replace(/^\{"event":"max-rss".*\n/m, '')).toBe(expectedOutput(file, CASES[4]![2]));
  });
});
