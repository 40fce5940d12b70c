import type { EventFeatures } from './event-features.js';
import { isSameName } from './transliterate.js';

/** What comparing an item with a story found, and the score it gives: what `explain` shows. */
export interface EventEvidence {
  /** In [0, 1]; the item joins the best story at or above the threshold. */
  score: number;
  /** Cosine of the item's terms with the centroid of the story's reports (in the item's language when it has some). */
  termSimilarity: number;
  /** Cosine of the item's names with the story's name profile (the share of its reports using each name). */
  nameSimilarity: number;
  /** Terms, names, numbers, tallies and days the item shares with the story. */
  sharedTerms: string[];
  sharedNames: string[];
  sharedNumbers: string[];
  sharedTallies: string[];
  sharedDays: number[];
  /** Evidence against: what the item says that no report of the story says, in a slot both fill. */
  conflicts: string[];
  /** Hours from the item to the story's nearest report. */
  hoursApart: number;
}

export interface EventScoring {
  /** Weight of the names' similarity against the terms'. */
  nameWeight: number;
  /** Factor per conflict kind (tally, count, day). */
  tallyPenalty: number;
  numberPenalty: number;
  dayPenalty: number;
  headPenalty: number;
  /** Factor for an item sharing fewer than two names with the story. */
  fewNamesPenalty: number;
  /** A name with at least this weight is one the item stresses. */
  stressedName: number;
  /** Two named days this many days apart or more disagree. */
  dayTolerance: number;
  /** Added per shared distinctive number, tally or day, up to evidenceCap. */
  evidenceBonus: number;
  evidenceCap: number;
}

export const DEFAULT_SCORING: EventScoring = {
  nameWeight: 0.5,
  tallyPenalty: 0.2,
  numberPenalty: 0.25,
  dayPenalty: 0.5,
  headPenalty: 0.6,
  fewNamesPenalty: 0.6,
  stressedName: 5,
  dayTolerance: 1,
  evidenceBonus: 0.05,
  evidenceCap: 0.15,
};

type Vector = ReadonlyMap<string, number>;

function unitVector(terms: Vector): Map<string, number> {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, tf] of terms) {
    const w = 1 + Math.log(tf);
    vector.set(term, w);
    norm += w * w;
  }
  const length = Math.sqrt(norm) || 1;
  for (const [term, w] of vector) vector.set(term, w / length);
  return vector;
}

/** The mean of the members' unit term vectors (Rocchio's centroid, as TDT's story models are). */
function centroidOf(members: readonly EventFeatures[]): Map<string, number> {
  const centroid = new Map<string, number>();
  for (const member of members) for (const [term, w] of unitVector(member.terms)) centroid.set(term, (centroid.get(term) ?? 0) + w / members.length);
  return centroid;
}

function cosine(a: Vector, b: Vector): { value: number; shared: string[] } {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const shared: { term: string; w: number }[] = [];
  for (const [term, w] of a) {
    na += w * w;
    const v = b.get(term);
    if (v !== undefined) {
      dot += w * v;
      shared.push({ term, w: w * v });
    }
  }
  for (const v of b.values()) nb += v * v;
  const value = na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
  return { value, shared: shared.sort((x, y) => y.w - x.w).map((s) => s.term) };
}

function compareNames(item: readonly string[], members: readonly EventFeatures[]): { value: number; shared: string[] } {
  if (item.length === 0 || members.length === 0) return { value: 0, shared: [] };
  const profile = new Map<string, number>();
  for (const member of members) for (const name of new Set(member.names)) profile.set(name, (profile.get(name) ?? 0) + 1 / members.length);
  let dot = 0;
  const shared: string[] = [];
  for (const name of item) {
    const share = members.filter((m) => m.names.some((n) => isSameName(n, name))).length / members.length;
    if (share > 0) shared.push(name);
    dot += share;
  }
  let norm = 0;
  for (const p of profile.values()) norm += p * p;
  // One shared name (an acronym, a capital city) is what two events on one subject share by chance: the similarity counts fully from MIN_SHARED_NAMES.
  const confidence = Math.min(1, shared.length / MIN_SHARED_NAMES);
  return { value: Math.min(1, dot / Math.sqrt(item.length * norm)) * confidence, shared };
}

/** Two counts agree when equal, or, from 100 up, within 5 % ("65 thousand" and "65,036"; not 65,036 and 78,354). */
function numbersAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return Math.max(x, y) >= 100 && Math.abs(x - y) <= 0.05 * Math.max(x, y);
}

const COUNT_CONFLICT = 100;

/** The names that at least half the reports stress (weigh at least `stressed`). */
function stressedByMost(members: readonly EventFeatures[], stressed: number): string[] {
  const counts = new Map<string, number>();
  for (const m of members) m.names.forEach((n, k) => { if ((m.nameWeights[k] ?? 0) >= stressed) counts.set(n, (counts.get(n) ?? 0) + 1); });
  return [...counts].filter(([, n]) => n * 2 >= members.length).map(([name]) => name);
}

const MIN_SHARED_NAMES = 2;
/** Headline names of an item that no report of a story in other languages names, from which it reports another event. */
const MIN_FOREIGN_HEADS = 3;

const reversed = (tally: string): string => tally.split('-').reverse().join('-');

