import { foldWordSpans } from '../text/index.js';
import { regexOf } from './compile-regex.js';
import { findPhrase, matchesDomain, matchesLanguageRange, matchesWildcard } from './match-leaf.js';
import type { LeafNode } from './query-node.js';
import type { PreparedDocument, PreparedSegment, SegmentName } from './prepare-document.js';

/** Where a leaf matched: the segment and the text as the document wrote it. */
export interface LeafHit {
  readonly segment: SegmentName;
  readonly surface: string;
}

const MAX_SURFACE = 80;

/** Finds the first place a leaf matches, or undefined; agrees with testLeaf. */
export function locateLeaf(node: LeafNode, doc: PreparedDocument): LeafHit | undefined {
  if (node.kind === 'domain') {
    return matchesDomain(doc.host, node.domain) ? { segment: 'domain', surface: doc.host } : undefined;
  }
  if (node.kind === 'lang') {
    const segment = doc.fields.lang.segments[0];
    return segment !== undefined && matchesLanguageRange(doc.lang, node.range)
      ? { segment: 'lang', surface: segment.raw.trim() }
      : undefined;
  }
  for (const segment of doc.fields[node.field].segments) {
    const hit = locateInSegment(node, segment);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function locateInSegment(node: Exclude<LeafNode, { kind: 'domain' | 'lang' }>, segment: PreparedSegment): LeafHit | undefined {
  if (node.kind === 'regex') {
    const found = regexOf(node).find(segment.raw);
    return found === undefined ? undefined : hitOf(segment, found);
  }
  let start = -1;
  let count = 1;
  if (node.kind === 'term') start = segment.positions.get(node.word)?.[0] ?? -1;
  else if (node.kind === 'phrase') [start, count] = [findPhrase(segment, node.words), node.words.length];
  else start = segment.words.findIndex((word) => matchesWildcard(node, word));
  return start < 0 ? undefined : hitOf(segment, quoteWords(segment, start, count));
}

/** The original text of words start..start+count-1, e.g. "NATO’s" rather than "nato s". */
function quoteWords(segment: PreparedSegment, start: number, count: number): string {
  const spans = foldWordSpans(segment.raw);
  const first = spans[start];
  const last = spans[start + count - 1];
  if (first === undefined || last === undefined) return segment.words.slice(start, start + count).join(' ');
  return segment.raw.slice(first.start, last.end);
}

function hitOf(segment: PreparedSegment, surface: string): LeafHit {
  const short = surface.length > MAX_SURFACE ? `${surface.slice(0, MAX_SURFACE)}…` : surface;
  return { segment: segment.name, surface: short };
}
