import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/parse/index.js';
import { decodeReferences } from '../../src/parse/html-to-text.js';
import { normalizeNamespaces } from '../../src/parse/normalize-namespaces.js';
import { resolveHtmlUrls } from '../../src/parse/resolve-urls.js';
import { collapseWhitespace, stripForbiddenChars } from '../../src/text/index.js';
import { listFixtureFiles } from './read-corpus.js';

// The regular expressions the scans replaced, as the reference they must agree with.
const MARKUP_DECLARATION = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[|\]\]>|<![^>]*>|<\?[^>]*>/g;
const INVISIBLE = /<(script|style|template|noscript|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|section|article|aside|header|footer|nav|figure|figcaption|main|address|caption|details|summary|img)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ANY_TAG = /<\/?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const START_TAG = /<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;

function referenceText(html: string): string {
  const text = html.includes('<')
    ? html.replace(MARKUP_DECLARATION, ' ').replace(INVISIBLE, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, '')
    : html.replace(/\]\]>/g, ' ');
  return collapseWhitespace(stripForbiddenChars(decodeReferences(text)));
}

const BASE = 'https://example.org/news/today.html';
/** Each tag the old pattern found, resolved on its own: what the old replace did to it. */
const referenceUrls = (html: string): string => html.replace(START_TAG, (tag) => resolveHtmlUrls(tag, BASE));

const TRICKY = [
  '<p>One</p><P CLASS="x">Two<br/>three</P><pre>four</pre><p1>five</p1><h7>six</h7>',
  'a <script type="x">if (a<b) { c > d }</script> b <SCRIPT>x</script > c <style>never closed',
  '<noscript>one</noscript><script>two <style>three</style> four</script> five <script> six',
  'one <!-- a comment --> two <!-- never closed <p>three</p>',
  'one <![CDATA[ two ]]> three <!DOCTYPE html> four <?php echo 1 ?> five <!bogus six <?pi seven',
  '<a title="a > b" href="../x?a=1&amp;b=2">link</a> <img src=/i.png alt=\'<\'> <a href="#top">top</a>',
  '<a href="x "unclosed> text <b>bold</b> <i \'also unclosed> more',
  'a < b and 3<4, <3, < p>, <-x>, </> and <p',
  '<div><p>nested <span title="<p>">quoted</span></p></div>',
  '<img srcset="a.png 1x, /b.png 2x"><video poster=v.jpg src="https://cdn.example/v.mp4">',
  '',
  '<',
  '<!',
  '<!-->',
  ']]> stray',
];

describe('HTML scans', () => {
  it('agree with the regular expressions they replaced, on every fixture and sample and on tricky markup', () => {
    const texts = [...listFixtureFiles(['.xml', '.json', '.html', '.htm']).map((file) => readFileSync(file, 'utf8')), ...TRICKY];
    expect(texts.length).toBeGreaterThan(80);
    for (const html of texts) {
      expect(htmlToText(html)).toBe(referenceText(html));
      expect(resolveHtmlUrls(html, BASE)).toBe(referenceUrls(html));
    }
  });

  it.each([
    ['unclosed tags', '<a '],
    ['unclosed quoted attributes', '<a "'],
    ['unclosed single quotes', "<b x='"],
    ['unclosed declarations and PIs', '<!x <?y '],
    ['unclosed scripts and styles', '<script><style>'],
    ['unclosed comments', '<!-- '],
  ])('read a megabyte of %s once: the text before them survives', (_name, unit) => {
    const html = `<p>Sound <b>text</b> here.</p>${unit.repeat(Math.ceil(1_000_000 / unit.length))}`;
    expect(html.length).toBeGreaterThanOrEqual(1_000_000);
    expect(htmlToText(html).startsWith('Sound text here.')).toBe(true);
    const resolved = resolveHtmlUrls(`<a href="/one">one</a>${html}`, BASE);
    expect(resolved.startsWith('<a href="https://example.org/one">one</a><p>Sound')).toBe(true);
  });

  it('rename the namespaces of a document with a megabyte of unclosed tags once', () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:title>Sound</a:title></a:entry>${'<a:x "'.repeat(170_000)}`;
    expect(xml.length).toBeGreaterThan(1_000_000);
    const { xml: renamed, renamed: changed } = normalizeNamespaces(xml);
    expect(changed).toBe(true);
    expect(renamed.startsWith('<feed xmlns:a="http://www.w3.org/2005/Atom"><entry><title>Sound</title></entry>')).toBe(true);
  });
});
