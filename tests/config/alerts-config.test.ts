import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ConfigError } from '../../src/errors.js';
import { runTopicwire } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { writeFileSync } from 'node:fs';

const base = {
  sources: [{ id: 'rt', url: 'data/samples/rt-news.xml' }],
  topics: [{ id: 'nato', title: 'NATO', query: 'nato' }, { id: 'caucasus', title: 'Caucasus', query: 'caucasus' }],
};
/** The contract, as written there. */
const contract = {
  alerts: [
    { id: 'nato-hook', topics: ['nato'], type: 'webhook', url: 'https://hooks.example.org/x', secret: 'hook-secret-value' },
    { id: 'phone', topics: ['caucasus'], type: 'ntfy', url: 'https://ntfy.example.org/caucasus', minOutlets: 3 },
    { id: 'morning', topics: ['caucasus', 'nato'], type: 'email', to: 'desk@example.org', digest: '0 7 * * *' },
  ],
  smtp: { url: 'smtp://user:smtp-password@mail.example.org:587', from: 'topicwire@example.org' },
};

function problemsOf(config: Record<string, unknown>): string[] {
  try {
    parseConfig(JSON.stringify({ ...base, ...config }), '/etc/topicwire/config.json');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('"alerts" and "smtp" in config.json', () => {
  it('reads the contract, with defaults for what it leaves out', () => {
    const config = parseConfig(JSON.stringify({ ...base, ...contract }), '/etc/topicwire/config.json');
    expect(config.alerts).toEqual([
      { id: 'nato-hook', type: 'webhook', topics: ['nato'], url: 'https://hooks.example.org/x', secret: 'hook-secret-value', minOutlets: 1, backfill: false, retryHours: 24, timeoutSeconds: 15 },
      { id: 'phone', type: 'ntfy', topics: ['caucasus'], url: 'https://ntfy.example.org/caucasus', minOutlets: 3, backfill: false, retryHours: 24, timeoutSeconds: 15, priority: 3, tags: ['newspaper'] },
      { id: 'morning', type: 'email', topics: ['caucasus', 'nato'], to: ['desk@example.org'], digest: '0 7 * * *', subjectPrefix: '[topicwire] ', minOutlets: 1, backfill: false, retryHours: 24, timeoutSeconds: 15 },
    ]);
    expect(config.smtp).toEqual(contract.smtp);
    expect(parseConfig(JSON.stringify(base), '/c.json').alerts).toEqual([]);
  });

  it('ntfy priority by name, tags, a token; email to several, a subject prefix', () => {
    const config = parseConfig(JSON.stringify({ ...base, ...contract, alerts: [
      { id: 'p', topics: ['nato'], type: 'ntfy', url: 'https://ntfy.sh/desk', priority: 'max', tags: ['rotating_light'], token: 'tk_x' },
      { id: 'm', topics: ['nato'], type: 'email', to: ['a@example.org', 'Desk <b@example.org>'], subjectPrefix: '[nato] ', retryHours: 2, backfill: true },
    ] }), '/c.json');
    expect(config.alerts[0]).toMatchObject({ priority: 5, tags: ['rotating_light'], token: 'tk_x' });
    expect(config.alerts[1]).toMatchObject({ to: ['a@example.org', 'Desk <b@example.org>'], subjectPrefix: '[nato] ', retryHours: 2, backfill: true });
  });

  it('check names an unknown topic, a bad URL, a missing smtp, a bad cron, a bad address, a repeated id', () => {
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['natto'], type: 'webhook', url: 'https://h.example/x' }] })).toEqual(['alerts[0].topics: unknown topic id "natto"']);
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['nato'], type: 'webhook', url: 'hooks.example.org/x' }] })).toEqual(['alerts[0].url: is not a valid URL (an http or https URL, such as https://hooks.example.org/topicwire)']);
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['nato'], type: 'webhook', url: 'ftp://hooks.example.org/x' }] })).toEqual(['alerts[0].url: must be an http or https URL, not ftp:']);
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['nato'], type: 'ntfy', url: 'https://ntfy.sh/' }] })).toEqual(['alerts[0].url: must name the ntfy topic: https://ntfy.sh/TOPIC']);
    expect(problemsOf({ alerts: [{ id: 'm', topics: ['nato'], type: 'email', to: 'desk@example.org' }] })).toEqual([
      'alerts[0]: an email alert needs "smtp": { "url": "smtp://user:pass@host:587", "from": "topicwire@example.org" }',
    ]);
    expect(problemsOf({ ...contract, alerts: [{ id: 'm', topics: ['nato'], type: 'email', to: 'desk', digest: '0 7 * *' }] })).toEqual([
      'alerts[0].to: "desk" is not a mail address',
      'alerts[0].digest: "0 7 * *" has 4 fields; a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or 6, with seconds first ("0 */15 * * * *")',
    ]);
    expect(problemsOf({ ...contract, alerts: [{ id: 'm', topics: ['nato'], type: 'email', to: 'a@b.org', digest: '0 25 * * *' }] })).toEqual(['alerts[0].digest: "0 25 * * *" is not a valid cron expression']);
    expect(problemsOf({ alerts: [...contract.alerts, contract.alerts[0]], smtp: contract.smtp })).toEqual(['alerts[3].id: duplicate id "nato-hook"']);
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['nato'], type: 'pager', url: 'https://h.example/' }] })).toEqual(['alerts[0].type: an alert needs "type": "webhook", "ntfy" or "email"']);
    expect(problemsOf({ alerts: [{ id: 'a', topics: ['nato'], type: 'ntfy', url: 'https://ntfy.sh/x', secret: 'abcdefgh' }] })).toEqual(['alerts[0]: unknown key "secret"']);
    expect(problemsOf({ ...contract, smtp: { url: 'https://user:pw@mail.example.org', from: 'me' } })).toEqual([
      'smtp.url: must be an smtp: or smtps: URL, not https:',
      'smtp.from: "me" is not a mail address',
    ]);
  });

  it('check never prints a secret, a password or a receiver\'s path', async () => {
    const dir = makeTempDir('tw-alerts-check-');
    const file = path.join(dir, 'config.json');
    const bad = {
      ...base,
      sources: [{ id: 'rt', url: path.resolve('data/samples/rt-news.xml') }],
      alerts: [
        { id: 'a', topics: ['nope'], type: 'webhook', url: 'htps://user:hook-pass@hooks.example.org/T00/B00/path-secret', secret: 'hook-secret-value' },
        { id: 'b', topics: ['nato'], type: 'ntfy', url: 'ntfy://ntfy.sh/topic-secret', token: 'tk_token_secret' },
      ],
      smtp: { url: 'smtp//user:smtp-password@mail', from: 'topicwire@example.org' },
    };
    writeFileSync(file, JSON.stringify(bad));
    const run = await runTopicwire(['check', '--config', file]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('alerts[0].topics: unknown topic id "nope"');
    expect(run.err).toContain('alerts[0].url: must be an http or https URL, not htps:');
    expect(run.err).toContain('smtp.url: is not a valid URL');
    for (const secret of ['hook-pass', 'path-secret', 'hook-secret-value', 'topic-secret', 'tk_token_secret', 'smtp-password']) expect(run.err + run.out).not.toContain(secret);
    writeFileSync(file, JSON.stringify({ ...bad, alerts: contract.alerts, smtp: contract.smtp }));
    const ok = await runTopicwire(['check', '--config', file]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('3 alerts');
    for (const secret of ['hook-secret-value', 'smtp-password']) expect(ok.out + ok.err).not.toContain(secret);
  });
});
