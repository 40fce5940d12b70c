import { ParseError } from '../errors.js';
import type { FeedFormat, ParsedFeed } from '../model.js';
import { mapXmlFeed, type RawEntry, type XmlFeedScope } from './map-xml-feed.js';
import { normalizeNamespaces } from './normalize-namespaces.js';
import { plural, prepareXml } from './prepare-xml.js';
import { renameAtomElements } from './rename-atom-elements.js';
import { runRssParser, type RawFeed } from './run-rss-parser.js';
import { maskOpaqueSections } from './xml-sections.js';
import { findRootElement, splitBlocks, type Block, type RootElement } from './xml-blocks.js';

const HTML_ROOTS = new Set(['html', 'head', 'body', 'meta', 'div', 'p', 'script', 'link', 'title']);

/** RSS 0.9x/1.0/2.0 and Atom through rss-parser, with the repairs of prepareXml and entry-by-entry recovery. */
export async function parseXmlFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const prepared = prepareXml(text);
  const { xml: named } = normalizeNamespaces(prepared.xml);
  const { xml: found, root: foundRoot } = skipLeadingJunk(named, prepared.warnings);
  const { xml: rooted, root } = wrapEntryDocument(found, foundRoot);
  if (root !== null && HTML_ROOTS.has(root.name.toLowerCase())) throw new ParseError('not a feed: looks like an HTML page');
  if (root === null) throw new ParseError('not a feed: no XML root element');
  const format = formatOfRoot(root.name);
  // Some CMS templates print an XHTML DOCTYPE before the feed: the root, not the DOCTYPE, says what the document is.
  if (format === undefined && prepared.doctype !== null && /^<!DOCTYPE\s+html\b/i.test(prepared.doctype)) throw new ParseError('not a feed: looks like an HTML page');
  if (format === undefined) throw new ParseError(`not a feed: root element <${root.name}> is not <rss>, <rdf:RDF> or <feed>`);
  const entryName = format === 'atom' ? 'entry' : 'item';
  const xml = dropEmptyEntries(format === 'atom' ? renameAtomElements(rooted) : rooted, entryName, prepared.warnings);
  const blocks = splitBlocks(xml, entryName);
  const scope: XmlFeedScope = { format, feedUrl, root, head: xml.slice(0, blocks[0]?.start ?? xml.length), warnings: prepared.warnings };
  const parsed = await runRssParser(xml).catch((error: unknown) => error);
  if (parsed instanceof Error || !isRawFeed(parsed)) {
    if (blocks.length > 0) return recoverEntries(xml, blocks, scope, parsed);
    if (isEmptyFeedFailure(parsed)) return mapXmlFeed({}, [], scope);
    throw new ParseError(`${isXmlSyntaxError(parsed) ? 'not well-formed XML' : 'the feed could not be read'}: ${describe(parsed)}`, { cause: parsed });
  }
  // Entries are matched to their markup by position; if the counts differ the markup is not used.
  const aligned = parsed.items.length === blocks.length;
  const entries = parsed.items.map((raw, index): RawEntry => ({ raw, block: aligned ? blocks[index]?.text : undefined }));
  return mapXmlFeed(parsed.fields, entries, scope);
}

/** An Atom entry document (RFC 4287 §4.1.2, root <entry>) is read as a feed of that one entry. */
function wrapEntryDocument(xml: string, root: RootElement | null): { xml: string; root: RootElement | null } {
  if (root?.name !== 'entry') return { xml, root };
  const start = xml.indexOf(root.openTag);
  const wrapped = `${xml.slice(0, start)}<feed>${xml.slice(start)}</feed>`;
  return { xml: wrapped, root: findRootElement(wrapped) };
}

/**
 * An <item/> or <entry></entry> with nothing in it is no item at all (and
 * rss-parser throws a TypeError on an empty Atom entry): it is dropped
 * before parsing, with a warning.
 */
function dropEmptyEntries(xml: string, name: string, warnings: string[]): string {
  const empty = splitBlocks(xml, name).filter((block) => new RegExp(`^<${name}\\s*(?:/>|>\\s*</${name}\\s*>)$`).test(block.text));
  if (empty.length === 0) return xml;
  warnings.push(`skipped ${plural(empty.length, 'empty entry', 'empty entries')}`);
  let kept = '';
  let from = 0;
  for (const block of empty) {
    kept += xml.slice(from, block.start);
    from = block.end;
  }
  return kept + xml.slice(from);
}

