import path from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleConfig } from '../support/cli.js';
import { runCommand, startTopicwire, type DaemonProcess, type LogEvent } from '../support/daemon.js';
import { makeTempDir } from '../support/items.js';
import { startHookReceiver, startSmtpReceiver, type HookReceiver, type ReceivedRequest, type SmtpReceiver } from '../support/receivers.js';

/**
 * The "done when", with the sample feeds and real receivers: a
 * webhook on nato, an ntfy alert at 3 outlets on caucasus, a mail per nato
 * story and a digest of both topics. The first cycle reads the three sources
 * that do not carry the seed (what is in the topics then is recorded, not
 * sent); then the four feeds that carry it are added one at a time, so the
 * seed enters the topics with RT and reaches its 2nd, 3rd and 4th outlet in
 * later cycles.
 */
const SEED = 'NATO will not bring stability to the Caucasus – Kremlin';
const FIRST = ['novosti', 'energy-brief', 'coastal-ledger'];
const ADDED = ['rt', 'rt-russia', 'digest', 'eurasia-monitor'];
const SECRET = 'shared-secret-for-the-nato-hook';

let dir: string;
let configFile: string;
let hook: HookReceiver;
let ntfy: HookReceiver;
let smtp: SmtpReceiver;
let daemon: DaemonProcess;
const phoneAt: Record<string, number> = {};

function writeConfig(sourceIds: readonly string[]): void {
  writeSampleConfig(dir, (config) => {
    const sources = config.sources as { id: string }[];
    config.sources = sources.filter((s) => sourceIds.includes(s.id));
    config.alerts = [
      { id: 'nato-hook', topics: ['nato'], type: 'webhook', url: hook.url('/hooks/nato?token=path-secret'), secret: SECRET, timeoutSeconds: 2 },
      { id: 'phone', topics: ['caucasus'], type: 'ntfy', url: ntfy.url('/caucasus-desk'), minOutlets: 3, token: 'tk_ntfy_token_value', tags: ['newspaper', 'caucasus'] },
      { id: 'desk', topics: ['nato'], type: 'email', to: 'desk@example.org', subjectPrefix: '[desk] ' },
      { id: 'morning', topics: ['caucasus', 'nato'], type: 'email', to: ['desk@example.org'], digest: '*/2 * * * * *', subjectPrefix: '[morning] ' },
    ];
    config.smtp = { url: smtp.url, from: 'topicwire@example.org' };
  });
}

function countEvents(event: string): number {
  return daemon.events.filter((e) => e.event === event).length;
}
function waitForNth(predicate: (e: LogEvent) => boolean, n: number, what: string): Promise<LogEvent> {
  let seen = 0;
  return daemon.waitFor((e) => predicate(e) && ++seen === n, what);
}
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dir, 'topicwire.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const body = (r: ReceivedRequest): { data: { id: string; title: string; outletCount: number; outlets: { source: string }[] } } => JSON.parse(r.body) as never;

beforeAll(async () => {
  hook = await startHookReceiver({ failFirst: 1, retryAfterSeconds: 1 });
  ntfy = await startHookReceiver({ failFirst: 1, retryAfterSeconds: 1 });
  smtp = await startSmtpReceiver();
  dir = makeTempDir('tw-alerts-samples-');
  configFile = path.join(dir, 'config.json');
  writeConfig(FIRST);
  daemon = startTopicwire(['run', '--config', configFile], { TOPICWIRE_LOG_LEVEL: 'info' });
  for (const id of ['nato-hook', 'phone', 'desk', 'morning']) await daemon.waitFor((e) => e.event === 'alert-armed' && e.alert === id, `alert ${id} armed`);
  await daemon.waitFor((e) => e.event === 'cycle', 'the first cycle');
  for (const [i, id] of ADDED.entries()) {
    const cycles = countEvents('cycle');
    writeConfig([...FIRST, ...ADDED.slice(0, i + 1)]);
    await daemon.waitFor((e) => e.event === 'fetch' && e.source === id, `a fetch of ${id}`);
    await waitForNth((e) => e.event === 'cycle', cycles + 1, `the cycle that stored ${id}`);
    phoneAt[id] = query<{ n: number }>("SELECT count(*) AS n FROM alert_deliveries WHERE alert_id = 'phone'")[0]?.n ?? -1;
  }
}, 60_000);

afterAll(async () => {
  daemon?.proc.kill('SIGKILL');
  await Promise.all([hook?.close(), ntfy?.close(), smtp?.close()]);
});

