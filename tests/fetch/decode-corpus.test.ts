import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';
import { readCorpusBytes, readCorpusFeed } from '../parse/read-corpus.js';

/**
 * Charsets as browsers (WHATWG Encoding) and feedparser read them, on the
 * bytes of feedparser's and miniflux's test corpora (tests/fixtures/parse/).
 */
describe('charsets of real feed bytes', () => {
  it('reads undeclared bytes that are not UTF-8 as windows-1252 (feedparser demoronize-1: 0x92)', async () => {
    const { items, charset } = await readCorpusFeed('corpus/feedparser/encoding/demoronize-1.xml');
    expect(charset).toBe('windows-1252');
    expect(items[0]?.summary).toBe('don’t');
  });

  it('maps &#146; to ’ as HTML5 does for &#128;–&#159; (feedparser demoronize-2)', async () => {
    const { items } = await readCorpusFeed('corpus/feedparser/encoding/demoronize-2.xml');
    expect(items[0]?.summary).toBe('don’t');
  });

  it('reads the euro sign of a cp1252 declaration (feedparser x80_cp1252, miniflux windows-1252)', async () => {
    expect((await readCorpusFeed('corpus/feedparser/encoding/x80_cp1252.xml')).feed.title).toBe('€');
    expect((await readCorpusFeed('corpus/miniflux/windows-1252.xml')).feed.title).toBe('Euro €');
  });

  it.each([
    ['corpus/miniflux/utf8-incorrect-prolog.xml', 'ISO-8859-1'],
    ['corpus/miniflux/windows-1252-incorrect-prolog.xml', 'windows-1252'],
  ])('reads valid multi-byte UTF-8 under a Latin-1 declaration as UTF-8 (%s)', async (name) => {
    const decoded = decodeBody(readCorpusBytes(name), undefined);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).not.toMatch(/Ã|â‚¬/);
  });

  it('reads the Korean title and "Café" of miniflux utf8-incorrect-prolog', async () => {
    const { feed, items } = await readCorpusFeed('corpus/miniflux/utf8-incorrect-prolog.xml');
    expect(feed.title).toBe('테스트 피드');
    expect(items.map((item) => item.title)).toEqual(['Café']);
    expect((await readCorpusFeed('corpus/miniflux/windows-1252-incorrect-prolog.xml')).feed.title).toBe('Euro €');
  });

  it.each([
    ['derived/utf-16be-no-bom.xml', 'utf-16be'],
    ['derived/utf-16le-no-bom.xml', 'utf-16le'],
    ['derived/utf-32be-no-bom.xml', 'utf-32be'],
    ['derived/utf-32le-no-bom.xml', 'utf-32le'],
    ['derived/utf-32be-bom.xml', 'utf-32be'],
    ['derived/utf-32le-bom.xml', 'utf-32le'],
  ])('detects %s by its zero bytes or BOM (XML 1.0 Appendix F)', async (name, charset) => {
    const read = await readCorpusFeed(name);
    expect(read.charset).toBe(charset);
    expect(read.feed.title).toBe('테스트 피드');
    expect(read.items.map((item) => item.title)).toEqual(['Café']);
  });
});
