import { describe, expect, it } from 'vitest';
import { checkDefinitions, DefinitionError } from '../../src/topics/index.js';
import { loadDesignExample } from './load-fixtures.js';

describe('checkDefinitions', () => {
  it('accepts the define block of docs/design.md', () => {
    expect(checkDefinitions(loadDesignExample().define)).toEqual([]);
  });

  it('accepts definitions that use each other without a cycle', () => {
    expect(checkDefinitions({ a: '@b OR @c', b: '@c x', c: 'y' })).toEqual([]);
  });

  it('reports a definition that does not parse, once, under its own name', () => {
    const problems = checkDefinitions({ broken: 'nato OR', user: '@broken OR otan', fine: 'x' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBeInstanceOf(DefinitionError);
    expect(problems[0]).toMatchObject({ definition: 'broken', position: 7 });
  });

  it('reports an unknown reference with its position', () => {
    const problems = checkDefinitions({ places: 'tbilisi OR @nowhere' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ definition: 'places', position: 11, expected: 'a name from "define"' });
  });

  it('reports each definition of a cycle', () => {
    const problems = checkDefinitions({ a: 'x OR @b', b: '@a y' });
    expect(problems.map((problem) => [(problem as DefinitionError).definition, problem.position])).toEqual([
      ['b', 0],
      ['a', 5],
    ]);
    expect(problems[0]?.expected).toContain('cycle @a → @b → @a');
    expect(problems[1]?.expected).toContain('cycle @b → @a → @b');
  });

  it('reports a name that @name cannot spell, and an empty definition', () => {
    const problems = checkDefinitions({ 'two words': 'x', empty: ' ' });
    expect(problems.map((problem) => [(problem as DefinitionError).definition, problem.expected])).toEqual([
      ['two words', 'a name of letters, digits, "-" or "_"'],
      ['empty', 'a query'],
    ]);
  });
});
