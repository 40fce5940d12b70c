import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRootElement, splitBlocks } from '../../src/parse/xml-blocks.js';
import { findOpaqueSections, maskOpaqueSections } from '../../src/parse/xml-sections.js';
import { listFixtureFiles } from './read-corpus.js';

// The regular expressions these scans replaced, as the reference they must agree with.
const OPAQUE = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
const referenceMask = (xml: string): string => xml.replace(OPAQUE, (section) => ' '.repeat(section.length));
function referenceBlocks(xml: string, name: string): [number, number][] {
  const masked = referenceMask(xml);
  const starts = [...masked.matchAll(new RegExp(`<${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`, 'g'))];
  return starts.map((start, index) => {
    const next = starts[index + 1]?.index ?? masked.length;
    const openEnd = start.index + start[0].length;
    if (start[0].endsWith('/>')) return [start.index, openEnd];
    const endTag = new RegExp(`</${name}\\s*>`, 'g');
    endTag.lastIndex = openEnd;
    const close = endTag.exec(masked);
    return [start.index, close !== null && close.index < next ? close.index + close[0].length : next];
  });
}
function referenceRoot(xml: string): string | null {
  const match = /<([A-Za-z_][\w:.-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(referenceMask(xml));
  return match === null ? null : xml.slice(match.index, match.index + match[0].length);
}

const TRICKY = [
  '<rss><![CDATA[ <item> ]]><item a="x>y">one</item><!-- <item> --><?pi <item> ?><item/></rss>',
  '<rss><item>a<![CDATA[ never closed <item>b</item>',
  '<rss><!-- open <item>c</item><!-- closed --> <item "unclosed <item>d</item>',
  "<rss><item a='<'>e</item ><item\t>f</item><itemx>no</itemx><item/><?x ?>",
  '<?xml version="1.0"?><!-- <feed> --><rss version="2.0"><channel/></rss>',
  'junk <br /><b>Warning</b> <rss><item>g</item></rss>',
  '',
  '<',
  '<!---->',
  '<![CDATA[]]><??><item></item>',
];

describe('scans for sections and tags', () => {
  it('agree with the regular expressions they replaced, on every XML fixture and sample and on tricky markup', () => {
    const texts = [...listFixtureFiles(['.xml']).map((file) => readFileSync(file, 'utf8')), ...TRICKY];
    expect(texts.length).toBeGreaterThan(60);
    for (const xml of texts) {
      expect(maskOpaqueSections(xml)).toBe(referenceMask(xml));
      expect(findRootElement(xml)?.openTag ?? null).toBe(referenceRoot(xml));
      for (const name of ['item', 'entry']) expect(splitBlocks(xml, name).map((b): [number, number] => [b.start, b.end])).toEqual(referenceBlocks(xml, name));
    }
  });

  it('walk a body of unclosed openers once: a megabyte of them holds no section and no block but the sound one', () => {
    const body = `<rss><!-- sound --><item>sound</item>${'<item "<!-- <?a <![CDATA[ '.repeat(40_000)}`;
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(findOpaqueSections(body)).toEqual([[5, 19]]);
    expect(splitBlocks(body, 'item').map((b) => b.text)).toEqual(['<item>sound</item>']);
  });
});
