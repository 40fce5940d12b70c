const OWN_PREFIX = 'urn:topicwire:';

/**
 * A story's entry id in one topic's feeds: RSS guid, Atom id and JSON Feed id
 * alike. Readers such as newsboat key items by guid across every feed they
 * hold, so a story filed under two topics needs a different id in each, or a
 * reader subscribed to both shows it under one only. The id is the topic's id
 * and the story's, so a story keeps it within its topic for good. It is an IRI
 * (Atom requires one, RFC 4287 §4.2.6): characters a URN may not hold
 * (RFC 8141 §2) are percent-encoded.
 */
export function toTopicEntryId(topicId: string, storyId: string): string {
  const story = storyId.startsWith(OWN_PREFIX) ? storyId.slice(OWN_PREFIX.length) : storyId;
  const safe = story.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (char) => encodeURIComponent(char));
  return `${OWN_PREFIX}topic:${encodeURIComponent(topicId)}:${safe}`;
}

/** URL paths of one topic's feeds and page; ids are percent-encoded so any id makes a valid URL. */
export function topicFeedPath(topicId: string, format: 'rss' | 'atom' | 'json' | 'html'): string {
  return `/topics/${encodeURIComponent(topicId)}.${format}`;
}
