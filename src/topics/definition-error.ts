import { QueryError } from '../errors.js';

/**
 * A QueryError inside a named definition from "define": `position` is an
 * offset in that definition's text, and the message leads with its name, so a
 * topic that merely uses a broken definition points at the definition.
 */
export class DefinitionError extends QueryError {
  readonly definition: string;
  constructor(definition: string, text: string, position: number, expected: string, found?: string) {
    super(text, position, expected, found);
    this.definition = definition;
    this.message = `in definition @${definition}: ${this.message}`;
  }
}