/** sax reports a syntax error with its line and column; anything else thrown is rss-parser failing on a sound document. */
function isXmlSyntaxError(error: unknown): boolean {
  return error instanceof Error && /\nLine: \d+/.test(error.message);
}

function isRawFeed(value: unknown): value is RawFeed {
  return typeof value === 'object' && value !== null && 'items' in value && 'fields' in value;
}

/**
 * Text before the feed's root, typically a PHP warning ("<br /><b>Warning</b>:
 * …") printed ahead of the XML, is dropped so the feed itself can be read.
 */
function skipLeadingJunk(xml: string, warnings: string[]): { xml: string; root: RootElement | null } {
  const root = findRootElement(xml);
  if (root === null || formatOfRoot(root.name) !== undefined || HTML_ROOTS.has(root.name.toLowerCase())) return { xml, root };
  const start = maskOpaqueSections(xml).search(/<(?:rss|feed|rdf:RDF)(?=[\s/>])/);
  if (start < 0) return { xml, root };
  warnings.push(`skipped ${plural(start, 'character', 'characters')} of text before the feed's root element`);
  const rest = xml.slice(start);
  return { xml: rest, root: findRootElement(rest) };
}

function formatOfRoot(name: string): Exclude<FeedFormat, 'json'> | undefined {
  if (name === 'rss') return 'rss';
  if (name === 'rdf:RDF') return 'rdf';
  if (name === 'feed') return 'atom';
  return undefined;
}

/**
 * rss-parser 3.13 throws a TypeError on a channel-less <rss/> or an empty
 * <rdf:RDF/>, and "not recognized" on an empty <rss/>; with no entries in
 * the document, that is a feed with nothing in it.
 */
function isEmptyFeedFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && /not recognized/i.test(error.message));
}

/**
 * One broken entry must not cost the others: each <item>/<entry> is parsed
 * alone in a minimal envelope made of the document's root start tag (keeping
 * its namespace declarations and xml:base), and the sound ones are kept.
 */
async function recoverEntries(xml: string, blocks: readonly Block[], scope: XmlFeedScope, error: unknown): Promise<ParsedFeed> {
  const { warnings, root, format } = scope;
  const why = isXmlSyntaxError(error) ? 'the document is not well-formed XML' : 'the document could not be read as a whole';
  warnings.push(`${why} (${describe(error)}); its entries were read one by one`);
  const tail = xml.slice(blocks[blocks.length - 1]?.end ?? xml.length);
  let fields = {};
  try {
    fields = (await runRssParser(scope.head + tail)).fields;
  } catch {
    warnings.push("the feed's own title and link could not be read");
  }
  const entries: RawEntry[] = [];
  for (const block of blocks) {
    try {
      const raw = (await runRssParser(wrapEntry(block.text, root, format))).items[0];
      if (raw !== undefined) entries.push({ raw, block: block.text });
    } catch {
      // Counted below: the entry is not well-formed on its own either.
    }
  }
  const skipped = blocks.length - entries.length;
  const broken = isXmlSyntaxError(error) ? 'were not well-formed XML' : 'could not be read on their own';
  if (skipped > 0) warnings.push(`skipped ${skipped} of ${plural(blocks.length, 'entry', 'entries')} that ${broken}`);
  if (entries.length === 0) {
    const what = isXmlSyntaxError(error) ? 'not well-formed XML' : 'the feed could not be read';
    throw new ParseError(`${what}: ${describe(error)}; no entry could be read on its own`, { cause: error });
  }
  return mapXmlFeed(fields, entries, scope);
}

function wrapEntry(entry: string, root: RootElement, format: Exclude<FeedFormat, 'json'>): string {
  const open = root.openTag.replace(/\s*\/>$/, '>');
  if (format === 'rss') return `${open}<channel>${entry}</channel></${root.name}>`;
  // rss-parser's buildRSS1 reads channel[0] unconditionally.
  if (format === 'rdf') return `${open}<channel/>${entry}</${root.name}>`;
  return `${open}${entry}</${root.name}>`;
}

/** sax messages read "Unexpected close tag\nLine: 3\nColumn: 9\nChar: >". */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const [message = '', line, column] = error.message.split('\n');
  const where = [line, column].filter((part): part is string => part !== undefined && part !== '').map((part) => part.toLowerCase().replace(':', ''));
  return where.length > 0 ? `${message} at ${where.join(', ')}` : message;
}
