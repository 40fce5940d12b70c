import { RE2JS, RE2JSException } from 're2js';
import { TopicwireError } from '../errors.js';
import type { RegexNode } from './query-node.js';

/**
 * Query regexes run on RE2 (re2js), never on the JavaScript engine: a user's
 * pattern must not be able to hang the daemon, and a backtracking engine
 * takes exponential time on patterns such as /(a+)+$/ ("aaa…a!" with 48 a's
 * ran for hours). RE2 matches in time linear in the text (Cox, "Regular
 * Expression Matching Can Be Simple And Fast"), and so refuses what needs
 * backtracking: backreferences and lookahead. Lookbehind re2js runs in
 * linear time, so it is allowed.
 * Syntax: https://github.com/google/re2/wiki/Syntax. JavaScript escapes RE2
 * spells otherwise (\u00e9, \cA, (?<name>…)) are translated first.
 */

/** The compiled form the matcher runs. */
export interface CompiledRegex {
  test(text: string): boolean;
  /** The first match's text, or undefined. */
  find(text: string): string | undefined;
}

/** A pattern RE2 cannot compile; `expected` says what a query needs instead, for the QueryError. */
export class UnsupportedRegexError extends TopicwireError {
  readonly expected: string;
  constructor(expected: string, options: { cause: unknown }) {
    super(expected, options);
    this.expected = expected;
  }
}

const BASE_FLAGS = RE2JS.LOOKBEHINDS;
const FLAG_BITS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

function describeRefusal(source: string, message: string): string {
  const reason = message.replace(/^error parsing regexp: /, '');
  const linear = 'a regular expression that runs in linear time (RE2 syntax)';
  if (/\(\?[=!]/.test(source)) return `${linear}: lookahead (?= and (?! cannot; ${reason}`;
  if (/\\[1-9]|\\k</.test(source)) return `${linear}: backreferences such as \\1 cannot; ${reason}`;
  return `a valid regular expression (RE2 syntax: ${reason})`;
}

/** Compiles `source` with JavaScript-style flags (i, m, s; u and v change nothing: RE2 reads code points). */
export function compileRegex(source: string, flags: string): CompiledRegex {
  let bits = BASE_FLAGS;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new UnsupportedRegexError(describeRefusal(source, error.message), { cause: error });
  }
  return {
    test: (text) => pattern.test(text),
    find: (text) => {
      const found = pattern.exec(text) as (string | undefined)[] | null;
      return found === null ? undefined : (found[0] ?? '');
    },
  };
}

/**
 * Compiled patterns, per node. Nodes are plain data so that compiled topics
 * can cross to the worker threads that read feeds (structured clone keeps
 * data, not a compiled program); each thread compiles a node on first use.
 */
const compiled = new WeakMap<RegexNode, CompiledRegex>();

export function regexOf(node: RegexNode): CompiledRegex {
  let regex = compiled.get(node);
  if (regex === undefined) {
    regex = compileRegex(node.source, node.flags);
    compiled.set(node, regex);
  }
  return regex;
}
