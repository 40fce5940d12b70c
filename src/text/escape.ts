/**
 * Text made safe to write into markup: & < > and " as entity references.
 * That is what XML 1.0 requires of character data and of a double-quoted
 * attribute value (§2.4, §3.3.3: "&" and "<" always, ">" after "]]", and the
 * quote that delimits the value), and what the HTML Living Standard's
 * serialisation writes ("Serializing HTML fragments", escaping a string: the
 * same four, in text and in attribute mode). An apostrophe needs no escape
 * in either, since topicwire writes every attribute value between double
 * quotes; it is left as it is, so the HTML an item is stored with (and its
 * content hash) stays what it was.
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML's escaping is XML's (see escapeXml): one function under the name each format's code reads best with. */
export const escapeHtml = escapeXml;
