import type { QueryNode } from './query-node.js';
import { parseDefinition, type Definitions } from './parse-query.js';

/** A `define` list read as one concept: any of its words, prefixes or phrases stands for it. */
export interface DefinedConcept {
  concept: string;
  words: string[];
  prefixes: string[];
  phrases: string[][];
}

/**
 * The definitions that are plain alternatives — words, `prefix*` words and
 * "phrases" joined by OR, in no field — as concepts: "nato OR нато OR otan"
 * says the three are one name in three languages, which event clustering
 * counts as a shared term (src/cluster/event-features.ts). A definition with
 * AND, NOT, a field or a regex says something else and is left out.
 */
export function findEquivalences(defines: Definitions): DefinedConcept[] {
  const concepts: DefinedConcept[] = [];
  for (const name of Object.keys(defines)) {
    let node: QueryNode;
    try {
      node = parseDefinition(name, defines);
    } catch {
      continue;
    }
    const leaves = node.kind === 'or' ? node.children : [node];
    const concept: DefinedConcept = { concept: name, words: [], prefixes: [], phrases: [] };
    const plain = leaves.every((leaf) => {
      if (leaf.kind === 'term' && leaf.field === 'default') concept.words.push(leaf.word);
      else if (leaf.kind === 'prefix' && leaf.field === 'default') concept.prefixes.push(leaf.part);
      else if (leaf.kind === 'phrase' && leaf.field === 'default') concept.phrases.push([...leaf.words]);
      else return false;
      return true;
    });
    if (plain && leaves.length > 1) concepts.push(concept);
  }
  return concepts;
}
