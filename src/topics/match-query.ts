import { testLeaf } from './match-leaf.js';
import type { QueryNode } from './query-node.js';
import type { PreparedDocument } from './prepare-document.js';

export function matchQuery(node: QueryNode, doc: PreparedDocument): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => matchQuery(child, doc));
    case 'or':
      return node.children.some((child) => matchQuery(child, doc));
    case 'not':
      return !matchQuery(node.child, doc);
    default:
      return testLeaf(node, doc);
  }
}
