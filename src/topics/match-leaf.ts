import { isAsciiText } from '../text/index.js';
import { regexOf } from './compile-regex.js';
import type { LeafNode, WildcardNode } from './query-node.js';
import type { PreparedDocument, PreparedSegment } from './prepare-document.js';

/** Whether one leaf holds for a prepared document. */
export function testLeaf(node: LeafNode, doc: PreparedDocument): boolean {
  switch (node.kind) {
    case 'term':
      return doc.fields[node.field].words.has(node.word);
    case 'phrase': {
      const field = doc.fields[node.field];
      // Every word present is necessary and cheap to check; only then are positions built.
      return node.words.every((word) => field.words.has(word)) && field.segments.some((segment) => findPhrase(segment, node.words) >= 0);
    }
    case 'prefix':
    case 'suffix':
    case 'infix': {
      const field = doc.fields[node.field];
      // An ASCII text folds to ASCII words, which cannot contain a non-ASCII part ("кавказ*").
      if (field.ascii && !isAsciiText(node.part)) return false;
      for (const word of field.words) if (matchesWildcard(node, word)) return true;
      return false;
    }
    case 'regex': {
      const regex = regexOf(node);
      return doc.fields[node.field].segments.some((segment) => regex.test(segment.raw));
    }
    case 'domain':
      return matchesDomain(doc.host, node.domain);
    case 'lang':
      return matchesLanguageRange(doc.lang, node.range);
  }
}

/** Index of the first word of the first occurrence of `words` in the segment, or -1. */
export function findPhrase(segment: PreparedSegment, words: readonly string[]): number {
  const [first] = words;
  const starts = first === undefined ? undefined : segment.positions.get(first);
  if (starts === undefined) return -1;
  for (const start of starts) {
    if (words.every((word, offset) => segment.words[start + offset] === word)) return start;
  }
  return -1;
}

export function matchesWildcard(node: WildcardNode, word: string): boolean {
  if (node.kind === 'prefix') return word.startsWith(node.part);
  if (node.kind === 'suffix') return word.endsWith(node.part);
  return word.includes(node.part);
}

/** The host is the domain itself or a subdomain of it: rt.com covers www.rt.com, not notrt.com. */
export function matchesDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** RFC 4647 §3.3.1 basic filtering: "ru" matches "ru" and "ru-ru", not "rus". */
export function matchesLanguageRange(tag: string, range: string): boolean {
  return tag === range || tag.startsWith(`${range}-`);
}
