import { buildLeaf } from './build-leaf.js';
import { DefinitionError } from './definition-error.js';
import { failWithQueryError, lexQuery, type FailQuery, type QueryToken } from './lex-query.js';
import { combineNodes, nameNode, type Field, type QueryNode } from './query-node.js';

export type Definitions = Readonly<Record<string, string>>;

interface ExpandContext {
  readonly defines: Definitions;
  /** Names being expanded, outermost first: finding one again is a cycle. */
  readonly expanding: readonly string[];
  /** Definitions already parsed, per scope, shared by one parseQuery call. */
  readonly parsed: Map<string, QueryNode>;
}

interface Cursor {
  readonly text: string;
  readonly tokens: readonly QueryToken[];
  index: number;
  readonly fail: FailQuery;
  readonly context: ExpandContext;
}

/**
 * Parses a topic query (an array is OR-ed) with @name references expanded.
 * Grammar, loosest first:  or := and ("OR" and)* ;  and := unary (["AND"] unary)* ;
 * unary := ("NOT" | "-" | field:) unary | primary ;  primary := word | phrase | regex | @name | "(" or ")".
 * A field scope applies to every leaf below it that has no scope of its own.
 */
export function parseQuery(query: string | readonly string[], defines: Definitions = {}): QueryNode {
  const context: ExpandContext = { defines, expanding: [], parsed: new Map() };
  if (typeof query === 'string') return parseText(query, 'default', context, failWithQueryError(query));
  if (query.length === 0) throw failWithQueryError('')(0, 'at least one query');
  return combineNodes(
    'or',
    query.map((text) => parseText(text, 'default', context, failWithQueryError(text))),
  );
}

/** Parses one definition on its own, as checkDefinitions does. */
export function parseDefinition(name: string, defines: Definitions): QueryNode {
  const context: ExpandContext = { defines, expanding: [], parsed: new Map() };
  return expandDefinition(name, 'default', context);
}

function parseText(text: string, field: Field, context: ExpandContext, fail: FailQuery): QueryNode {
  const tokens = lexQuery(text, fail);
  if (tokens.length === 0) throw fail(0, 'a query');
  const cursor: Cursor = { text, tokens, index: 0, fail, context };
  const node = parseOr(cursor, field);
  const rest = cursor.tokens[cursor.index];
  // parseOr stops only at the end or at a ")" it did not open.
  if (rest !== undefined) throw fail(rest.pos, '"(" before this ")"', rest.text);
  return node;
}

function parseOr(cursor: Cursor, field: Field, after?: QueryToken): QueryNode {
  const children = [parseAnd(cursor, field, after)];
  for (let op = peek(cursor); op?.type === 'or'; op = peek(cursor)) {
    cursor.index += 1;
    children.push(parseAnd(cursor, field, op));
  }
  return combineNodes('or', children);
}

function parseAnd(cursor: Cursor, field: Field, after?: QueryToken): QueryNode {
  const children = [parseUnary(cursor, field, after)];
  for (let next = peek(cursor); next !== undefined; next = peek(cursor)) {
    if (next.type === 'and') {
      cursor.index += 1;
      children.push(parseUnary(cursor, field, next));
    } else if (next.type === 'rparen' || next.type === 'or') {
      break;
    } else {
      children.push(parseUnary(cursor, field));
    }
  }
  return combineNodes('and', children);
}

function parseUnary(cursor: Cursor, field: Field, after?: QueryToken): QueryNode {
  const token = peek(cursor);
  if (token?.type === 'not') {
    cursor.index += 1;
    return { kind: 'not', child: parseUnary(cursor, field, token) };
  }
  if (token?.type === 'field') {
    cursor.index += 1;
    return parseUnary(cursor, token.field, token);
  }
  return parsePrimary(cursor, field, after);
}

function parsePrimary(cursor: Cursor, field: Field, after?: QueryToken): QueryNode {
  const token = peek(cursor);
  const expected = after === undefined ? 'a word, "phrase", /regex/, @name or "("' : `a term after "${after.text}"`;
  if (token === undefined) throw cursor.fail(cursor.text.length, expected);
  cursor.index += 1;
  switch (token.type) {
    case 'word':
    case 'phrase':
    case 'regex':
      return buildLeaf(token, field, cursor.fail);
    case 'ref':
      return expandReference(cursor, token, field);
    case 'lparen': {
      const inner = parseOr(cursor, field, token);
      if (peek(cursor) === undefined) {
        throw cursor.fail(cursor.text.length, `")" to close "(" at position ${token.pos + 1}`);
      }
      cursor.index += 1;
      return inner;
    }
    default:
      throw cursor.fail(token.pos, expected, token.text);
  }
}

function expandReference(cursor: Cursor, token: Extract<QueryToken, { type: 'ref' }>, field: Field): QueryNode {
  const { defines, expanding } = cursor.context;
  if (!Object.hasOwn(defines, token.name)) throw cursor.fail(token.pos, 'a name from "define"', token.text);
  if (expanding.includes(token.name)) {
    const cycle = [...expanding, token.name].map((name) => `@${name}`).join(' → ');
    throw cursor.fail(token.pos, `a definition that does not refer back to itself (cycle ${cycle})`, token.text);
  }
  return nameNode(expandDefinition(token.name, field, cursor.context), token.name);
}

function expandDefinition(name: string, field: Field, context: ExpandContext): QueryNode {
  // A definition that parsed once reaches no name on any expansion stack, so the result can be shared.
  const key = `${field}\u0000${name}`;
  const known = context.parsed.get(key);
  if (known !== undefined) return known;
  const text = context.defines[name] ?? '';
  const fail: FailQuery = (position, expected, found) => new DefinitionError(name, text, position, expected, found);
  const inner = { ...context, expanding: [...context.expanding, name] };
  const node = parseText(text, field, inner, fail);
  context.parsed.set(key, node);
  return node;
}

function peek(cursor: Cursor): QueryToken | undefined {
  return cursor.tokens[cursor.index];
}
