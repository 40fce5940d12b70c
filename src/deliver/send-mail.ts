import type { createTransport } from 'nodemailer';
import type { AttemptResult, MailMessage } from '../alerts/index.js';
import { VERSION } from '../version.js';

export interface MailSender {
  send(message: MailMessage): Promise<AttemptResult>;
  close(): void;
}

interface MailError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/**
 * Sends mail through the configured server with nodemailer: smtp:// uses
 * STARTTLS when the server offers it, smtps:// TLS from the start; the user
 * and password in the URL log in. A delivery counts as sent once the server
 * accepted the message (a 250 reply to the data). A 5xx reply is permanent
 * (RFC 5321 §4.2.1), anything else — a 4xx, a refused or dropped
 * connection, a login the server refused — is tried again: it may succeed
 * once the server, or the config, is mended.
 */
export function createMailSender(smtp: { url: string; from: string }, timeoutMs: number): MailSender {
  // Loaded here, not by the module: nodemailer's code is about 1 MB of a
  // daemon's heap (and more of its resident size), which a daemon without
  // a mail alert should not carry.
  const transport: Promise<ReturnType<typeof createTransport>> = import('nodemailer').then((nodemailer) =>
    nodemailer.createTransport({
      url: smtp.url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    }),
  );
  return {
    async send(message) {
      try {
        const info = await (await transport).sendMail({
          from: smtp.from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { 'X-Mailer': `topicwire/${VERSION}`, 'Auto-Submitted': 'auto-generated' },
        });
        const rejected = info.rejected.length > 0 ? ` (refused for ${info.rejected.map(String).join(', ')})` : '';
        return { ok: true, status: `${info.response}${rejected}` };
      } catch (error) {
        const mail = error as MailError;
        const reply = mail.responseCode === undefined ? '' : ` (SMTP ${mail.responseCode})`;
        const message = `${(mail.response ?? mail.message).replace(/\s+/g, ' ').slice(0, 200)}${reply}`;
        // A refused login is permanent to SMTP, but mended by fixing the config, which a retry then picks up.
        const retryable = mail.code === 'EAUTH' || (mail.permanent !== true && mail.code !== 'ECONFIG');
        return { ok: false, retryable, error: message };
      }
    },
    close: () => void transport.then((opened) => opened.close()),
  };
}
