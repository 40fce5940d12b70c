import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from '../../src/topics/index.js';

function canonical(query: string | readonly string[], defines: Record<string, string> = {}): string {
  return formatQuery(parseQuery(query, defines));
}

describe('parseQuery', () => {
  it('parses a folded word into a term of the default scope', () => {
    expect(parseQuery('Cáucaso')).toEqual({ kind: 'term', field: 'default', word: 'caucaso' });
  });

  it('turns a hyphenated or apostrophised word into a phrase of its parts', () => {
    expect(parseQuery('NATO-led')).toEqual({ kind: 'phrase', field: 'default', words: ['nato', 'led'] });
    expect(parseQuery('"North  Atlantic Treaty"')).toEqual({
      kind: 'phrase', field: 'default', words: ['north', 'atlantic', 'treaty'],
    });
    expect(parseQuery('"nato"')).toEqual({ kind: 'term', field: 'default', word: 'nato' });
  });

  it('parses prefix, suffix and infix wildcards, folded', () => {
    expect(parseQuery('Caucas*')).toEqual({ kind: 'prefix', field: 'default', part: 'caucas' });
    expect(parseQuery('*Kaukasus')).toEqual({ kind: 'suffix', field: 'default', part: 'kaukasus' });
    expect(parseQuery('*süd*')).toEqual({ kind: 'infix', field: 'default', part: 'sud' });
  });

  it('treats juxtaposition as AND and lower-case operators as words', () => {
    expect(canonical('nato caucasus')).toBe('nato AND caucasus');
    expect(canonical('nato not caucasus')).toBe('nato AND not AND caucasus');
    expect(canonical('war and peace or not')).toBe('war AND and AND peace AND or AND not');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(canonical('a OR b AND NOT c')).toBe('a OR (b AND NOT c)');
    expect(canonical('a OR b c OR d')).toBe('a OR (b AND c) OR d');
    expect(canonical('NOT a b')).toBe('NOT a AND b');
    expect(canonical('-a -"b c"')).toBe('NOT a AND NOT "b c"');
  });

  it('lets parentheses override precedence and flattens redundant groups', () => {
    expect(canonical('(a OR b) c')).toBe('(a OR b) AND c');
    expect(canonical('NOT (a OR b)')).toBe('NOT (a OR b)');
    expect(canonical('((a)) AND (b AND (c AND d))')).toBe('a AND b AND c AND d');
    expect(canonical('-(a b)')).toBe('NOT (a AND b)');
  });

  it('applies a field scope to a term, phrase, regex or group', () => {
    expect(canonical('title:nato')).toBe('title:nato');
    expect(canonical('text:"south caucasus"')).toBe('text:"south caucasus"');
    expect(canonical('category:/^World$/')).toBe('category:/^World$/');
    expect(canonical('title:(nato OR otan) author:Smith source:rt')).toBe(
      '(title:nato OR title:otan) AND author:smith AND source:rt',
    );
    expect(canonical('-title:nato')).toBe('NOT title:nato');
  });

  it('lets an inner scope win over an outer one', () => {
    expect(canonical('title:(nato OR text:otan)')).toBe('title:nato OR text:otan');
  });

  it('reads domain and language scopes as host names and language ranges', () => {
    expect(parseQuery('domain:WWW.RT.com.')).toEqual({ kind: 'domain', field: 'domain', domain: 'www.rt.com' });
    expect(parseQuery('domain:пример.рф')).toEqual({ kind: 'domain', field: 'domain', domain: 'xn--e1afmkfd.xn--p1ai' });
    expect(parseQuery('lang:ru_RU')).toEqual({ kind: 'lang', field: 'lang', range: 'ru-ru' });
    expect(canonical('lang:(ru OR uk) domain:("rt.com" OR ria.ru)')).toBe(
      '(lang:ru OR lang:uk) AND (domain:rt.com OR domain:ria.ru)',
    );
  });

  it('keeps a regex as its pattern and sorted flags, plain data that survives a structured clone', () => {
    const node = parseQuery('/nato\\b/si');
    expect(node).toEqual({ kind: 'regex', field: 'default', source: 'nato\\b', flags: 'is' });
    expect(structuredClone(node)).toEqual(node);
    expect(canonical('title:/a\\/b/mi')).toBe('title:/a\\/b/im');
  });

  it('expands @name as if parenthesised', () => {
    const defines = { names: 'nato OR otan' };
    expect(canonical('@names treaty', defines)).toBe('(nato OR otan) AND treaty');
    expect(canonical('title:@names', defines)).toBe('title:nato OR title:otan');
    expect(canonical('-@names', defines)).toBe('NOT (nato OR otan)');
  });

  it('expands nested @names, each in the scope it is used in', () => {
    const defines = { a: 'alpha OR @b', b: 'beta "gamma delta"' };
    expect(canonical('@a', defines)).toBe('alpha OR (beta AND "gamma delta")');
    expect(canonical('@b OR title:@a', defines)).toBe(
      '(beta AND "gamma delta") OR title:alpha OR (title:beta AND title:"gamma delta")',
    );
  });

  it('ORs the strings of a query array', () => {
    expect(canonical(['nato', 'otan caucasus', '@x'], { x: 'y' })).toBe('nato OR (otan AND caucasus) OR y');
    expect(canonical(['only'])).toBe('only');
  });

  it('gives the same canonical text for queries that differ only in spelling', () => {
    const defines = { old: 'NATO OR Otan', renamed: 'nato OR otan' };
    expect(canonical('@old Caucasus', defines)).toBe(canonical('@renamed AND caucasus', defines));
    expect(canonical('Cáucaso')).toBe(canonical('caucaso'));
  });

  it('reparses its canonical text to the same tree', () => {
    const queries = [
      'caucas* OR *kaukasus OR кавказ* OR (georgia NOT atlanta)',
      'title:(nato OR "north atlantic") -domain:rt.com lang:en /a\\/b[/]/i',
      'NOT (a OR -b) c *mid* source:"RT News" category:world author:x',
      'text:/^Moscow/m OR domain:xn--e1afmkfd.xn--p1ai',
    ];
    for (const query of queries) {
      const first = parseQuery(query);
      const again = parseQuery(formatQuery(first));
      expect(formatQuery(again)).toBe(formatQuery(first));
      expect(again).toEqual(first);
    }
  });
});
