/**
 * White space collapsed: every run of it (JavaScript's \s: Unicode White_Space
 * and the line terminators) one plain space, none at either end — text as an
 * HTML user agent shows it (CSS Text §4.1.1, white-space: normal). Only runs
 * that are not already one plain space are replaced: the same result as
 * replacing every run, without rebuilding the string for each space between
 * two words.
 */
const WHITESPACE_TO_COLLAPSE = /\s\s+|[^\S ]/g;

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}
