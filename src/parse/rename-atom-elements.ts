import { mapOutsideOpaqueSections } from './xml-sections.js';

/**
 * Atom elements renamed before rss-parser sees them, to be read raw instead.
 * rss-parser 3.13 (lib/parser.js parseItemAtom) calls
 * `new Date(published).toISOString()`, which throws on one bad date and fails
 * the whole feed, and its getLink reads `link.$.rel`, which throws on a
 * <link> without attributes.
 */
export const RENAMED = { published: 'tw:published', updated: 'tw:updated', link: 'tw:link' } as const;

export function renameAtomElements(xml: string): string {
  return mapOutsideOpaqueSections(xml, (text) => text.replace(/<(\/?)(published|updated|link)(?=[\s/>])/g, '<$1tw:$2'));
}
