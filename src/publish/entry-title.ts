import { collapseWhitespace, firstSentence } from '../text/index.js';

/** How long a title made from an item's text may be, in characters. */
const TITLE_LENGTH = 80;

/**
 * A title for an item the feed gave none (RSS 2.0 makes <title> optional
 * when <description> is there): its text's first sentence, or its opening
 * cut at a word, as feed readers show such an item. Never the source's name:
 * every untitled item of a source would read the same.
 */
export function titleFromText(text: string, link: string | null): string {
  const plain = collapseWhitespace(text);
  if (plain === '') return link ?? '(untitled)';
  const sentence = firstSentence(plain);
  if (sentence.length <= TITLE_LENGTH) return sentence;
  const cut = sentence.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
