import { QueryError } from '../errors.js';
import { failWithQueryError, lexQuery, type QueryToken } from './lex-query.js';

/** A lower-case "or", "and" or "not" between two terms: the word, where the author likely meant the operator. */
export interface OperatorWord {
  /** 0-based UTF-16 offset in the query text. */
  readonly position: number;
  /** As written: "or", "And", … */
  readonly word: string;
  readonly message: string;
}

/** What the operator would have done, for the message. */
const OPERATOR_ADVICE: Readonly<Record<string, string>> = {
  OR: 'to match either side, write OR',
  AND: 'to require both sides, write AND or leave it out',
  NOT: 'to leave out what follows, write NOT',
};
/** Tokens that end a term on the left of a word, and that start one on its right. */
const ENDS_TERM = new Set<QueryToken['type']>(['word', 'phrase', 'regex', 'ref', 'rparen']);
const STARTS_TERM = new Set<QueryToken['type']>(['word', 'phrase', 'regex', 'ref', 'lparen', 'field', 'not']);

/**
 * Operators are upper case (DESIGN.md), so `nato or otan` asks for three
 * words, "or" among them, and matches almost nothing: legal, and almost never
 * meant. A query that does not parse has nothing to say here (check reports
 * its error).
 */
export function findOperatorWords(query: string): OperatorWord[] {
  let tokens: QueryToken[];
  try {
    tokens = lexQuery(query, failWithQueryError(query));
  } catch (error) {
    if (error instanceof QueryError) return [];
    throw error;
  }
  const found: OperatorWord[] = [];
  tokens.forEach((token, index) => {
    const advice = OPERATOR_ADVICE[token.text.toUpperCase()];
    if (token.type !== 'word' || advice === undefined) return;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (before === undefined || after === undefined || !ENDS_TERM.has(before.type) || !STARTS_TERM.has(after.type)) return;
    found.push({
      position: token.pos,
      word: token.text,
      message: `"${token.text}" at position ${token.pos + 1} is the word "${token.text}", not an operator (operators are upper case): ${advice}; to look for the word, put it in quotes`,
    });
  });
  return found;
}
