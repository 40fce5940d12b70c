/**
 * Characters that may not reach a republished feed. XML 1.0 §2.2 (Char)
 * forbids C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired
 * surrogates: one of them anywhere makes the document not well-formed. The
 * same section discourages the C1 block (U+007F–U+009F), which XML 1.1 §2.11
 * allows only as character references: in feed text these only ever come
 * from a windows-1252 body decoded as latin-1, and they show as boxes or
 * break a reader's line handling (U+0085 is a line end in XML 1.1), so they
 * are dropped too, on the way in and on the way out alike.
 */
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The same set, without the global flag, to test without keeping state. */
const HAS_FORBIDDEN_CHAR = new RegExp(FORBIDDEN_CHARS.source);

/** The text without the characters above (most text has none, and is returned as it is). */
export function stripForbiddenChars(text: string): string {
  return HAS_FORBIDDEN_CHAR.test(text) ? text.replace(FORBIDDEN_CHARS, '') : text;
}

/** Whether a code point is an XML 1.0 Char (§2.2): what a character reference may name. */
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
