/**
 * Characters outside XML 1.0's Char production (§2.2): C0 controls other than
 * tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates. The C1 block (U+007F–U+009F)
 * is allowed but "discouraged" there; in feeds it only ever comes from a
 * windows-1252 body decoded as latin-1, so it is dropped too. Anything left
 * here would make the republished RSS/Atom not well-formed.
 */
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The same set, without the global flag, to test without keeping state. */
const HAS_FORBIDDEN_CHAR = new RegExp(FORBIDDEN_CHARS.source);

export function stripForbiddenChars(text: string): string {
  return HAS_FORBIDDEN_CHAR.test(text) ? text.replace(FORBIDDEN_CHARS, '') : text;
}

/**
 * Only runs that are not already one plain space are replaced: the same
 * result as replacing every run, without rebuilding the string for each
 * space between two words.
 */
const WHITESPACE_TO_COLLAPSE = /\s\s+|[^\S ]/g;

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Whether a code point may appear in an XML 1.0 document (§2.2 Char). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
