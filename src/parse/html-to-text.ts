import { collapseWhitespace, isXmlChar, stripForbiddenChars } from '../text/index.js';
import { decodeNamedReference, htmlNumericCodePoint } from './html-entities.js';

/** Elements whose content is never text a reader sees. */
const INVISIBLE = /<(script|style|template|noscript|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements that break a line: their tags turn into a space, so words on either side stay apart. */
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|section|article|aside|header|footer|nav|figure|figcaption|main|address|caption|details|summary|img)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ANY_TAG = /<\/?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;
/** Without a "<", the only markup declaration left is a stray CDATA end. */
const CDATA_END = /\]\]>/g;
const MARKUP_DECLARATION = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[|\]\]>|<![^>]*>|<\?[^>]*>/g;
const REFERENCE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));?/g;

/**
 * The plain text of an HTML fragment: tags dropped (block-level ones leave a
 * space, inline ones nothing, so "NATO<b>’s</b>" stays one word), character
 * references decoded, XML-forbidden characters removed, whitespace collapsed.
 * A "<" that does not open a tag is kept as text.
 */
export function htmlToText(html: string): string {
  // Each pass is skipped when the character it needs is absent: most titles,
  // categories and authors are plain text, and this runs for every item.
  const text = html.includes('<')
    ? html.replace(MARKUP_DECLARATION, ' ').replace(INVISIBLE, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, '')
    : html.replace(CDATA_END, ' ');
  return collapseWhitespace(stripForbiddenChars(decodeReferences(text)));
}

export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return whole.endsWith(';') ? (decodeNamedReference(whole) ?? whole) : whole;
    const codePoint = htmlNumericCodePoint(decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex ?? '', 16));
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : '';
  });
}
