/**
 * CDATA sections, comments and processing instructions: inside them `&` and
 * `<` are literal (XML 1.0 §2.5–2.7), so text repairs must skip them.
 */
const OPAQUE_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/** Applies `repair` to the parts of `xml` outside CDATA, comments and PIs. */
export function mapOutsideOpaqueSections(xml: string, repair: (text: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of xml.matchAll(OPAQUE_SECTION)) {
    out += repair(xml.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + repair(xml.slice(last));
}

/**
 * A copy of `xml` of the same length whose CDATA sections, comments and PIs
 * are blanked out, so offsets found by scanning it address the original text
 * while markup-looking text inside those sections is never taken for tags.
 */
export function maskOpaqueSections(xml: string): string {
  return xml.replace(OPAQUE_SECTION, (section) => ' '.repeat(section.length));
}
