import type { LeafNode, QueryNode } from './query-node.js';

/**
 * Canonical text of an expanded query: folded words, explicit AND, every leaf
 * with its own scope, parentheses around every group. Parsing it
 * again gives the same tree, and two queries that differ only in spelling
 * (case, accents, implied AND, a renamed @name) format the same.
 */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'or':
      // Parentheses an AND inside OR does not need, but a reader checking precedence does.
      return node.children.map((child) => (child.kind === 'and' ? `(${formatQuery(child)})` : formatQuery(child))).join(' OR ');
    case 'and':
      return node.children.map((child) => (child.kind === 'or' ? `(${formatQuery(child)})` : formatQuery(child))).join(' AND ');
    case 'not':
      return node.child.kind === 'and' || node.child.kind === 'or'
        ? `NOT (${formatQuery(node.child)})`
        : `NOT ${formatQuery(node.child)}`;
    default:
      return formatLeaf(node);
  }
}

export function formatLeaf(node: LeafNode): string {
  const scope = node.field === 'default' ? '' : `${node.field}:`;
  return scope + formatLeafBody(node);
}

function formatLeafBody(node: LeafNode): string {
  switch (node.kind) {
    case 'term':
      return node.word;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'prefix':
      return `${node.part}*`;
    case 'suffix':
      return `*${node.part}`;
    case 'infix':
      return `*${node.part}*`;
    case 'regex':
      return `/${node.source}/${node.flags}`;
    case 'domain':
      return node.domain;
    case 'lang':
      return node.range;
  }
}
