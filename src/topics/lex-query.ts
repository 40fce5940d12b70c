import { QueryError } from '../errors.js';
import { SCOPED_FIELDS, type ScopedField } from './query-node.js';

/** Builds the error to throw; lets errors inside a definition name it. */
export type FailQuery = (position: number, expected: string, found?: string) => QueryError;

interface TokenBase {
  /** 0-based UTF-16 offset in the query text. */
  readonly pos: number;
  /** The token as written, for error messages. */
  readonly text: string;
}

export type QueryToken =
  | (TokenBase & { readonly type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' })
  | (TokenBase & { readonly type: 'field'; readonly field: ScopedField })
  | (TokenBase & { readonly type: 'word' })
  | (TokenBase & { readonly type: 'phrase'; readonly inner: string })
  | (TokenBase & { readonly type: 'regex'; readonly source: string; readonly flags: string })
  | (TokenBase & { readonly type: 'ref'; readonly name: string });

const WHITESPACE = /\s/u;
const RUN_END = /[\s()"“]/u;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = { AND: 'and', OR: 'or', NOT: 'not' };
/** JavaScript's flags that say how to match; "g", "y" and "d" say how to iterate, which a query never does. */
const REGEX_FLAGS = 'imsuv';
export const DEFINITION_NAME = /^[\p{L}\p{N}_-]+$/u;

export function failWithQueryError(query: string): FailQuery {
  return (position, expected, found) => new QueryError(query, position, expected, found);
}

/** Splits a query into tokens; operators are recognised in upper case only. */
export function lexQuery(query: string, fail: FailQuery = failWithQueryError(query)): QueryToken[] {
  const tokens: QueryToken[] = [];
  let pos = 0;
  while (pos < query.length) {
    const char = query.charAt(pos);
    if (WHITESPACE.test(char)) {
      pos += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen', pos, text: char });
      pos += 1;
    } else if (char === '"' || char === '“') {
      pos = lexPhrase(query, pos, tokens, fail);
    } else if (char === '/') {
      pos = lexRegex(query, pos, tokens, fail);
    } else if (char === '-') {
      const next = query.charAt(pos + 1);
      if (next === '' || WHITESPACE.test(next) || next === ')') throw fail(pos, 'a term right after "-"', char);
      tokens.push({ type: 'not', pos, text: char });
      pos += 1;
    } else {
      pos = lexRun(query, pos, tokens, fail);
    }
  }
  return tokens;
}

function lexPhrase(query: string, pos: number, tokens: QueryToken[], fail: FailQuery): number {
  const open = query.charAt(pos);
  const close = open === '“' ? '”' : '"';
  const end = query.indexOf(close, pos + 1);
  if (end < 0) throw fail(query.length, `${close} to close the phrase opened at position ${pos + 1}`);
  tokens.push({ type: 'phrase', pos, text: query.slice(pos, end + 1), inner: query.slice(pos + 1, end) });
  return end + 1;
}

/** Reads /source/flags the way a JS regex literal is read: `\/` and `[/]` do not end it. */
function lexRegex(query: string, pos: number, tokens: QueryToken[], fail: FailQuery): number {
  let index = pos + 1;
  let inClass = false;
  for (; index < query.length; index += 1) {
    const char = query.charAt(index);
    if (char === '\\') index += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
  }
  if (index >= query.length) throw fail(query.length, `"/" to close the regular expression opened at position ${pos + 1}`);
  const source = query.slice(pos + 1, index);
  if (source === '') throw fail(pos, 'a regular expression between the slashes', '//');
  const flags = /^[A-Za-z]*/.exec(query.slice(index + 1))?.[0] ?? '';
  for (let i = 0; i < flags.length; i += 1) {
    const flag = flags.charAt(i);
    if (!REGEX_FLAGS.includes(flag) || flags.indexOf(flag) !== i) {
      throw fail(index + 1 + i, 'regular expression flags i, m, s, u or v, each once', flag);
    }
  }
  const end = index + 1 + flags.length;
  tokens.push({ type: 'regex', pos, text: query.slice(pos, end), source, flags });
  return end;
}

/** A bare run of characters: operator, field scope, @name or word (with * wildcards). */
function lexRun(query: string, pos: number, tokens: QueryToken[], fail: FailQuery): number {
  let end = pos;
  while (end < query.length && !RUN_END.test(query.charAt(end))) end += 1;
  const run = query.slice(pos, end);
  const operator = OPERATORS[run];
  const fieldMatch = FIELD_PREFIX.exec(run);
  if (operator !== undefined) {
    tokens.push({ type: operator, pos, text: run });
  } else if (fieldMatch !== null) {
    const [prefix, name = ''] = fieldMatch;
    const field = SCOPED_FIELDS.find((candidate) => candidate === name.toLowerCase());
    if (field === undefined) {
      throw fail(pos, `a field scope (${SCOPED_FIELDS.map((f) => `${f}:`).join(', ')})`, prefix);
    }
    tokens.push({ type: 'field', pos, text: prefix, field });
    return pos + prefix.length;
  } else if (run.startsWith('@')) {
    const name = run.slice(1);
    if (!DEFINITION_NAME.test(name)) throw fail(pos, 'a definition name (letters, digits, "-", "_") after "@"', run);
    tokens.push({ type: 'ref', pos, text: run, name });
  } else {
    tokens.push({ type: 'word', pos, text: run });
  }
  return end;
}
