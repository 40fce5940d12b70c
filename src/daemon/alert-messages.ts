import { describeStory, rankStories, renderDigestMail, renderNtfy, renderStoryMail, renderWebhook, type AlertMessage, type AlertStory } from '../alerts/index.js';
import type { AlertConfig, Config } from '../config/types.js';
import type { Store } from '../store/index.js';

/** A delivery to render: which alert, which stories, under which key. */
export interface DeliveryContent {
  alert: AlertConfig;
  key: string;
  kind: 'story' | 'digest';
  storyIds: readonly number[];
  /** A digest's period end. */
  queuedAt: Date;
}

/** Stories as alerts show them, read from the store as they are now (a retry shows the outlets that joined since). */
export async function readAlertStories(store: Store, config: Config, storyIds: readonly number[]): Promise<AlertStory[]> {
  const topicTitles = new Map(config.topics.map((t) => [t.id, t.title]));
  const sourceTitles = new Map(config.sources.map((s) => [s.id, s.title]));
  const stories: AlertStory[] = [];
  for (const id of storyIds) {
    const story = await store.stories.readStory(id);
    if (story === undefined) continue;
    const topics = (await store.topics.topicsOfStory(id)).map((topic) => ({ id: topic, title: topicTitles.get(topic) ?? topic }));
    stories.push(describeStory(story, topics, (sourceId) => sourceTitles.get(sourceId) ?? sourceId));
  }
  return stories;
}

/** The message of one delivery, or undefined when none of its stories is stored any more. */
export function renderAlertMessage(content: DeliveryContent, stories: readonly AlertStory[], config: Config, attemptAt: Date): AlertMessage | undefined {
  const { alert, key } = content;
  const [story] = stories;
  if (story === undefined) return undefined;
  switch (alert.type) {
    case 'webhook':
      return renderWebhook({ id: alert.id, url: alert.url, ...(alert.secret === undefined ? {} : { secret: alert.secret }) }, story, key, attemptAt);
    case 'ntfy':
      return renderNtfy(alert, story, key);
    case 'email': {
      const from = config.smtp?.from ?? '';
      const topicTitles = new Map(config.topics.map((t) => [t.id, t.title]));
      const target = { id: alert.id, to: alert.to, subjectPrefix: alert.subjectPrefix, topics: alert.topics.map((id) => ({ id, title: topicTitles.get(id) ?? id })) };
      if (content.kind === 'digest') return renderDigestMail(target, rankStories(stories), { end: content.queuedAt }, key, from);
      return renderStoryMail(target, story, key, from);
    }
  }
}

/** A receiver as logs and `alerts list` show it: its origin only, since its path may be its secret (an ntfy topic, a chat hook). */
export function describeReceiver(alert: AlertConfig): string {
  if (alert.type === 'email') return `mail to ${alert.to.join(', ')}`;
  try {
    return `${alert.type} ${new URL(alert.url).origin}/…`;
  } catch {
    return alert.type;
  }
}
