/**
 * The parsed form of a topic query. Every leaf carries the field it is scoped
 * to; "default" means title, text and categories. Words are already folded
 * (see src/text/words.ts) and @name references are already expanded.
 */

export type ScopedField = 'title' | 'text' | 'category' | 'author' | 'source' | 'lang' | 'domain';
export type Field = 'default' | ScopedField;
/** Fields matched word by word; lang and domain have their own leaf kinds. */
export type WordField = Exclude<Field, 'lang' | 'domain'>;

export const SCOPED_FIELDS: readonly ScopedField[] = ['title', 'text', 'category', 'author', 'source', 'lang', 'domain'];

interface NodeBase {
  /**
   * Set on a node that stands for a whole @name from "define", so `explain`
   * can say "NOT @us-georgia" rather than spell out its eight words. Matching
   * ignores it, and so does formatQuery: a renamed definition is the same
   * query. A definition OR-ed (or AND-ed) into a node of its own kind merges
   * into it and has no node left to name.
   */
  readonly definition?: string;
}

export interface AndNode extends NodeBase {
  readonly kind: 'and';
  readonly children: readonly QueryNode[];
}

export interface OrNode extends NodeBase {
  readonly kind: 'or';
  readonly children: readonly QueryNode[];
}

export interface NotNode extends NodeBase {
  readonly kind: 'not';
  readonly child: QueryNode;
}

export interface TermNode extends NodeBase {
  readonly kind: 'term';
  readonly field: WordField;
  readonly word: string;
}

export interface PhraseNode extends NodeBase {
  readonly kind: 'phrase';
  readonly field: WordField;
  /** Two or more folded words that must follow each other. */
  readonly words: readonly string[];
}

/** `part*`, `*part` and `*part*`: one folded word fragment. */
export interface WildcardNode extends NodeBase {
  readonly kind: 'prefix' | 'suffix' | 'infix';
  readonly field: WordField;
  readonly part: string;
}

/**
 * Tested against the raw (unfolded, untokenised) text of each part of the
 * field, by RE2 (compile-regex.ts). Plain data: the pattern is compiled where
 * it runs.
 */
export interface RegexNode extends NodeBase {
  readonly kind: 'regex';
  readonly field: Field;
  /** The pattern as written between the slashes. */
  readonly source: string;
  /** Flags i, m, s, u, v, sorted. */
  readonly flags: string;
}

/** The link's host is `domain` or one of its subdomains. */
export interface DomainNode extends NodeBase {
  readonly kind: 'domain';
  readonly field: 'domain';
  /** Lower-case ASCII (punycode) host name. */
  readonly domain: string;
}

/** The item's language tag matches this range by RFC 4647 §3.3.1 basic filtering. */
export interface LangNode extends NodeBase {
  readonly kind: 'lang';
  readonly field: 'lang';
  /** Lower-case, subtags joined by "-". */
  readonly range: string;
}

export type LeafNode = TermNode | PhraseNode | WildcardNode | RegexNode | DomainNode | LangNode;
export type QueryNode = AndNode | OrNode | NotNode | LeafNode;

/** Joins nodes under one operator, flattening nested ones of the same kind so equal queries share one shape. */
export function combineNodes(kind: 'and' | 'or', nodes: readonly QueryNode[]): QueryNode {
  const children = nodes.flatMap((node) => (node.kind === kind ? node.children : [node]));
  const [only] = children;
  if (children.length === 1 && only !== undefined) return only;
  return { kind, children };
}

/** The node of an expanded @name, labelled with it (see NodeBase). */
export function nameNode(node: QueryNode, definition: string): QueryNode {
  return { ...node, definition };
}
