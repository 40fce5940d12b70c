import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

/** A source as written into config.json. */
export interface SourceEntry {
  id: string;
  title?: string;
  url: string;
}

/** A text edit: replace [offset, offset + length) with content. */
interface Edit {
  offset: number;
  length: number;
  content: string;
}

function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
}

function findArray(text: string, path: (string | number)[]): Node | undefined {
  const root = parseTree(text);
  const node = root === undefined ? undefined : findNodeAtLocation(root, path);
  return node?.type === 'array' ? node : undefined;
}

/** `{ "id": "x", "url": "y" }`: one line per source, as config.json's examples write them. */
function formatEntry(entry: SourceEntry): string {
  return `{ ${Object.entries(entry).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
}

function indentBefore(text: string, offset: number): string {
  return /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset))?.[0] ?? '';
}

/**
 * Edits touch only the changed span of config.json, so the user's order,
 * spacing and one-line entries stay as written. (jsonc-parser's `modify`
 * reformats whole objects and mangles the removal of a last array element.)
 */
export function addSourcesToText(text: string, entries: readonly SourceEntry[]): string {
  let result = text;
  for (const entry of entries) {
    const sources = findArray(result, ['sources']);
    if (sources === undefined) throw new Error('config.json has no "sources" array');
    const items = sources.children ?? [];
    const last = items.at(-1);
    const edit: Edit =
      last === undefined
        ? { offset: sources.offset, length: sources.length, content: `[\n${indentBefore(result, sources.offset)}    ${formatEntry(entry)}\n${indentBefore(result, sources.offset)}  ]` }
        : { offset: last.offset + last.length, length: 0, content: `,\n${indentBefore(result, last.offset)}${formatEntry(entry)}` };
    result = applyEdit(result, edit);
  }
  return result;
}

/** The span that removes element `index` of an array together with one separating comma. */
function removalOf(array: Node, index: number): Edit {
  const items = array.children ?? [];
  const item = items[index];
  if (item === undefined) throw new Error(`no element ${index}`);
  const previous = items[index - 1];
  const next = items[index + 1];
  if (previous !== undefined) return { offset: previous.offset + previous.length, length: item.offset + item.length - (previous.offset + previous.length), content: '' };
  if (next !== undefined) return { offset: item.offset, length: next.offset - item.offset, content: '' };
  return { offset: array.offset + 1, length: array.length - 2, content: '' };
}

/** Removes a source, and its id from every topic's "sources" list (which would otherwise be invalid). */
export function removeSourceFromText(text: string, id: string): string {
  let result = text;
  const topics = findArray(result, ['topics'])?.children?.length ?? 0;
  // From the end of the file backwards, so earlier offsets stay valid.
  for (let t = topics - 1; t >= 0; t -= 1) {
    const list = findArray(result, ['topics', t, 'sources']);
    const at = (list?.children ?? []).findIndex((node) => node.value === id);
    if (list !== undefined && at !== -1) result = applyEdit(result, removalOf(list, at));
  }
  const sources = findArray(result, ['sources']);
  const index = (sources?.children ?? []).findIndex((node) => findNodeAtLocation(node, ['id'])?.value === id);
  return sources === undefined || index === -1 ? result : applyEdit(result, removalOf(sources, index));
}

/** An id for a new source from its URL's host ("www.rt.com" → "rt-com"), unique among `taken`. */
export function deriveSourceId(url: string, taken: ReadonlySet<string>): string {
  let base = 'source';
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    base = (parsed.hostname || parsed.pathname.split('/').pop() || 'source').replace(/^www\./, '');
  }
  base = base.toLowerCase().replace(/\.(xml|rss|atom|json)$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'source';
  if (!/^[a-z0-9]/.test(base)) base = `s-${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
