/**
 * CDATA sections, comments and processing instructions: inside them `&` and
 * `<` are literal (XML 1.0 §2.5–2.7), so text repairs must skip them.
 */
const SECTIONS: readonly (readonly [open: string, close: string])[] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
];

/**
 * The spans [start, end) of the CDATA sections, comments and PIs of `xml`,
 * in order; an opener without its end is no section. One pass: once the
 * end of one kind is missing after an opener, it is missing after every
 * later one too, so a body of thousands of unclosed openers is not searched
 * to its end once per opener (as a lazy regular expression did, in time
 * quadratic in the body).
 */
export function findOpaqueSections(xml: string): [number, number][] {
  const spans: [number, number][] = [];
  const unclosed = new Set<string>();
  for (let at = xml.indexOf('<'); at !== -1; ) {
    const kind = SECTIONS.find(([open]) => xml.startsWith(open, at));
    if (kind !== undefined && !unclosed.has(kind[0])) {
      const close = xml.indexOf(kind[1], at + kind[0].length);
      if (close !== -1) {
        const end = close + kind[1].length;
        spans.push([at, end]);
        at = xml.indexOf('<', end);
        continue;
      }
      unclosed.add(kind[0]);
    }
    at = xml.indexOf('<', at + 1);
  }
  return spans;
}

/** Applies `repair` to the parts of `xml` outside CDATA, comments and PIs. */
export function mapOutsideOpaqueSections(xml: string, repair: (text: string) => string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of findOpaqueSections(xml)) {
    out += repair(xml.slice(last, start)) + xml.slice(start, end);
    last = end;
  }
  return out + repair(xml.slice(last));
}

/**
 * A copy of `xml` of the same length whose CDATA sections, comments and PIs
 * are blanked out, so offsets found by scanning it address the original text
 * while markup-looking text inside those sections is never taken for tags.
 */
export function maskOpaqueSections(xml: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of findOpaqueSections(xml)) {
    out += xml.slice(last, start) + ' '.repeat(end - start);
    last = end;
  }
  return last === 0 ? xml : out + xml.slice(last);
}