describe('alerts on the sample feeds, with real receivers', () => {
  it('the nato webhook receives the seed story once, after a 503 and its retry with the same Idempotency-Key', async () => {
    const queued = query<{ key: string }>("SELECT key FROM alert_deliveries WHERE alert_id = 'nato-hook' ORDER BY id");
    const accepted = await hook.waitForAccepted(queued.length);
    const first = hook.received[0];
    expect(first?.status).toBe(503);
    expect(hook.received.filter((r) => r.headers['idempotency-key'] === first?.headers['idempotency-key']).map((r) => r.status)).toEqual([503, 200]);
    const keys = accepted.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(queued.map((q) => `"${q.key}"`).sort());
    const seed = accepted.filter((r) => body(r).data.title === SEED);
    expect(seed).toHaveLength(1);
    // Sent when RT carried it, so later copies (3 more outlets) rang nothing.
    expect(body(seed[0] as ReceivedRequest).data.outlets.map((o) => o.source)[0]).toBe('rt');
    // No story the first cycle found was sent: every one came from a feed added later.
    for (const request of accepted) expect(ADDED).toContain(body(request).data.outlets[0]?.source);
    expect(hook.received.every((r) => r.path === '/hooks/nato?token=path-secret')).toBe(true);
  });

  it('signs each request as Standard Webhooks says, over id.timestamp.body', async () => {
    const { createHmac } = await import('node:crypto');
    for (const request of hook.accepted()) {
      const id = String(request.headers['webhook-id']);
      const timestamp = String(request.headers['webhook-timestamp']);
      expect(`"${id}"`).toBe(request.headers['idempotency-key']);
      const expected = createHmac('sha256', SECRET).update(`${id}.${timestamp}.${request.body}`).digest('base64');
      expect(request.headers['webhook-signature']).toBe(`v1,${expected}`);
    }
  });

  it('the ntfy alert with minOutlets 3 fires only for stories three outlets carry, when the third reports it', async () => {
    const carried = query<{ uid: string; title: string }>(`
      SELECT s.uid, (SELECT title FROM items WHERE story_id = s.id ORDER BY id LIMIT 1) AS title FROM stories s
      WHERE s.id IN (SELECT story_id FROM item_topics WHERE topic_id = 'caucasus')
        AND (SELECT count(DISTINCT source_id) FROM items WHERE story_id = s.id) >= 3`);
    expect(carried.map((c) => c.title)).toContain(SEED);
    const accepted = await ntfy.waitForAccepted(carried.length);
    expect(accepted.map((r) => (JSON.parse(r.body) as { title: string }).title).sort()).toEqual(carried.map((c) => c.title).sort());
    expect(phoneAt).toMatchObject({ rt: 0, 'rt-russia': 0 });
    expect(phoneAt.digest).toBe(carried.length);
    const seed = accepted.find((r) => (JSON.parse(r.body) as { title: string }).title === SEED) as ReceivedRequest;
    expect(seed.path).toBe('/');
    expect(seed.headers.authorization).toBe('Bearer tk_ntfy_token_value');
    expect(JSON.parse(seed.body)).toMatchObject({
      topic: 'caucasus-desk',
      click: 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/',
      tags: ['newspaper', 'caucasus'],
      priority: 3,
      // Rendered when sent: a retry after the 4th outlet's cycle names it too.
      message: expect.stringMatching(/^[34] outlets: RT - Daily news, RT - Russia & Former Soviet Union, Morning Wire Digest(, Eurasia Monitor)?\n/) as string,
    });
    expect(ntfy.received[0]?.status).toBe(503);
  });

  it('mails one message per nato story, and digests of both topics ranked by outlets, never an empty one', async () => {
    const desk = query<{ n: number }>("SELECT count(*) AS n FROM alert_deliveries WHERE alert_id = 'desk'")[0]?.n ?? 0;
    const digests = () => query<{ n: number }>("SELECT count(*) AS n FROM alert_deliveries WHERE alert_id = 'morning' AND story_uid IS NULL")[0]?.n ?? 0;
    // Every story the added feeds brought is in a digest once its period closes.
    const entered = query<{ n: number }>("SELECT count(*) AS n FROM digest_entries WHERE alert_id = 'morning'")[0]?.n ?? 0;
    await daemon.waitFor((e) => e.event === 'digest' && query<{ n: number }>("SELECT count(*) AS n FROM digest_entries WHERE alert_id = 'morning' AND delivery_id IS NULL")[0]?.n === 0, 'every digest entry closed');
    const mails = await smtp.waitForMails(desk + digests());
    const deskMails = mails.filter((m) => m.subject?.startsWith('[desk] '));
    const digestMails = mails.filter((m) => m.subject?.startsWith('[morning] '));
    expect(deskMails).toHaveLength(desk);
    expect(deskMails.filter((m) => m.subject === `[desk] ${SEED}`)).toHaveLength(1);
    expect(digestMails.length).toBeGreaterThanOrEqual(1);
    const listed = digestMails.flatMap((m: ParsedMail) => [...(m.text ?? '').matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]));
    expect(listed).toHaveLength(entered);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toContain(SEED);
    for (const mail of digestMails) {
      expect(mail.subject).toMatch(/^\[morning\] \d+ new stor(y|ies) in Caucasus, NATO$/);
      expect(mail.html).toContain('<ol');
      const counts = [...(mail.text ?? '').matchAll(/^ {3}(\d+) outlets? ·/gm)].map((m) => Number(m[1]));
      expect(counts.length).toBeGreaterThan(0);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    }
  });

  it('/metrics counts deliveries by alert and outcome; alerts list shows them; no secret is ever logged', async () => {
    const { port } = await daemon.waitFor((e) => e.event === 'listen', 'listen');
    const metrics = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
    expect(metrics).toContain('topicwire_alert_deliveries_total{alert="nato-hook",outcome="retry"} 1');
    expect(metrics).toMatch(/topicwire_alert_deliveries_total\{alert="nato-hook",outcome="sent"\} [1-9]/);
    expect(metrics).toContain('topicwire_alert_outbox{alert="nato-hook",status="failed"} 0');
    const list = await runCommand(['alerts', 'list', '--config', configFile]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^nato-hook +webhook http:\/\/127\.0\.0\.1:\d+\/… +nato +on entry +\d+s ago sent +[1-9]\d* +0 +0$/m);
    expect(list.out).toMatch(/^phone +ntfy .* +caucasus +at 3 outlets +\d+s ago sent +[1-9]\d* +0 +0$/m);
    const logs = daemon.stderr() + list.out + list.err;
    for (const secret of [SECRET, 'tk_ntfy_token_value', 'path-secret', ':secret@']) expect(logs).not.toContain(secret);
    expect(daemon.events.some((e) => e.event === 'alert' && e.outcome === 'retry')).toBe(true);
  });
});
