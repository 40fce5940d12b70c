/**
 * Folding: the form in which two spellings of one word compare equal, for
 * topic queries, fingerprints and near-duplicate keys alike. It follows
 * Unicode's compatibility caseless match (The Unicode Standard §3.13, D146)
 * as far as JavaScript allows: compatibility decomposition (NFKD, Unicode
 * TR15: "ﬁ" → "fi", "Ｎ" → "N", "²" → "2"), lower case, combining marks
 * removed (Cáucaso → caucaso, Süd → sud: the accent is what copies drop or
 * mistype), then the two lower-case letters whose full case folding
 * (CaseFolding.txt, status F) still differs: ß → ss (a Swiss copy of a German
 * story writes "Strasse") and final sigma ς → σ (a word cut short, or set in
 * capitals, loses its final form).
 *
 * NFKD comes before lower case: a compatibility character without a lower
 * case of its own ("𝐀", "ℌ") decomposes to a capital that must still be
 * lowered.
 */

const MARKS = /\p{M}+/gu;
const ASCII_ONLY = /^[\x00-\x7F]*$/;

/**
 * No ASCII character decomposes under NFKD or is a mark, so ASCII text folds
 * to its lower case alone. Most feed text is ASCII, and this skips the
 * Unicode passes, which are the cost of folding.
 */
export function isAsciiText(text: string): boolean {
  return ASCII_ONLY.test(text);
}

export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').toLowerCase().replace(MARKS, '').replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}
