import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/publish/sanitize.js';
import { findActiveContent } from './render-helpers.js';

const BASE = 'https://news.example/section/story.html';

describe('sanitizeHtml', () => {
  it('drops scripts, styles, frames, embeds and forms with their content', () => {
    const out = sanitizeHtml(
      '<div>a<script>alert(1)</script><style>p{}</style><iframe src="https://e.example">frame</iframe><object data="x.swf"></object><embed src="x.swf"><form action="/steal"><input name="pw"><button formaction="/x">go</button></form>b</div>',
      BASE,
    );
    expect(out).toBe('<div>agob</div>');
  });

  it('removes event handlers and style attributes', () => {
    const out = sanitizeHtml('<p onclick="x()" style="color:red">t<img src="a.png" onerror="alert(1)" onload="y()"></p>', BASE);
    expect(out).toBe('<p>t<img src="https://news.example/section/a.png" /></p>');
  });

  it('removes javascript:, vbscript: and data: URLs, also when obfuscated', () => {
    const payloads = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'jav&#x09;ascript:alert(1)', 'java\nscript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/svg+xml,<svg onload=alert(1)>'];
    for (const payload of payloads) {
      const out = sanitizeHtml(`<a href="${payload}">x</a><img src="${payload}">`, BASE);
      expect(out, payload).toBe('<a>x</a>');
    }
  });

  it('makes relative URLs absolute against the item link', () => {
    const out = sanitizeHtml('<a href="../other.html?a=1&amp;b=2">o</a><a href="/root">r</a><a href="//cdn.example/x">p</a><img src="img/x.png"><blockquote cite="quote.html">q</blockquote>', BASE);
    expect(out).toBe(
      '<a href="https://news.example/other.html?a=1&amp;b=2">o</a><a href="https://news.example/root">r</a><a href="https://cdn.example/x">p</a><img src="https://news.example/section/img/x.png" /><blockquote cite="https://news.example/section/quote.html">q</blockquote>',
    );
  });

  it('resolves an empty URL to nothing: an empty src is no image (not the article page as one)', () => {
    expect(sanitizeHtml('<p><img src=""><img src="  ">x</p>', BASE)).toBe('<p>x</p>');
  });

  it('keeps ordinary markup, mailto links and text', () => {
    const html = '<h2>Head</h2><p><b>bold</b> &amp; <em>em</em> <a href="mailto:desk@news.example">mail</a></p><ul><li>one</li></ul>';
    expect(sanitizeHtml(html, BASE)).toBe(html);
  });

  it('leaves relative URLs alone when the base is not a URL, and still strips scripts', () => {
    const out = sanitizeHtml('<a href="rel.html">r</a><script>x</script>', 'not a url');
    expect(out).toBe('<a href="rel.html">r</a>');
    expect(findActiveContent(out)).toEqual([]);
  });

  it('strips characters XML forbids', () => {
    expect(sanitizeHtml('<p>a\u0001b\u000bc\uFFFEd\uD800e</p>', BASE)).toBe('<p>abcde</p>');
  });
});
