import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/errors.js';
import { DefinitionError, parseQuery } from '../../src/topics/index.js';

function errorOf(parse: () => unknown): QueryError {
  try {
    parse();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

interface Case {
  query: string;
  position: number;
  expected: RegExp;
}

const cases: Record<string, Case> = {
  'empty query': { query: '', position: 0, expected: /a query/ },
  'blank query': { query: '   ', position: 0, expected: /a query/ },
  'unclosed parenthesis': { query: 'nato (a OR b', position: 12, expected: /"\)" to close "\(" at position 6/ },
  'unopened parenthesis': { query: 'nato) OR b', position: 4, expected: /"\(" before this "\)"/ },
  'empty parentheses': { query: 'a ()', position: 3, expected: /a term after "\("/ },
  'dangling OR at the end': { query: 'nato OR', position: 7, expected: /a term after "OR"/ },
  'OR at the start': { query: 'OR nato', position: 0, expected: /a word, "phrase", \/regex\/, @name or "\("/ },
  'OR OR': { query: 'a OR OR b', position: 5, expected: /a term after "OR"/ },
  'dangling AND': { query: 'a AND', position: 5, expected: /a term after "AND"/ },
  'AND before OR': { query: 'a AND OR b', position: 6, expected: /a term after "AND"/ },
  'dangling NOT': { query: 'a NOT', position: 5, expected: /a term after "NOT"/ },
  'lone minus': { query: 'a - b', position: 2, expected: /a term right after "-"/ },
  'minus before a parenthesis': { query: '(a -)', position: 3, expected: /a term right after "-"/ },
  'unknown field': { query: 'nato foo:bar', position: 5, expected: /a field scope \(title:, text:, category:/ },
  'field with nothing after it': { query: 'nato title:', position: 11, expected: /a term after "title:"/ },
  'field before OR': { query: 'title: OR x', position: 7, expected: /a term after "title:"/ },
  'unterminated phrase': { query: 'a "south caucasus', position: 17, expected: /" to close the phrase opened at position 3/ },
  'unterminated curly phrase': { query: '“south', position: 6, expected: /” to close the phrase/ },
  'empty phrase': { query: 'a "  "', position: 2, expected: /words inside the quotes/ },
  'unterminated regex': { query: 'a /nato\\/', position: 9, expected: /"\/" to close the regular expression opened at position 3/ },
  'empty regex': { query: '// x', position: 0, expected: /a regular expression between the slashes/ },
  'invalid regex': { query: 'x /(nato/i', position: 2, expected: /a valid regular expression \(.*\)/ },
  'regex lookahead (RE2 cannot run it)': { query: 'x /nato(?= summit)/', position: 2, expected: /a regular expression that runs in linear time \(RE2 syntax\): lookahead \(\?= and \(\?! cannot/ },
  'regex backreference (RE2 cannot run it)': { query: '/(\\w)\\1/', position: 0, expected: /linear time \(RE2 syntax\): backreferences such as \\1 cannot/ },
  'stateful regex flag': { query: '/nato/ig', position: 7, expected: /flags i, m, s, u or v/ },
  'repeated regex flag': { query: '/nato/ii', position: 7, expected: /each once/ },
  'word of punctuation only': { query: 'a ’', position: 2, expected: /a word \(letters or digits\)/ },
  'star inside a word': { query: 'cau*sus', position: 3, expected: /"\*" only at the start or end/ },
  'lone star': { query: 'a *', position: 2, expected: /exactly one word with "\*"/ },
  'wildcard over two words': { query: 'nato-l*', position: 0, expected: /exactly one word with "\*"/ },
  'invalid domain': { query: 'domain:rt*', position: 7, expected: /a domain name such as rt.com/ },
  'invalid language tag': { query: 'lang:"r u"', position: 5, expected: /a language tag such as ru or ru-RU/ },
  'bad @name': { query: 'a @', position: 2, expected: /a definition name/ },
  'unknown @name': { query: 'nato OR @nowhere', position: 8, expected: /a name from "define"/ },
};

describe('parseQuery errors', () => {
  it.each(Object.entries(cases))('%s', (_label, { query, position, expected }) => {
    const error = errorOf(() => parseQuery(query, { known: 'x' }));
    expect(error).toBeInstanceOf(QueryError);
    expect(error.position).toBe(position);
    expect(error.expected).toMatch(expected);
    expect(error.message).toContain(`position ${position + 1}`);
  });

  it('names what it found at the position', () => {
    expect(errorOf(() => parseQuery('nato foo:bar')).message).toContain('found "foo:"');
    expect(errorOf(() => parseQuery('nato OR')).message).toContain('found end of query');
  });

  it('reports an error in one string of a query array at its position in that string', () => {
    const error = errorOf(() => parseQuery(['nato', 'otan (']));
    expect(error.position).toBe(6);
    expect(error.message).toContain('in: otan (');
    expect(errorOf(() => parseQuery([])).expected).toBe('at least one query');
  });

  it('names the definition in which an error lies, with the position in its text', () => {
    const error = errorOf(() => parseQuery('stoltenberg OR @names', { names: 'nato OR (otan' }));
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error).toMatchObject({ definition: 'names', position: 13 });
    expect(error.message).toMatch(/^in definition @names: /);
  });

  it('names an unknown name used inside a definition', () => {
    const error = errorOf(() => parseQuery('@outer', { outer: 'a OR @inner', inner: 'b OR @missing' }));
    expect(error).toMatchObject({ definition: 'inner', position: 5 });
    expect(error.message).toContain('found "@missing"');
  });

  it('reports a definition cycle with the name and position that closes it', () => {
    const error = errorOf(() => parseQuery('x OR @a', { a: 'alpha OR @b', b: 'beta OR @a' }));
    expect(error).toMatchObject({ definition: 'b', position: 8 });
    expect(error.expected).toContain('cycle @a → @b → @a');
  });

  it('reports a definition that refers to itself', () => {
    const error = errorOf(() => parseQuery('@self', { self: 'me OR @self' }));
    expect(error).toMatchObject({ definition: 'self', position: 6 });
    expect(error.expected).toContain('cycle @self → @self');
  });

  it('does not take names inherited from Object.prototype for definitions', () => {
    expect(errorOf(() => parseQuery('@constructor')).expected).toBe('a name from "define"');
  });
});
