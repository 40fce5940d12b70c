import anyAscii from 'any-ascii';

/**
 * A word of any script in Latin letters, lower case, letters and digits
 * only: Столтенберг → stoltenberg, ნატო → nato, Kreml' → kreml. any-ascii
 * (ISC licence) carries a transliteration table for every Unicode script,
 * built from the national and ISO romanisations, so one call covers the
 * Cyrillic, Georgian, Armenian, Greek and Arabic a feed may send.
 */
export function toLatin(word: string): string {
  return /^[a-z0-9]*$/.test(word) ? word : anyAscii(word).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/*
 * The consonant skeleton of a name, after the spelling rules that differ
 * between languages' romanisations of the same sound: German sch/tsch/dsch,
 * English sh/ch/j, French j/ch, Russian-style zh/kh/ts, w for v, c and q for
 * k, z for s. Vowels (with y and j, which stand for vowels or glides in one
 * language or another) are dropped, and doubled letters merged: Peskov and
 * Peskow, Pashinyan and Paschinjan, Azerbaijan, Aserbaidschan and
 * Азербайджан (azerbaidzhan) meet. This is the idea of the phonetic keys of
 * record linkage (Soundex, Russell 1918; the NYSIIS and Daitch–Mokotoff
 * refinements for Slavic and Germanic names), cut to the differences seen
 * between transliterations rather than to English pronunciation.
 */
const SPELLINGS: [RegExp, string][] = [
  [/dzh|dsch|dz|dj|dž/g, 'j'],
  [/tsch|tch|tsh/g, '9'],
  [/sch|sh|sz|š|zh|ž/g, 's'],
  [/ch|cz|č/g, '9'],
  [/kh/g, 'h'],
  [/ck|c|q/g, 'k'],
  [/ph/g, 'f'],
  [/gh/g, 'g'],
  [/x/g, 'ks'],
  [/tz|ts/g, 's'],
  [/w/g, 'v'],
  [/z/g, 's'],
];

/** Longest skeleton kept: enough to tell names apart, short enough that case endings (Пескова, Песковым) fall off. */
export const SKELETON_LENGTH = 5;

/** The skeleton of a Latin-letter word (see toLatin), at most SKELETON_LENGTH letters. */
export function toSkeleton(latin: string): string {
  let word = latin.replace(/[0-9]/g, '');
  for (const [pattern, replacement] of SPELLINGS) word = word.replace(pattern, replacement);
  word = word.replace(/(.)\1+/g, '$1').replace(/[aeiouyj]/g, '').replace(/(.)\1+/g, '$1');
  return word.slice(0, SKELETON_LENGTH);
}

/**
 * Whether a Levenshtein distance of at most one separates two strings: one
 * substitution, insertion or deletion. Walks both once, without the
 * distance matrix: names are compared thousands of times per item.
 */
export function isWithinOneEdit(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i += 1;
  // Past the first difference the rest must match, after one substitution (same lengths) or one insertion into `short`.
  return short.length === long.length ? short.slice(i + 1) === long.slice(i + 1) : short.slice(i) === long.slice(i + 1);
}

/**
 * Two skeletons name the same thing: equal, or both of four letters or more,
 * one edit apart and the same first letter (Prigozhin prgn, Prigoschin prgsn).
 */
export function isSameName(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 4 && b.length >= 4 && a[0] === b[0] && isWithinOneEdit(a, b);
}
