import { alertKey } from './alert-key.js';
import type { AlertRule, Firing, StoryFacts } from './types.js';

/**
 * Which alerts fire for the stories a write touched (README "Alerts"): an
 * alert fires for a story in any of its topics once it has `minOutlets`
 * distinct sources, and never again for it — `recorded` holds the alerts it
 * already fired, so a later copy, or the story's second topic, fires nothing.
 */
export function decideFirings(rules: readonly AlertRule[], stories: readonly StoryFacts[]): Firing[] {
  const firings: Firing[] = [];
  for (const story of stories) {
    for (const rule of rules) {
      if (story.recorded.includes(rule.id) || story.outlets < rule.minOutlets) continue;
      if (!rule.topics.some((topic) => story.topics.includes(topic))) continue;
      firings.push({ alertId: rule.id, storyUid: story.uid, mode: rule.mode, key: alertKey(rule.id, { story: story.uid }) });
    }
  }
  return firings;
}
