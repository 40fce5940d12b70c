import { decodeHTMLStrict, replaceCodePoint } from 'entities/decode';

/**
 * Character references as HTML5 reads them, from the `entities` package: the
 * full WHATWG list of named references (2,231 names, some of two code
 * points), and its numeric rule. Feeds use them undeclared, which XML forbids
 * (XML 1.0 §4.1: only amp, lt, gt, quot, apos are predefined), and feed HTML
 * needs them decoded to plain text.
 */

/** The five references XML predefines (XML 1.0 §4.6). */
export const XML_PREDEFINED_ENTITIES: ReadonlySet<string> = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** The text of a named reference such as "&eacute;" (semicolon required), or undefined for an unknown name. */
export function decodeNamedReference(reference: string): string | undefined {
  const decoded = decodeHTMLStrict(reference);
  return decoded === reference ? undefined : decoded;
}

/**
 * WHATWG HTML "numeric character reference end state": &#128;–&#159; name
 * the windows-1252 characters (&#146; is ’, &#150; is –), not C1 controls.
 */
export function htmlNumericCodePoint(codePoint: number): number {
  return codePoint >= 0x80 && codePoint <= 0x9f ? replaceCodePoint(codePoint) : codePoint;
}
