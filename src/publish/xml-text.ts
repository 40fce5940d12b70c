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
