import type { AlertStory, HttpMessage } from './types.js';

export interface NtfyTarget {
  url: string;
  token?: string;
  priority: number;
  tags: readonly string[];
}

/** ntfy caps a message at 4,096 bytes; a notification reads well far shorter. */
const MAX_MESSAGE = 1000;

/**
 * An ntfy notification through its JSON publish API (https://docs.ntfy.sh/publish/,
 * "Publish as JSON"): POSTed to the server's root with the topic in the body,
 * so titles in any script need no header encoding. The click opens the story.
 */
export function renderNtfy(alert: NtfyTarget, story: AlertStory, key: string): HttpMessage {
  const { root, topic } = splitTopicUrl(alert.url);
  const names = story.outlets.map((o) => o.sourceTitle);
  const lines = [
    `${names.length} outlet${names.length === 1 ? '' : 's'}: ${names.join(', ')}`,
    `Topics: ${story.topics.map((t) => t.title).join(', ')}`,
    ...(story.summary ? ['', story.summary] : []),
  ];
  let message = lines.join('\n');
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`;
  const body = JSON.stringify({
    topic,
    title: story.title,
    message,
    ...(story.link ? { click: story.link } : {}),
    tags: alert.tags,
    priority: alert.priority,
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': `"${key}"` };
  if (alert.token !== undefined) headers.authorization = `Bearer ${alert.token}`;
  return { kind: 'http', url: root, headers, body };
}

/** https://ntfy.example.org/caucasus → the root https://ntfy.example.org/ and the topic "caucasus". */
export function splitTopicUrl(url: string): { root: string; topic: string } {
  const parsed = new URL(url);
  const segments = parsed.pathname.replace(/\/+$/, '').split('/');
  const topic = decodeURIComponent(segments.pop() ?? '');
  parsed.pathname = `${segments.join('/')}/`;
  parsed.search = '';
  parsed.hash = '';
  return { root: parsed.href, topic };
}
