import { QueryError } from '../errors.js';
import { DefinitionError } from './definition-error.js';
import { DEFINITION_NAME } from './lex-query.js';
import { parseDefinition, type Definitions } from './parse-query.js';

/**
 * Every problem in a "define" block: names that @name cannot spell, texts that
 * do not parse, unknown references and cycles. A broken definition is reported
 * once under its own name, not again under each definition that uses it.
 */
export function checkDefinitions(defines: Definitions): QueryError[] {
  const problems = new Map<string, QueryError>();
  for (const name of Object.keys(defines)) {
    if (!DEFINITION_NAME.test(name)) {
      const error = new DefinitionError(name, name, 0, 'a name of letters, digits, "-" or "_"', name);
      problems.set(`${name}\u0000name`, error);
      continue;
    }
    try {
      parseDefinition(name, defines);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const owner = error instanceof DefinitionError ? error.definition : name;
      problems.set(`${owner}\u0000${error.position}\u0000${error.expected}`, error);
    }
  }
  return [...problems.values()];
}
