import { collapseWhitespace, isXmlChar, stripForbiddenChars } from '../text/index.js';
import { decodeNamedReference, htmlNumericCodePoint } from './html-entities.js';
import { replaceTags } from './tag-ends.js';

/** Elements whose content is never text a reader sees. */
const INVISIBLE_START = /<(script|style|template|noscript|head)\b/gi;
/** Elements that break a line: their tags turn into a space, so words on either side stay apart. */
const BLOCK_NAME =
  /^<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|section|article|aside|header|footer|nav|figure|figcaption|main|address|caption|details|summary|img)\b/i;
const TAG_OPENING = /<\/?[A-Za-z][^\s/>]*/g;
/** Without a "<", the only markup declaration left is a stray CDATA end. */
const CDATA_END = /\]\]>/g;
const DECLARATION_START = /<!--|<!\[CDATA\[|\]\]>|<!|<\?/g;
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
    ? replaceTags(dropInvisible(dropDeclarations(html)), TAG_OPENING, (tag) => (BLOCK_NAME.test(tag) ? ' ' : ''))
    : html.replace(CDATA_END, ' ');
  return collapseWhitespace(stripForbiddenChars(decodeReferences(text)));
}

/*
 * The scans below each walk the text once. As regular expressions
 * (`<![^>]*>`, `<script\b[^>]*>[\s\S]*?<\/script\s*>`, a tag pattern) they
 * searched to the end from every opener that never closes, so an item of
 * 60 KB of `<a ` took seconds, growing with the square of its length.
 */

/**
 * Comments (to their end, or the text's), CDATA markers, and other
 * declarations and PIs (to their ">") as a space. An opener with no ">"
 * after it is text; once one has none, no later one has.
 */
function dropDeclarations(html: string): string {
  const starts = new RegExp(DECLARATION_START.source, 'g');
  let out = '';
  let last = 0;
  let noneAfter = false;
  for (let open = starts.exec(html); open !== null; open = starts.exec(html)) {
    let end: number;
    if (open[0] === '<!--') {
      const close = html.indexOf('-->', starts.lastIndex);
      end = close === -1 ? html.length : close + 3;
    } else if (open[0] === '<!' || open[0] === '<?') {
      const close = noneAfter ? -1 : html.indexOf('>', starts.lastIndex);
      if (close === -1) {
        noneAfter = true;
        continue;
      }
      end = close + 1;
    } else {
      end = starts.lastIndex;
    }
    out += `${html.slice(last, open.index)} `;
    last = end;
    starts.lastIndex = end;
  }
  return last === 0 ? html : out + html.slice(last);
}

/**
 * Script, style, template, noscript and head elements, start tag to end
 * tag, as a space. One whose end tag is missing is left; so is every later
 * one of its name, whose search would cover less of the same text.
 */
function dropInvisible(html: string): string {
  const starts = new RegExp(INVISIBLE_START.source, 'gi');
  const unclosed = new Set<string>();
  let out = '';
  let last = 0;
  for (let open = starts.exec(html); open !== null; open = starts.exec(html)) {
    const name = (open[1] ?? '').toLowerCase();
    if (unclosed.has(name)) continue;
    const startEnd = html.indexOf('>', starts.lastIndex);
    if (startEnd === -1) break;
    const endTag = new RegExp(`</${name}\\s*>`, 'gi');
    endTag.lastIndex = startEnd + 1;
    if (endTag.exec(html) === null) {
      unclosed.add(name);
      continue;
    }
    out += `${html.slice(last, open.index)} `;
    last = endTag.lastIndex;
    starts.lastIndex = last;
  }
  return last === 0 ? html : out + html.slice(last);
}

export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return whole.endsWith(';') ? (decodeNamedReference(whole) ?? whole) : whole;
    const codePoint = htmlNumericCodePoint(decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex ?? '', 16));
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : '';
  });
}
