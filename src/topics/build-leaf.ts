import { foldWords } from '../text/index.js';
import { regexOf, UnsupportedRegexError } from './compile-regex.js';
import type { FailQuery, QueryToken } from './lex-query.js';
import type { Field, LeafNode, RegexNode, WordField } from './query-node.js';

type LeafToken = Extract<QueryToken, { type: 'word' | 'phrase' | 'regex' }>;

const DOMAIN_NAME = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u;
const LANGUAGE_RANGE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Turns a word, phrase or regex token into a leaf scoped to `field`. */
export function buildLeaf(token: LeafToken, field: Field, fail: FailQuery): LeafNode {
  if (token.type === 'regex') return buildRegex(token, field, fail);
  const raw = token.type === 'phrase' ? token.inner : token.text;
  if (field === 'domain') return buildDomain(raw, token, fail);
  if (field === 'lang') return buildLang(raw, token, fail);
  if (token.type === 'phrase') return buildWords(foldWords(raw), field, token, fail, 'words inside the quotes');
  return buildWordToken(token, field, fail);
}

/** A pattern RE2 cannot run is refused here, so `check` names it and no topic ever carries it. */
function buildRegex(token: Extract<LeafToken, { type: 'regex' }>, field: Field, fail: FailQuery): LeafNode {
  const node: RegexNode = { kind: 'regex', field, source: token.source, flags: [...token.flags].sort().join('') };
  try {
    regexOf(node);
  } catch (error) {
    if (!(error instanceof UnsupportedRegexError)) throw error;
    throw fail(token.pos, error.expected, token.text);
  }
  return node;
}

function buildDomain(raw: string, token: LeafToken, fail: FailQuery): LeafNode {
  const name = raw.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
  const expected = 'a domain name such as rt.com';
  if (!DOMAIN_NAME.test(name)) throw fail(token.pos, expected, token.text);
  try {
    // The URL parser turns an internationalised name into the punycode form links carry.
    return { kind: 'domain', field: 'domain', domain: new URL(`http://${name}/`).hostname };
  } catch {
    throw fail(token.pos, expected, token.text);
  }
}

function buildLang(raw: string, token: LeafToken, fail: FailQuery): LeafNode {
  const range = raw.trim().toLowerCase().replace(/_/g, '-');
  if (!LANGUAGE_RANGE.test(range)) throw fail(token.pos, 'a language tag such as ru or ru-RU', token.text);
  return { kind: 'lang', field: 'lang', range };
}

function buildWordToken(token: LeafToken, field: WordField, fail: FailQuery): LeafNode {
  const text = token.text;
  const leading = text.startsWith('*');
  const trailing = text.length > 1 && text.endsWith('*');
  const core = text.slice(leading ? 1 : 0, trailing ? -1 : text.length);
  const inner = core.indexOf('*');
  if (inner >= 0) throw fail(token.pos + (leading ? 1 : 0) + inner, '"*" only at the start or end of a word', text);
  const words = foldWords(core);
  if (!leading && !trailing) return buildWords(words, field, token, fail, 'a word (letters or digits)');
  const [part] = words;
  if (words.length !== 1 || part === undefined) throw fail(token.pos, 'exactly one word with "*"', text);
  const kind = leading && trailing ? 'infix' : leading ? 'suffix' : 'prefix';
  return { kind, field, part };
}

/** One word is a term; several (as in NATO-led or "south caucasus") must follow each other. */
function buildWords(
  words: readonly string[],
  field: WordField,
  token: LeafToken,
  fail: FailQuery,
  expected: string,
): LeafNode {
  const [first] = words;
  if (first === undefined) throw fail(token.pos, expected, token.text);
  if (words.length === 1) return { kind: 'term', field, word: first };
  return { kind: 'phrase', field, words };
}
