import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../../src/deliver/index.js';
import { repoRoot } from '../support/cli.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/receivers.js';

const execFileAsync = promisify(execFile);
const fixtures = path.join(repoRoot, 'tests/fixtures/deliver');

let smtp: SmtpReceiver;
// The 2nd mail is refused for now (451), the 3rd for good (550).
beforeAll(async () => {
  smtp = await startSmtpReceiver({ reply: (i) => (i === 1 ? { code: 451, message: 'mailbox busy, try later' } : i === 2 ? { code: 550, message: 'no such mailbox' } : undefined) });
});
afterAll(() => smtp.close());

const message = {
  kind: 'mail' as const,
  to: ['desk@example.org'],
  subject: '[topicwire] НАТО и Южный Кавказ – €',
  text: 'NATO will not bring stability to the Caucasus – Kremlin\n',
  html: '<p>NATO will not bring stability to the Caucasus &ndash; Kremlin</p>',
  messageId: '<0123456789abcdef0123456789abcdef@example.org>',
};

describe('createMailSender against a real SMTP server', () => {
  it('logs in, and the server receives the mail as written: subject in any script, text, HTML, Message-ID', async () => {
    const sender = createMailSender({ url: smtp.url, from: 'topicwire@example.org' }, 5000);
    try {
      const result = await sender.send(message);
      expect(result).toMatchObject({ ok: true, status: expect.stringMatching(/^250/) as string });
      const [mail] = await smtp.waitForMails(1);
      expect(mail?.subject).toBe(message.subject);
      expect(mail?.from?.text).toBe('topicwire@example.org');
      expect(mail?.text).toBe(message.text);
      expect(mail?.html).toContain('Caucasus &ndash; Kremlin');
      expect(mail?.messageId).toBe(message.messageId);
      expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');

      // A 4xx reply is tried again later; a 5xx never succeeds as it is.
      expect(await sender.send(message)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('451') as string });
      expect(await sender.send(message)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('550') as string });
    } finally {
      sender.close();
    }
  });

  it('a wrong password is retryable (the config may be mended) and never shown', async () => {
    const sender = createMailSender({ url: smtp.url.replace('secret', 'wrong-pass-word'), from: 'topicwire@example.org' }, 5000);
    try {
      const result = await sender.send(message);
      expect(result).toMatchObject({ ok: false, retryable: true });
      expect(JSON.stringify(result)).not.toContain('wrong-pass-word');
    } finally {
      sender.close();
    }
  });
});

describe('nodemailer, loaded by the first mail', () => {
  it('is not part of a daemon that has sent none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'topicwire-loads-'));
    try {
      const env = { ...process.env, LOG_LOADS_FILE: path.join(dir, 'loads') };
      writeFileSync(env.LOG_LOADS_FILE, '');
      const { stdout } = await execFileAsync(process.execPath, ['--import', pathToFileURL(path.join(repoRoot, 'tests/fixtures/loads/log-loads.mjs')).href, path.join(fixtures, 'mail-after-daemon.mjs'), pathToFileURL(path.join(repoRoot, 'dist')).href, smtp.url], { env });
      const report = JSON.parse(stdout) as { beforeMail: boolean; afterMail: boolean; sent: { ok: boolean } };
      expect(report).toEqual({ beforeMail: false, afterMail: true, sent: expect.objectContaining({ ok: true }) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
