import { escapeHtml, sha256 } from '../text/index.js';
import type { AlertStory, MailMessage } from './types.js';

export interface MailTarget {
  id: string;
  to: readonly string[];
  subjectPrefix: string;
  topics: readonly { id: string; title: string }[];
}

/** "19 Mar 2024, 10:12 UTC": mail clients show it as written. */
function formatTime(iso: string | null): string {
  if (iso === null) return 'undated';
  const at = new Date(iso);
  const month = at.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${at.getUTCDate()} ${month} ${at.getUTCFullYear()}, ${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/**
 * A Message-ID (RFC 5322 §3.6.4) derived from the delivery's key: a mail
 * sent again after a crash is the same message, which clients show once.
 */
export function mailMessageId(key: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'topicwire.invalid';
  return `<${sha256(key).slice(0, 32)}@${domain}>`;
}

function storyText(story: AlertStory, index?: number): string[] {
  const count = story.outlets.length;
  return [
    `${index === undefined ? '' : `${index + 1}. `}${story.title}`,
    ...(story.link ? [`   ${story.link}`] : []),
    `   ${count} outlet${count === 1 ? '' : 's'} · first seen ${formatTime(story.firstSeenAt)} · ${story.topics.map((t) => t.title).join(', ')}`,
    ...story.outlets.map((o) => `   - ${o.sourceTitle}${o.publishedAt ? `, ${formatTime(o.publishedAt)}` : ''}${o.link ? `: ${o.link}` : ''}`),
  ];
}

function storyHtml(story: AlertStory): string {
  const title = escapeHtml(story.title);
  const count = story.outlets.length;
  const outlets = story.outlets
    .map((o) => `<li>${o.link ? `<a href="${escapeHtml(o.link)}">${escapeHtml(o.sourceTitle)}</a>` : escapeHtml(o.sourceTitle)}${o.publishedAt ? `, ${escapeHtml(formatTime(o.publishedAt))}` : ''}</li>`)
    .join('');
  return [
    `<h2 style="font-size:1.1em;margin:1em 0 .2em">${story.link ? `<a href="${escapeHtml(story.link)}">${title}</a>` : title}</h2>`,
    `<p style="margin:0;color:#555">${count} outlet${count === 1 ? '' : 's'} · first seen ${escapeHtml(formatTime(story.firstSeenAt))} · ${escapeHtml(story.topics.map((t) => t.title).join(', '))}</p>`,
    story.summary ? `<p>${escapeHtml(story.summary)}</p>` : '',
    `<ul>${outlets}</ul>`,
  ].join('\n');
}

function wrapHtml(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family:sans-serif;max-width:40em">\n${body}\n</body></html>\n`;
}

/** One mail for one story (an email alert without "digest"). */
export function renderStoryMail(alert: MailTarget, story: AlertStory, key: string, from: string): MailMessage {
  const subject = `${alert.subjectPrefix}${story.title}`;
  return {
    kind: 'mail',
    to: alert.to,
    subject,
    text: `${storyText(story).join('\n')}\n\n${story.summary ? `${story.summary}\n\n` : ''}-- \ntopicwire alert "${alert.id}"\n`,
    html: wrapHtml(subject, `${storyHtml(story)}\n<p style="color:#888">topicwire alert “${escapeHtml(alert.id)}”</p>`),
    messageId: mailMessageId(key, from),
  };
}

/**
 * One mail for a digest period: its new stories ranked by how many outlets
 * carry them (rankStories), in plain text and HTML.
 */
export function renderDigestMail(alert: MailTarget, ranked: readonly AlertStory[], period: { end: Date }, key: string, from: string): MailMessage {
  const topics = alert.topics.map((t) => t.title).join(', ');
  const subject = `${alert.subjectPrefix}${ranked.length} new ${ranked.length === 1 ? 'story' : 'stories'} in ${topics}`;
  const heading = `${ranked.length} new ${ranked.length === 1 ? 'story' : 'stories'} in ${topics}, until ${formatTime(period.end.toISOString())}, most reported first.`;
  const text = [heading, '', ...ranked.flatMap((story, i) => [...storyText(story, i), '']), `-- \ntopicwire digest "${alert.id}"`].join('\n');
  const html = wrapHtml(subject, [`<p>${escapeHtml(heading)}</p>`, `<ol style="padding-left:1.2em">${ranked.map((s) => `<li>${storyHtml(s)}</li>`).join('\n')}</ol>`, `<p style="color:#888">topicwire digest “${escapeHtml(alert.id)}”</p>`].join('\n'));
  return { kind: 'mail', to: alert.to, subject, text: `${text}\n`, html, messageId: mailMessageId(key, from) };
}
