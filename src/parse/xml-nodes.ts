import { escapeHtml } from '../text/index.js';
import type { RawRecord } from './raw-record.js';

/** An xml2js node: text, or an element with text `_`, attributes `$` and children. */
export type XmlElement = { _?: unknown; $?: unknown; [child: string]: unknown };
export type XmlNode = string | XmlElement;

export function rawNodes(record: RawRecord, element: string): XmlNode[] {
  const value = record[`raw:${element}`];
  if (!Array.isArray(value)) return [];
  return value.filter((node): node is XmlNode => typeof node === 'string' || (typeof node === 'object' && node !== null));
}

export function firstRawNode(record: RawRecord, element: string): XmlNode | undefined {
  return rawNodes(record, element)[0];
}

/** The attributes of the record's own element (its `$`). */
export function ownAttributes(record: RawRecord): Record<string, string> {
  return attributesOf(record['raw:$']);
}

export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  return attributesOf(node.$)[name];
}

function attributesOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, string> = {};
  for (const [name, attr] of Object.entries(value)) if (typeof attr === 'string') out[name] = attr;
  return out;
}

/** The node's own character data, ignoring child elements. */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : undefined;
}

export function childElementNames(node: XmlNode | undefined): string[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node).filter((key) => key !== '_' && key !== '$');
}

export function childNodes(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const value = node[name];
  return Array.isArray(value) ? value.filter((child): child is XmlNode => typeof child === 'string' || (typeof child === 'object' && child !== null)) : [];
}

/**
 * Serialises a node back to markup. xml2js keeps element text apart from
 * child elements, so mixed content comes back out of order; this is only the
 * fallback when the raw markup of the element could not be located.
 */
export function serializeChildren(node: XmlNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  let out = typeof node._ === 'string' ? escapeHtml(node._) : '';
  for (const name of childElementNames(node)) {
    for (const child of childNodes(node, name)) {
      const attributes = Object.entries(attributesOf(typeof child === 'string' ? undefined : child.$))
        .map(([attr, value]) => ` ${attr}="${escapeHtml(value)}"`)
        .join('');
      out += `<${name}${attributes}>${serializeChildren(child)}</${name}>`;
    }
  }
  return out;
}
