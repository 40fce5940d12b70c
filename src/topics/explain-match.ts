import { formatLeaf, formatQuery } from './format-query.js';
import { locateLeaf } from './locate-leaf.js';
import type { LeafNode, QueryNode } from './query-node.js';
import type { PreparedDocument } from './prepare-document.js';

/**
 * One line of an explanation, with what it says about the outcome:
 * held — a part that holds (a term found, a NOT whose terms are absent);
 * missing — a term not found;
 * excluded — a NOT whose terms were found: the item is kept out by it.
 */
export interface MatchReason {
  readonly kind: 'held' | 'missing' | 'excluded';
  /** The part of the query it is about: `savannah`, `NOT @us-georgia`. */
  readonly term: string;
  readonly text: string;
}

export interface MatchExplanation {
  matched: boolean;
  /**
   * The parts that decided the outcome: for a match, the ones that made it
   * true; otherwise the ones that made it false, exclusions by a NOT first,
   * each with the parts it overruled, then the terms not found.
   */
  reasons: MatchReason[];
  /** The reasons' texts, in the same order. */
  because: string[];
}

/**
 * Same outcome as matchQuery, with the reasons. Every branch is evaluated so
 * all reasons are listed, not only the first.
 */
export function explainMatch(node: QueryNode, doc: PreparedDocument): MatchExplanation {
  const { matched, reasons } = explainNode(node, doc);
  const ordered = matched ? reasons : [...reasons].sort((a, b) => rank(a) - rank(b));
  return { matched, reasons: ordered, because: ordered.map((reason) => reason.text) };
}

/** Why an item is not in a topic: what kept it out comes before what was not there. */
const rank = (reason: MatchReason): number => (reason.kind === 'excluded' ? 0 : reason.kind === 'held' ? 1 : 2);

interface Outcome {
  matched: boolean;
  reasons: MatchReason[];
}

function explainNode(node: QueryNode, doc: PreparedDocument): Outcome {
  const outcome = explainUnnamed(node, doc);
  if (node.definition === undefined || node.kind === 'not') return outcome;
  const name = `@${node.definition}`;
  return { ...outcome, reasons: outcome.reasons.map((reason) => ({ ...reason, term: `${name}: ${reason.term}`, text: `${name}: ${reason.text}` })) };
}

function explainUnnamed(node: QueryNode, doc: PreparedDocument): Outcome {
  switch (node.kind) {
    case 'and':
    case 'or':
      return explainGroup(node.kind, node.children, doc);
    case 'not':
      return explainNot(node.child, doc);
    default: {
      const term = formatLeaf(node);
      const hit = describeHit(node, doc);
      return hit === undefined
        ? { matched: false, reasons: [{ kind: 'missing', term, text: `${term}: not found` }] }
        : { matched: true, reasons: [{ kind: 'held', term, text: `${term} matched ${hit}` }] };
    }
  }
}

function explainGroup(kind: 'and' | 'or', children: readonly QueryNode[], doc: PreparedDocument): Outcome {
  const parts = children.map((child) => explainNode(child, doc));
  const matched = kind === 'and' ? parts.every((part) => part.matched) : parts.some((part) => part.matched);
  // The children that agree with the outcome decided it: all of them, or the failing ones of an AND, the holding ones of an OR.
  const deciding = parts.filter((part) => part.matched === matched);
  const reasons = deciding.flatMap((part) => part.reasons);
  // An AND failed by its NOTs alone would have matched without them: what held is worth saying too.
  if (kind === 'and' && !matched && reasons.every((reason) => reason.kind === 'excluded')) {
    reasons.push(...parts.filter((part) => part.matched).flatMap((part) => part.reasons));
  }
  return { matched, reasons };
}

function explainNot(child: QueryNode, doc: PreparedDocument): Outcome {
  if (child.kind !== 'and' && child.kind !== 'or' && child.kind !== 'not' && child.definition === undefined) {
    const term = `NOT ${formatLeaf(child)}`;
    const hit = describeHit(child, doc);
    return hit === undefined
      ? { matched: true, reasons: [{ kind: 'held', term, text: `${term}: not found` }] }
      : { matched: false, reasons: [{ kind: 'excluded', term, text: `${term}: found ${hit}` }] };
  }
  const term = child.definition === undefined ? `NOT (${formatQuery(child)})` : `NOT @${child.definition}`;
  // The term names the definition already, so the inner reasons do not.
  const inner = explainUnnamed(child, doc);
  return inner.matched
    ? { matched: false, reasons: [{ kind: 'excluded', term, text: `${term}: it matched: ${inner.reasons.map((reason) => reason.text).join('; ')}` }] }
    : { matched: true, reasons: [{ kind: 'held', term, text: `${term}: it did not match` }] };
}

/** `"NATO"`, with ` in title` when the field spans several segments. */
function describeHit(node: LeafNode, doc: PreparedDocument): string | undefined {
  const hit = locateLeaf(node, doc);
  if (hit === undefined) return undefined;
  const where = hit.segment === node.field ? '' : ` in ${hit.segment}`;
  return `"${hit.surface}"${where}`;
}
