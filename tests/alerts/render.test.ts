import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alertKey, rankStories, renderDigestMail, renderNtfy, renderStoryMail, renderWebhook, splitTopicUrl, type AlertStory } from '../../src/alerts/index.js';

const seed: AlertStory = {
  uid: 'urn:topicwire:story:0123456789abcdef0123456789abcdef',
  title: 'NATO will not bring stability to the Caucasus – Kremlin',
  link: 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/',
  summary: 'Moscow says the bloc <only> stokes tension & rivalry.',
  publishedAt: '2024-03-19T10:12:00.000Z',
  firstSeenAt: '2024-03-19T10:20:00.000Z',
  topics: [{ id: 'caucasus', title: 'Caucasus' }, { id: 'nato', title: 'NATO' }],
  outlets: [
    { sourceId: 'rt', sourceTitle: 'RT - Daily news', link: 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/', publishedAt: '2024-03-19T10:12:00.000Z', firstSeenAt: '2024-03-19T10:20:00.000Z' },
    { sourceId: 'eurasia-monitor', sourceTitle: 'Eurasia Monitor', link: 'https://www.eurasiamonitor.example/analysis/2024/03/nato-caucasus-kremlin.html', publishedAt: null, firstSeenAt: '2024-03-19T10:21:00.000Z' },
  ],
};
const key = alertKey('nato-hook', { story: seed.uid });

describe('renderWebhook', () => {
  const at = new Date('2024-03-19T10:30:00Z');
  const message = renderWebhook({ id: 'nato-hook', url: 'https://hooks.example.org/x', secret: 'a-long-shared-secret' }, seed, key, at);

  it('posts the story as JSON: id, title, link, topics, outlets with links and dates, first seen', () => {
    const body = JSON.parse(message.body) as { type: string; alert: string; data: Record<string, unknown> };
    expect(body.type).toBe('story.alert');
    expect(body.alert).toBe('nato-hook');
    expect(body.data).toMatchObject({
      id: seed.uid,
      title: seed.title,
      link: seed.link,
      firstSeen: seed.firstSeenAt,
      outletCount: 2,
      topics: [{ id: 'caucasus', title: 'Caucasus' }, { id: 'nato', title: 'NATO' }],
      outlets: [
        { source: 'rt', title: 'RT - Daily news', link: seed.outlets[0]?.link, published: '2024-03-19T10:12:00.000Z', firstSeen: '2024-03-19T10:20:00.000Z' },
        { source: 'eurasia-monitor', title: 'Eurasia Monitor', link: seed.outlets[1]?.link, published: null, firstSeen: '2024-03-19T10:21:00.000Z' },
      ],
    });
  });

  it('carries the key as Idempotency-Key (a structured-field string) and webhook-id, with a Standard Webhooks signature', () => {
    expect(key).toBe('urn:topicwire:alert:nato-hook:story:0123456789abcdef0123456789abcdef');
    expect(key).not.toContain('.');
    expect(message.headers['idempotency-key']).toBe(`"${key}"`);
    expect(message.headers['webhook-id']).toBe(key);
    expect(message.headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    // What a receiver computes, per the spec: HMAC-SHA256 over "id.timestamp.body", base64, after "v1,".
    const expected = createHmac('sha256', 'a-long-shared-secret').update(`${key}.${at.getTime() / 1000}.${message.body}`).digest('base64');
    expect(message.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('reads a whsec_ secret as Standard Webhooks serialises one: base64 of the key', () => {
    const keyBytes = Buffer.from('0123456789abcdef01234567');
    const signed = renderWebhook({ id: 'h', url: 'https://h.example/', secret: `whsec_${keyBytes.toString('base64')}` }, seed, key, at);
    const expected = createHmac('sha256', keyBytes).update(`${key}.${at.getTime() / 1000}.${signed.body}`).digest('base64');
    expect(signed.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('sends no signature without a secret, and the same key on every attempt', () => {
    const unsigned = renderWebhook({ id: 'nato-hook', url: 'https://hooks.example.org/x' }, seed, key, new Date('2024-03-19T11:00:00Z'));
    expect(unsigned.headers['webhook-signature']).toBeUndefined();
    expect(unsigned.headers['idempotency-key']).toBe(message.headers['idempotency-key']);
  });
});

describe('renderNtfy', () => {
  it('publishes JSON to the server root: topic, title, message, click, tags, priority, token', () => {
    const message = renderNtfy({ url: 'https://ntfy.example.org/caucasus', token: 'tk_abc', priority: 4, tags: ['newspaper'] }, seed, key);
    expect(message.url).toBe('https://ntfy.example.org/');
    expect(message.headers.authorization).toBe('Bearer tk_abc');
    expect(JSON.parse(message.body)).toEqual({
      topic: 'caucasus',
      title: seed.title,
      message: '2 outlets: RT - Daily news, Eurasia Monitor\nTopics: Caucasus, NATO\n\nMoscow says the bloc <only> stokes tension & rivalry.',
      click: seed.link,
      tags: ['newspaper'],
      priority: 4,
    });
  });
  it('keeps a server under a path prefix', () => {
    expect(splitTopicUrl('https://example.org/ntfy/desk-alerts/')).toEqual({ root: 'https://example.org/ntfy/', topic: 'desk-alerts' });
  });
});

describe('mail', () => {
  const target = { id: 'morning', to: ['desk@example.org'], subjectPrefix: '[topicwire] ', topics: [{ id: 'caucasus', title: 'Caucasus' }, { id: 'nato', title: 'NATO' }] };
  it('one story: subject, text with the outlets, HTML escaped, a Message-ID from the key', () => {
    const mail = renderStoryMail(target, seed, key, 'topicwire@example.org');
    expect(mail.subject).toBe(`[topicwire] ${seed.title}`);
    expect(mail.text).toContain('2 outlets · first seen 19 Mar 2024, 10:20 UTC · Caucasus, NATO');
    expect(mail.text).toContain('- Eurasia Monitor: https://www.eurasiamonitor.example/analysis/2024/03/nato-caucasus-kremlin.html');
    expect(mail.html).toContain('the bloc &lt;only&gt; stokes tension &amp; rivalry');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@example\.org>$/);
    expect(renderStoryMail(target, seed, key, 'topicwire@example.org').messageId).toBe(mail.messageId);
  });
  it('a digest ranks its stories by number of outlets', () => {
    const small = { ...seed, uid: 'urn:topicwire:story:small', title: 'Yerevan skips another CSTO meeting', outlets: seed.outlets.slice(0, 1), firstSeenAt: '2024-03-19T09:00:00.000Z' };
    const ranked = rankStories([small, seed]);
    expect(ranked.map((s) => s.title)).toEqual([seed.title, small.title]);
    const mail = renderDigestMail(target, ranked, { end: new Date('2024-03-20T07:00:00Z') }, alertKey('morning', { digest: new Date('2024-03-20T07:00:00Z') }), 'Topicwire <topicwire@example.org>');
    expect(mail.subject).toBe('[topicwire] 2 new stories in Caucasus, NATO');
    expect(mail.text.indexOf(`1. ${seed.title}`)).toBeLessThan(mail.text.indexOf(`2. ${small.title}`));
    expect(mail.html).toMatch(/<ol[^>]*><li>.*NATO will not bring stability/s);
    expect(mail.messageId).toMatch(/@example\.org>$/);
  });
});
