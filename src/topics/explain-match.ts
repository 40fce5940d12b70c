import { formatLeaf, formatQuery } from './format-query.js';
import { locateLeaf } from './locate-leaf.js';
import type { LeafNode, QueryNode } from './query-node.js';
import type { PreparedDocument } from './prepare-document.js';

export interface MatchExplanation {
  matched: boolean;
  /** The leaves that decided the outcome, one line each. */
  because: string[];
}

/**
 * Same outcome as matchQuery, with the reasons: for a match, the leaves that
 * made it true; otherwise the ones that made it false. Every branch is
 * evaluated so all reasons are listed, not only the first.
 */
export function explainMatch(node: QueryNode, doc: PreparedDocument): MatchExplanation {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => explainMatch(child, doc));
      const matched = node.kind === 'and' ? parts.every((part) => part.matched) : parts.some((part) => part.matched);
      // The children that agree with the outcome decided it: all of them, or the failing ones of an AND, the holding ones of an OR.
      const deciding = parts.filter((part) => part.matched === matched);
      return { matched, because: deciding.flatMap((part) => part.because) };
    }
    case 'not':
      return explainNot(node.child, doc);
    default: {
      const hit = describeHit(node, doc);
      return hit === undefined
        ? { matched: false, because: [`${formatLeaf(node)}: not found`] }
        : { matched: true, because: [`${formatLeaf(node)} matched ${hit}`] };
    }
  }
}

function explainNot(child: QueryNode, doc: PreparedDocument): MatchExplanation {
  if (child.kind === 'and' || child.kind === 'or' || child.kind === 'not') {
    const inner = explainMatch(child, doc);
    const label = `NOT (${formatQuery(child)})`;
    return inner.matched
      ? { matched: false, because: [`${label}: it matched: ${inner.because.join('; ')}`] }
      : { matched: true, because: [`${label}: it did not match`] };
  }
  const hit = describeHit(child, doc);
  return hit === undefined
    ? { matched: true, because: [`NOT ${formatLeaf(child)}: not found`] }
    : { matched: false, because: [`NOT ${formatLeaf(child)}: found ${hit}`] };
}

/** `"NATO"`, with ` in title` when the field spans several segments. */
function describeHit(node: LeafNode, doc: PreparedDocument): string | undefined {
  const hit = locateLeaf(node, doc);
  if (hit === undefined) return undefined;
  const where = hit.segment === node.field ? '' : ` in ${hit.segment}`;
  return `"${hit.surface}"${where}`;
}
