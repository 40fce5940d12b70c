import type { ConfigProblem } from '../errors.js';
import { findOperatorWords } from '../topics/index.js';
import type { Config } from './types.js';

/**
 * What `check` warns about in a valid config: legal, and almost never meant.
 * A warning never stops a config from loading.
 */
export function findConfigWarnings(config: Pick<Config, 'topics' | 'define'>): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const warnQuery = (path: string, query: string): void => {
    for (const word of findOperatorWords(query)) warnings.push({ path, message: `${word.message}, in: ${query}` });
  };
  for (const [name, text] of Object.entries(config.define)) warnQuery(`define.${name}`, text);
  config.topics.forEach((topic, i) => {
    if (typeof topic.query === 'string') warnQuery(`topics[${i}].query`, topic.query);
    else topic.query.forEach((text, j) => warnQuery(`topics[${i}].query[${j}]`, text));
  });
  return warnings;
}
