/**
 * Characters XML 1.0 §2.2 does not allow anywhere in a document: C0 controls other than
 * tab/LF/CR, lone surrogates, U+FFFE and U+FFFF. With the `u` flag a lone surrogate is
 * its own code point, so it falls outside every allowed range.
 */
const FORBIDDEN_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(FORBIDDEN_XML_CHARS, '');
}

/** Escapes for XML text and double-quoted attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * RSS plain-text escaping as the RSS Best Practices Profile ("Character Data")
 * recommends: hexadecimal references for & < >, which the widest range of aggregators
 * decode exactly once.
 */
export function escapeRssText(text: string): string {
  return text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;').replace(/"/g, '&quot;');
}

/** A CDATA section; every "]]>" inside is split across two sections (XML 1.0 §2.7). */
export function wrapCdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function escapeHtml(text: string): string {
  return escapeXml(text).replace(/'/g, '&#39;');
}
