export { checkDefinitions } from './check-definitions.js';
export { DefinitionError } from './definition-error.js';
export { findOperatorWords, type OperatorWord } from './find-operator-words.js';
export { explainMatch, type MatchExplanation, type MatchReason } from './explain-match.js';
export { formatQuery } from './format-query.js';
export { matchQuery } from './match-query.js';
export { parseQuery, type Definitions } from './parse-query.js';
export {
  prepareDocument,
  type MatchDocument,
  type PreparedDocument,
  type PreparedField,
  type PreparedSegment,
  type SegmentName,
} from './prepare-document.js';
export type {
  AndNode,
  DomainNode,
  Field,
  LangNode,
  LeafNode,
  NotNode,
  OrNode,
  PhraseNode,
  QueryNode,
  RegexNode,
  ScopedField,
  TermNode,
  WildcardNode,
  WordField,
} from './query-node.js';
export { findEquivalences, type DefinedConcept } from './find-equivalences.js';
