/**
 * A sentence end: one or more sentence terminals — Unicode's
 * Sentence_Terminal property (UAX #29 §5.1: . ! ? and their forms in other
 * scripts, e.g. 。 ！ ？ ؟ ։ ।) and the ellipsis "…", which news uses to end a
 * sentence that trails off — then any closing punctuation (quotes of any
 * style, brackets), then white space or the end of the text. Requiring the
 * white space keeps "3.5", "U.S.-led" and "example.com" whole; it also means
 * a sentence in a script written without spaces ends only at a space.
 */
const SENTENCE_END = /[\p{Sentence_Terminal}…]+["'\p{Pe}\p{Pf}\p{Pi}]*(?=\s|$)/gu;

/** The offset just past each sentence end of `text`, in order. */
export function* findSentenceEnds(text: string): Generator<number> {
  for (const end of text.matchAll(SENTENCE_END)) yield end.index + end[0].length;
}

/** Whether the gap between two words holds a sentence end, so the word after it opens a sentence. */
export function endsSentence(gap: string): boolean {
  return gap.search(SENTENCE_END) !== -1;
}

/** The text up to its first sentence end after some words (not at its very start), or all of it when it has none. */
export function firstSentence(text: string): string {
  for (const end of text.matchAll(SENTENCE_END)) if (end.index > 0) return text.slice(0, end.index + end[0].length);
  return text;
}
