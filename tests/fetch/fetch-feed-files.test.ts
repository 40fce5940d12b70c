import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { decodeBody, fetchFeed } from '../../src/fetch/index.js';
import type { FetchOutcome } from '../../src/model.js';

const textOf = (outcome: FetchOutcome): string => (outcome.kind === 'fetched' ? decodeBody(outcome.body, outcome.headers['content-type']).text : '');

const FIXTURE = fileURLToPath(new URL('../fixtures/fetch/sample-rss.xml', import.meta.url));
const LIMITS = { timeoutMs: 5000, maxBytes: 1_000_000 };

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topicwire-fetch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fetchFeed from files', () => {
  it('reads an absolute path', async () => {
    const expected = await readFile(FIXTURE, 'utf8');
    const outcome = await fetchFeed({ url: FIXTURE, ...LIMITS });
    expect(outcome).toMatchObject({
      kind: 'fetched',
      url: FIXTURE,
      finalUrl: pathToFileURL(FIXTURE).href,
      status: 200,
      headers: {},
      redirects: [],
      bytes: Buffer.byteLength(expected),
    });
    expect(textOf(outcome)).toBe(expected);
    expect(textOf(outcome)).toContain('Южный Кавказ');
  });

  it('reads a path relative to the process cwd', async () => {
    const relativePath = relative(process.cwd(), FIXTURE);
    expect(relativePath.startsWith('/')).toBe(false);
    const outcome = await fetchFeed({ url: relativePath, ...LIMITS });
    expect(outcome.kind).toBe('fetched');
    expect(outcome.finalUrl).toBe(pathToFileURL(resolve(relativePath)).href);
  });

  it('reads a file:// URL', async () => {
    const outcome = await fetchFeed({ url: pathToFileURL(FIXTURE).href, ...LIMITS });
    expect(textOf(outcome)).toContain('NATO’s view');
  });

  it('reports the same file again as same-body', async () => {
    const first = await fetchFeed({ url: FIXTURE, ...LIMITS });
    const again = await fetchFeed({ url: FIXTURE, ...LIMITS, ...first.validators });
    expect(again).toMatchObject({ kind: 'unchanged', reason: 'same-body', validators: first.validators });
  });

  it('decodes a legacy charset from the declaration', async () => {
    const text = '<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>Кавказ</title></channel></rss>';
    const path = join(dir, 'koi8.xml');
    await writeFile(path, iconv.encode(text, 'koi8-r'));
    const outcome = await fetchFeed({ url: path, ...LIMITS });
    expect(outcome.kind === 'fetched' && decodeBody(outcome.body, undefined)).toEqual({ text, charset: 'koi8-r', charsetFrom: 'xml-declaration' });
  });

  it('turns a missing file into a FetchError', async () => {
    const missing = join(dir, 'nope.xml');
    const error = await fetchFeed({ url: missing, ...LIMITS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).url).toBe(missing);
    expect((error as FetchError).message).toMatch(/no such file/);
  });

  it('turns a directory into a FetchError', async () => {
    await expect(fetchFeed({ url: dir, ...LIMITS })).rejects.toThrow(/is a directory/);
  });

  it('holds files to maxBytes', async () => {
    await expect(fetchFeed({ url: FIXTURE, timeoutMs: 5000, maxBytes: 10 })).rejects.toThrow(/maxBytes limit of 10 bytes/);
  });
});
