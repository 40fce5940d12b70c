import { compareItems, DEFAULT_SCORING, parseEventFeatures, scoreEvent, type EventEvidence } from '../../cluster/index.js';
import { EVENT_MEMBERS } from '../../update/dedup-rules.js';
import { toMatchDocument } from '../../update/match-topics.js';
import { TopicwireError } from '../../errors.js';
import type { StoredItem } from '../../model.js';
import { explainMatch, prepareDocument, type MatchReason } from '../../topics/index.js';
import type { CliContext } from '../context.js';
import { openApp, type App } from '../open-app.js';

/**
 * `topicwire explain ITEM` (an item id or link): for each topic, whether the
 * item's story is in it and which part of the query decided; and which items
 * and sources the story was merged with, and why.
 */
export async function runExplain(ctx: CliContext, ref: string, options: { config?: string; all?: boolean }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const items = await app.store.stories.findItems(ref);
    if (items.length === 0) throw new TopicwireError(`no stored item with id or link ${ref}`);
    ctx.out((await Promise.all(items.map((item) => explainItem(app, item, options.all === true)))).join('\n'));
    return 0;
  } finally {
    await app.close();
  }
}

/** A query that does not match lists every term it looked for; a few tell the story (--all lists them all). */
const maxMissing = 4;

async function explainItem(app: App, item: StoredItem, all: boolean): Promise<string> {
  const titles = new Map(app.config.sources.map((s) => [s.id, s.title]));
  const story = await app.store.stories.readStory(item.storyId);
  const lines = [`item ${item.id}: ${item.title}`, `  source: ${item.sourceId}  link: ${item.link ?? '-'}  identity: ${item.identityKey}`];
  if (item.detached) lines.push('  split off its former story by `stories split`: it stays in a story of its own');
  if (story) {
    lines.push(`  story ${story.uid} (face: item ${story.face.id} from ${story.face.sourceId})`);
    for (const other of [story.face, ...story.others].filter((i) => i.id !== item.id)) {
      lines.push(`    merged with item ${other.id} from ${other.sourceId}: ${describeMerge(item, other, app.config.dedup)}`);
    }
    if (item.mergeReason === 'event') lines.push(...explainEvent(item, [story.face, ...story.others], app.config.dedup.eventThreshold).map((line) => `      ${line}`));
  }
  const storyTopics = new Set(await app.store.topics.topicsOfStory(item.storyId));
  const doc = prepareDocument(toMatchDocument(item, titles.get(item.sourceId) ?? item.sourceId));
  for (const { topic, query, sources } of app.topics) {
    const inTopic = storyTopics.has(topic.id) ? 'IN ' : 'OUT';
    if (sources && !sources.has(item.sourceId)) {
      lines.push(`  ${inTopic} ${topic.id}: this item's source ${item.sourceId} is not among the topic's sources`);
      continue;
    }
    const result = explainMatch(query, doc);
    const via = storyTopics.has(topic.id) && !result.matched ? ' (through another item of its story)' : '';
    lines.push(`  ${inTopic} ${topic.id}: query ${result.matched ? 'matches' : 'does not match'} this item${via}${describeExclusion(result.reasons)}`);
    lines.push(...formatReasons(result.reasons, all).map((line) => `        ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

/** "; kept out by NOT @us-georgia": the NOTs whose terms the item has, named in the topic's line. */
function describeExclusion(reasons: readonly MatchReason[]): string {
  const nots = reasons.filter((reason) => reason.kind === 'excluded').map((reason) => reason.term);
  return nots.length === 0 ? '' : `; kept out by ${nots.join(', ')}`;
}

/** Every reason but the terms not found past the first few, unless --all. */
function formatReasons(reasons: readonly MatchReason[], all: boolean): string[] {
  const missing = reasons.filter((reason) => reason.kind === 'missing');
  const hidden = all ? 0 : Math.max(0, missing.length - maxMissing);
  const shown = hidden === 0 ? reasons : reasons.filter((reason) => reason.kind !== 'missing' || missing.indexOf(reason) < maxMissing);
  const lines = shown.map((reason) => reason.text);
  if (hidden > 0) lines.push(`… and ${hidden} more terms not found (--all lists them)`);
  return lines;
}

interface Thresholds {
  threshold: number;
  eventThreshold: number;
}

function describeMerge(a: StoredItem, b: StoredItem, thresholds: Thresholds): string {
  if (a.mergedWith === b.id) return describeJoin(a, b, thresholds);
  if (b.mergedWith === a.id) return describeJoin(b, a, thresholds);
  if (a.canonicalLink !== null && a.canonicalLink === b.canonicalLink) return `same canonical link ${a.canonicalLink}`;
  if (a.fingerprint === b.fingerprint) return 'same title and lead text (fingerprint)';
  return 'joined through another item of the story';
}

/** Why `joined` joined the story, as recorded when it was stored: it matched `matched`. */
function describeJoin(joined: StoredItem, matched: StoredItem, { threshold, eventThreshold }: Thresholds): string {
  const which = `item ${joined.id} joined`;
  if (joined.mergeReason === 'event' && joined.mergeScore !== null) {
    return `${which} as another report of the same event; its closest report is item ${matched.id} (score ${joined.mergeScore.toFixed(2)} against the story, threshold ${eventThreshold})`;
  }
  if (joined.mergeReason === 'link') return `${which}: same canonical link ${joined.canonicalLink ?? ''}`;
  if (joined.mergeReason === 'fingerprint') return `${which}: same title and lead text (fingerprint)`;
  if (joined.mergeReason !== 'near-duplicate' || joined.mergeScore === null) return 'joined through another item of the story';
  const now = compareItems(joined, matched);
  const percent = (share: number): string => `${Math.round(share * 100)} %`;
  return (
    `${which} as a near-duplicate of item ${matched.id} (score ${joined.mergeScore.toFixed(2)}, threshold ${threshold}): ` +
    `${percent(now.containment)} of the shorter text and ${percent(now.lead)} of its lead are in the other`
  );
}

/**
 * The evidence of an event join, worked out again from the stored evidence:
 * the item against the story's reports stored before it (at most
 * EVENT_MEMBERS, as the decision saw them; later reports may have joined
 * since, so the score can differ a little from the recorded one).
 */
function explainEvent(item: StoredItem, reports: readonly StoredItem[], threshold: number): string[] {
  const own = item.eventFeatures === null ? undefined : parseEventFeatures(item.eventFeatures);
  const before = reports.filter((r) => r.id < item.id && r.eventFeatures !== null).slice(0, EVENT_MEMBERS);
  const members = before.flatMap((r) => {
    const parsed = parseEventFeatures(r.eventFeatures ?? '');
    return parsed ? [parsed] : [];
  });
  if (own === undefined || members.length === 0) return ['(no stored event evidence to show)'];
  return describeEvidence(scoreEvent(own, members, DEFAULT_SCORING), threshold, members.length);
}

function describeEvidence(e: EventEvidence, threshold: number, reports: number): string[] {
  const list = (values: readonly (string | number)[], none = 'none'): string => (values.length === 0 ? none : values.join(', '));
  const day = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return [
    `event score ${e.score.toFixed(2)} (threshold ${threshold}) against ${reports} earlier report${reports === 1 ? '' : 's'}, ${e.hoursApart} h from the nearest`,
    `terms: similarity ${e.termSimilarity.toFixed(2)} to the story's centroid; shared: ${list(e.sharedTerms.slice(0, 12))}`,
    `names (consonant skeletons, any script): similarity ${e.nameSimilarity.toFixed(2)}; shared: ${list(e.sharedNames)}`,
    `numbers shared: ${list(e.sharedNumbers)}; results and votes shared: ${list(e.sharedTallies)}; days named by both: ${list(e.sharedDays.map(day))}`,
    `against: ${list(e.conflicts)}`,
  ];
}
