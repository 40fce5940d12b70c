import { describe, expect, it } from 'vitest';
import { lexQuery } from '../../src/topics/lex-query.js';

function types(query: string): string[] {
  return lexQuery(query).map((token) => `${token.type}:${token.text}`);
}

describe('lexQuery', () => {
  it('recognises operators in upper case only', () => {
    expect(types('a AND b OR NOT c and or not')).toEqual([
      'word:a', 'and:AND', 'word:b', 'or:OR', 'not:NOT', 'word:c', 'word:and', 'word:or', 'word:not',
    ]);
  });

  it('reads a leading "-" as NOT but keeps inner hyphens in the word', () => {
    expect(types('-atlanta nagorno-karabakh -(x)')).toEqual([
      'not:-', 'word:atlanta', 'word:nagorno-karabakh', 'not:-', 'lparen:(', 'word:x', 'rparen:)',
    ]);
  });

  it('reads field scopes case-insensitively, then what follows them', () => {
    expect(types('title:(a) Domain:rt.com text:"x y" lang:/ru/')).toEqual([
      'field:title:', 'lparen:(', 'word:a', 'rparen:)', 'field:Domain:', 'word:rt.com',
      'field:text:', 'phrase:"x y"', 'field:lang:', 'regex:/ru/',
    ]);
  });

  it('reads straight and curly quoted phrases', () => {
    const tokens = lexQuery('"south caucasus" “north atlantic”');
    expect(tokens.map((token) => (token.type === 'phrase' ? token.inner : token.type))).toEqual([
      'south caucasus', 'north atlantic',
    ]);
  });

  it('reads a regex with escaped slashes, slashes in a class and flags', () => {
    const [regex, next] = lexQuery('/a\\/b[/]c/iu)');
    expect(regex).toMatchObject({ type: 'regex', source: 'a\\/b[/]c', flags: 'iu', pos: 0 });
    expect(next).toMatchObject({ type: 'rparen', pos: 12 });
  });

  it('reads @name references with hyphens', () => {
    expect(lexQuery('@south-caucasus')).toEqual([{ type: 'ref', pos: 0, text: '@south-caucasus', name: 'south-caucasus' }]);
  });

  it('records 0-based positions', () => {
    expect(lexQuery('  a   (b)').map((token) => token.pos)).toEqual([2, 6, 7, 8]);
  });
});
