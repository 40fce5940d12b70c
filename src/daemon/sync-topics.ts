import { rematchRules } from '../alerts/index.js';
import type { Config } from '../config/types.js';
import type { Store, TopicMatch } from '../store/index.js';
import { classifyItem, type CompiledTopic } from '../update/match-topics.js';

/**
 * Recomputes membership for the topics whose effective query changed since it
 * was last computed (and only those), and forgets removed topics. Membership
 * of unchanged topics was kept current at ingest.
 */
export async function syncTopics(store: Store, config: Config, topics: readonly CompiledTopic[], now: Date): Promise<string[]> {
  const stored = await store.topics.getSignatures();
  const changed = topics.filter((t) => stored.get(t.topic.id) !== t.signature);
  const configured = new Set(topics.map((t) => t.topic.id));
  const removed = [...stored.keys()].filter((id) => !configured.has(id));
  if (changed.length === 0 && removed.length === 0) return [];

  const titles = new Map(config.sources.map((s) => [s.id, s.title]));
  const matches = new Map<string, TopicMatch[]>(changed.map((t) => [t.topic.id, []]));
  for await (const item of store.topics.iterateItems()) {
    for (const topicId of classifyItem(changed, item, titles.get(item.sourceId) ?? item.sourceId)) {
      matches.get(topicId)?.push({ itemId: item.id, storyId: item.storyId });
    }
  }
  await store.topics.rewrite({
    replaced: changed.map((t) => ({ topicId: t.topic.id, signature: t.signature, matches: matches.get(t.topic.id) ?? [] })),
    removed,
    // A re-match files old stories: alerts record them without sending (README "Alerts").
    ...(config.alerts.length > 0 ? { alerts: { rules: rematchRules(config.alerts), now: now.toISOString() } } : {}),
  });
  return [...changed.map((t) => t.topic.id), ...removed];
}
