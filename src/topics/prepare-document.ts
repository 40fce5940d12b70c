import { foldWords, isAsciiText } from '../text/index.js';
import type { Field } from './query-node.js';

/** What an item offers to the matcher. */
export interface MatchDocument {
  title: string;
  /** Plain summary + content. */
  text: string;
  categories: string[];
  author: string;
  sourceId: string;
  sourceTitle: string;
  lang: string;
  link: string;
}

export type SegmentName = 'title' | 'text' | 'category' | 'author' | 'source id' | 'source title' | 'lang' | 'domain';

/** One piece of text, tokenised once: raw for regexes, words for everything else. */
export interface PreparedSegment {
  readonly name: SegmentName;
  readonly raw: string;
  readonly words: readonly string[];
  /** Where each word occurs, to find phrases without scanning. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  readonly wordSet: ReadonlySet<string>;
}

/** A field's segments; a phrase never runs from one segment into the next. */
export interface PreparedField {
  readonly segments: readonly PreparedSegment[];
  readonly words: ReadonlySet<string>;
  /** Every segment is ASCII, so no word of it can hold a non-ASCII wildcard part. */
  readonly ascii: boolean;
}

export interface PreparedDocument {
  readonly fields: Readonly<Record<Field, PreparedField>>;
  /** Lower-case host of the link, "" when it has none. */
  readonly host: string;
  /** Lower-case language tag with "-" between subtags. */
  readonly lang: string;
}

/** Tokenises and folds a document once, so any number of queries can be matched against it. */
export function prepareDocument(doc: MatchDocument): PreparedDocument {
  const title = prepareSegment('title', doc.title);
  const text = prepareSegment('text', doc.text);
  const categories = doc.categories.map((category) => prepareSegment('category', category));
  const host = hostOf(doc.link);
  return {
    fields: {
      default: prepareField([title, text, ...categories]),
      title: prepareField([title]),
      text: prepareField([text]),
      category: prepareField(categories),
      author: prepareField([prepareSegment('author', doc.author)]),
      source: prepareField([prepareSegment('source id', doc.sourceId), prepareSegment('source title', doc.sourceTitle)]),
      lang: prepareField([prepareSegment('lang', doc.lang)]),
      domain: prepareField([prepareSegment('domain', host)]),
    },
    host,
    lang: doc.lang.trim().toLowerCase().replace(/_/g, '-'),
  };
}

/**
 * Sets and positions are built on first use: most queries read only the
 * default field's words, and positions only matter to phrases that could
 * match, so a document pays for one word set rather than one per segment.
 */
function prepareSegment(name: SegmentName, raw: string): PreparedSegment {
  const words = foldWords(raw);
  let positions: Map<string, number[]> | undefined;
  let wordSet: Set<string> | undefined;
  return {
    name,
    raw,
    words,
    get positions() {
      return (positions ??= indexPositions(words));
    },
    get wordSet() {
      return (wordSet ??= new Set(words));
    },
  };
}

function indexPositions(words: readonly string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  words.forEach((word, index) => {
    const list = positions.get(word);
    if (list === undefined) positions.set(word, [index]);
    else list.push(index);
  });
  return positions;
}

function prepareField(segments: readonly PreparedSegment[]): PreparedField {
  const [only] = segments;
  let words: ReadonlySet<string> | undefined;
  let ascii: boolean | undefined;
  return {
    segments,
    get words() {
      return (words ??= segments.length === 1 && only !== undefined ? only.wordSet : collectWords(segments));
    },
    get ascii() {
      return (ascii ??= segments.every((segment) => isAsciiText(segment.raw)));
    },
  };
}

function collectWords(segments: readonly PreparedSegment[]): Set<string> {
  const words = new Set<string>();
  for (const segment of segments) for (const word of segment.words) words.add(word);
  return words;
}

function hostOf(link: string): string {
  try {
    return new URL(link).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}
