import type { RawRecord } from './run-rss-parser.js';
import type { ElementSource } from './text-constructs.js';
import { findElementContent } from './xml-blocks.js';
import { firstRawNode } from './xml-nodes.js';

export interface EntryContext {
  /** The entry's markup in the document, when it could be matched to the parsed entry. */
  block: string | undefined;
  /** The base URI in scope from enclosing elements (XML Base), if known. */
  base: string | undefined;
  /** Atom: the feed's author, which entries inherit (RFC 4287 §4.2.1). */
  feedAuthor?: string | undefined;
  /** 0-based position of the entry, for warnings. */
  index: number;
  warnings: string[];
}

/** An element of the entry; its raw markup is searched for outside any nested <source>. */
export function elementSource(raw: RawRecord, element: string, block: string | undefined): ElementSource {
  return {
    node: firstRawNode(raw, element),
    rawInner: () => (block === undefined ? undefined : findElementContent(block, element, ['source'])),
  };
}
