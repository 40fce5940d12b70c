import type { Config, TopicConfig } from '../config/types.js';
import type { NormalizedItem } from '../model.js';
import { formatQuery, matchQuery, parseQuery, prepareDocument, type QueryNode } from '../topics/index.js';
import type { MatchDocument, PreparedDocument } from '../topics/index.js';

export interface CompiledTopic {
  topic: TopicConfig;
  query: QueryNode;
  /** Changes when the topic's effective query (or a definition it uses) or its sources change. */
  signature: string;
  sources: ReadonlySet<string> | undefined;
}

/** Parses every topic query once per config, with @names expanded. */
export function compileTopics(config: Config): CompiledTopic[] {
  return config.topics.map((topic) => {
    const query = parseQuery(topic.query, config.define);
    const sources = topic.sources === undefined ? undefined : new Set(topic.sources);
    const signature = `${formatQuery(query)}\nsources=${topic.sources?.slice().sort().join(',') ?? '*'}`;
    return { topic, query, signature, sources };
  });
}

export function toMatchDocument(item: NormalizedItem, sourceTitle: string): MatchDocument {
  return {
    title: item.title,
    text: item.text,
    categories: item.categories,
    author: item.author ?? '',
    sourceId: item.sourceId,
    sourceTitle,
    lang: item.lang ?? '',
    link: item.link ?? '',
  };
}

export function matchTopics(topics: readonly CompiledTopic[], item: NormalizedItem, doc: PreparedDocument): string[] {
  return topics
    .filter((t) => (t.sources === undefined || t.sources.has(item.sourceId)) && matchQuery(t.query, doc))
    .map((t) => t.topic.id);
}

/** The topics one item belongs to; every topic query is matched against one tokenisation of it. */
export function classifyItem(topics: readonly CompiledTopic[], item: NormalizedItem, sourceTitle: string): string[] {
  return matchTopics(topics, item, prepareDocument(toMatchDocument(item, sourceTitle)));
}

/**
 * Where an update's topics are matched: the reader matches them while it
 * reads a body (on a worker thread; see feed-readers.ts), and what it left
 * (a job that did not ask) is matched here, on this thread, for the items
 * that are stored or updated only.
 */
export function topicsOfRead(
  topics: readonly CompiledTopic[],
  sourceTitle: string,
  matched: readonly (readonly string[])[] | undefined,
): (item: NormalizedItem, index: number) => readonly string[] {
  return (item, index) => matched?.[index] ?? classifyItem(topics, item, sourceTitle);
}