/**
 * An item compared with a story: the TDT comparison of a document with a
 * story's centroid (Allan et al. 1998, Yang et al. 1998) — weighted terms,
 * and names matched across scripts — then the numbers as evidence both
 * ways: a result or vote that differs (61–40, 61–9), a headline count that
 * no report of the story has, a named day two or more days from every day
 * the story names, each cut the score; each shared one adds to it.
 */
export function scoreEvent(item: EventFeatures, members: readonly EventFeatures[], scoring: EventScoring = DEFAULT_SCORING): EventEvidence {
  const sameLanguage = item.lang === '' ? [] : members.filter((m) => m.lang === item.lang);
  const terms = cosine(unitVector(item.terms), centroidOf(sameLanguage.length > 0 ? sameLanguage : members));
  const names = compareNames(item.names, members);
  const storyNumbers = [...new Set(members.flatMap((m) => m.numbers))];
  const storyTallies = new Set(members.flatMap((m) => m.tallies));
  const storyDays = [...new Set(members.flatMap((m) => m.days))];
  const sharedNumbers = item.numbers.filter((n) => storyNumbers.some((s) => numbersAgree(n, s)));
  const sharedTallies = item.tallies.filter((t) => storyTallies.has(t) || storyTallies.has(reversed(t)));
  const sharedDays = item.days.filter((d) => storyDays.some((s) => Math.abs(s - d) < scoring.dayTolerance));
  const conflicts: string[] = [];
  if (item.tallies.length > 0 && storyTallies.size > 0 && sharedTallies.length === 0) conflicts.push(`tally ${item.tallies.join(', ')} vs ${[...storyTallies].join(', ')}`);
  // Counts under COUNT_CONFLICT (a "32nd member", France 24, the dead of the first hour) differ between reports of one event; a count in the hundreds or thousands is the event's own.
  const itemCounts = item.numbers.filter((n) => Number(n) >= COUNT_CONFLICT);
  const storyCounts = storyNumbers.filter((n) => Number(n) >= COUNT_CONFLICT);
  if (itemCounts.length > 0 && storyCounts.length > 0 && !itemCounts.some((n) => storyCounts.some((s) => numbersAgree(n, s)))) conflicts.push(`counts ${itemCounts.join(', ')} vs ${storyCounts.join(', ')}`);
  // A name the item stresses (in its headline and lead, or again and again) that no report of the story in its language
  // mentions is another event about the same people: the reaction to an announcement, the next milestone.
  // Only reports in the item's language tell: another language names the same country or body otherwise (Грузия, Georgia; ОДКБ, CSTO).
  const newHeads = sameLanguage.length === 0 ? [] : item.names.filter((n, k) => (item.nameWeights[k] ?? 0) >= scoring.stressedName && !sameLanguage.some((m) => m.names.some((o) => isSameName(o, n))));
  if (newHeads.length > 0) conflicts.push(`stressed names ${newHeads.join(', ')} absent from the story`);
  // Across languages one name written otherwise is expected, several are not: a report that stresses
  // the Kremlin, Armenia's CSTO membership and Peskov in its headline, none of which a story in another language names, reports another event.
  const foreignHeads = sameLanguage.length > 0 ? [] : item.heads.filter((n) => !members.some((m) => m.names.some((o) => isSameName(o, n))));
  if (foreignHeads.length >= MIN_FOREIGN_HEADS) conflicts.push(`stressed names ${foreignHeads.join(', ')} absent from the story's reports in other languages`);
  // And the other way: a name most of the story's reports in the item's language stress, which the item never mentions.
  const missing = stressedByMost(sameLanguage, scoring.stressedName).filter((n) => !item.names.some((o) => isSameName(o, n)));
  if (missing.length > 0) conflicts.push(`stressed names ${missing.join(', ')} of the story absent from the item`);
  if (item.days.length > 0 && storyDays.length > 0 && sharedDays.length === 0) conflicts.push('days');
  const base = (1 - scoring.nameWeight) * terms.value + scoring.nameWeight * names.value;
  const evidence = Math.min(scoring.evidenceCap, scoring.evidenceBonus * (sharedNumbers.length + sharedTallies.length + (sharedDays.length > 0 ? 1 : 0)));
  let score = base + evidence;
  for (const c of conflicts) score *= c.startsWith('tally') ? scoring.tallyPenalty : c.startsWith('counts') ? scoring.numberPenalty : c.startsWith('stressed') ? scoring.headPenalty : scoring.dayPenalty;
  // Each further stressed name the story never mentions (Kremlin and Peskov reacting to the result they do not report) is one more piece of evidence.
  if (newHeads.length > 1) score *= scoring.headPenalty;
  // Who and where: an event's reports name its people and places; two stories that share words but fewer than two names are two events on one subject.
  if (names.shared.length < MIN_SHARED_NAMES) {
    conflicts.push(`only ${names.shared.length} shared name${names.shared.length === 1 ? '' : 's'}`);
    score *= scoring.fewNamesPenalty;
  }
  const hoursApart = Math.min(...members.map((m) => Math.abs(m.hour - item.hour)));
  return {
    score: Math.max(0, Math.min(1, score)),
    termSimilarity: terms.value,
    nameSimilarity: names.value,
    sharedTerms: terms.shared,
    sharedNames: names.shared,
    sharedNumbers,
    sharedTallies,
    sharedDays,
    conflicts,
    hoursApart,
  };
}
