import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { startHookReceiver, startSmtpReceiver, type HookReceiver, type SmtpReceiver } from '../support/receivers.js';

let hook: HookReceiver;
let down: HookReceiver;
let smtp: SmtpReceiver;
let config: string;

beforeAll(async () => {
  hook = await startHookReceiver();
  down = await startHookReceiver({ failFirst: 100, retryAfterSeconds: 60 });
  smtp = await startSmtpReceiver();
  config = writeSampleConfig(makeTempDir('tw-alerts-cli-'), (c) => {
    c.alerts = [
      { id: 'nato-hook', topics: ['nato'], type: 'webhook', url: hook.url('/hook'), secret: 'cli-test-secret' },
      { id: 'phone', topics: ['caucasus'], type: 'ntfy', url: down.url('/desk'), minOutlets: 3 },
      { id: 'morning', topics: ['caucasus', 'nato'], type: 'email', to: 'desk@example.org', digest: '0 7 * * *' },
    ];
    c.smtp = { url: smtp.url, from: 'topicwire@example.org' };
  });
});
afterAll(async () => {
  await Promise.all([hook.close(), down.close(), smtp.close()]);
});

describe('topicwire alerts', () => {
  it('alerts list, before any cycle, says each alert\'s first cycle is to come', async () => {
    const run = await runTopicwire(['alerts', 'list', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ID +RECEIVER +TOPICS +FIRES +LAST DELIVERY +SENT +PENDING +FAILED$/m);
    expect(run.out).toMatch(/^morning +mail to desk@example\.org +caucasus,nato +on entry \(digest "0 7 \* \* \*"\) +never +0 +0 +0$/m);
    expect(run.out).toContain('nato-hook: its first cycle is to come: the stories then in its topics are recorded, not sent');
    expect(run.out).not.toContain('/hook');
  });

  it('fetch records the stories already in the topics without sending anything (no flood on a new install)', async () => {
    expect((await runTopicwire(['fetch', '--config', config])).code).toBe(0);
    const run = await runTopicwire(['alerts', 'list', '--config', config]);
    expect(run.out).toMatch(/^nato-hook +webhook http:\/\/127\.0\.0\.1:\d+\/… +nato +on entry +never +0 +0 +0$/m);
    expect(run.out).not.toContain('first cycle is to come');
    expect(hook.received).toHaveLength(0);
  });

  it('alerts test sends the newest story in the alert\'s topics, under a key of its own', async () => {
    const run = await runTopicwire(['alerts', 'test', 'nato-hook', '--config', config]);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^nato-hook: sent ".+" to webhook http:\/\/127\.0\.0\.1:\d+\/…: HTTP 200 OK\n$/);
    const [request] = hook.received;
    expect(request?.headers['idempotency-key']).toMatch(/^"urn:topicwire:alert:nato-hook:test:\d{8}T\d{6}Z"$/);
    expect(request?.headers['webhook-signature']).toMatch(/^v1,/);
    const { data } = JSON.parse(request?.body ?? '{}') as { data: { title: string; topics: { id: string }[] } };
    expect(data.topics.map((t) => t.id)).toContain('nato');
  });

  it('alerts test says what a failing receiver answered, and exits 1', async () => {
    const run = await runTopicwire(['alerts', 'test', 'phone', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^phone: sending ".+" to ntfy http:\/\/127\.0\.0\.1:\d+\/… failed: HTTP 503 Service Unavailable: busy \(a real delivery would be retried\)\n$/);
  });

  it('alerts test of a digest mails the newest stories of its topics, ranked by outlets', async () => {
    const run = await runTopicwire(['alerts', 'test', 'morning', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^morning: sent a digest of 5 stories to mail to desk@example\.org: 250 /);
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.subject).toBe('[topicwire] 5 new stories in Caucasus, NATO');
    expect(mail?.to).toMatchObject({ text: 'desk@example.org' });
    expect(mail?.text).toMatch(/^1\. /m);
    expect(mail?.html).toContain('<ol');
  });

  it('alerts test of an unknown alert names the ones there are', async () => {
    const run = await runTopicwire(['alerts', 'test', 'pager', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no alert "pager" in .*; the alerts are nato-hook, phone, morning/);
  });
});
