import type { AlertMessage, AttemptResult } from '../alerts/index.js';
import type { AlertConfig, SmtpConfig } from '../config/types.js';
import { createMailSender, postHttp, type MailSender } from '../deliver/index.js';

/** Sends one rendered message for an alert: the network edge behind one function, so tests and `alerts test` drive it alike. */
export type SendAlert = (alert: AlertConfig, message: AlertMessage, signal?: AbortSignal) => Promise<AttemptResult>;

export interface AlertSender {
  send: SendAlert;
  close(): void;
}

/** HTTP for webhook and ntfy, one SMTP transport per mail server (re-made when the config names another). */
export function createAlertSender(getSmtp: () => SmtpConfig | undefined, now: () => Date): AlertSender {
  let mail: { smtp: SmtpConfig; timeoutMs: number; sender: MailSender } | undefined;
  const mailer = (timeoutMs: number): MailSender | undefined => {
    const smtp = getSmtp();
    if (smtp === undefined) return undefined;
    if (mail === undefined || mail.smtp.url !== smtp.url || mail.smtp.from !== smtp.from || mail.timeoutMs !== timeoutMs) {
      mail?.sender.close();
      mail = { smtp, timeoutMs, sender: createMailSender(smtp, timeoutMs) };
    }
    return mail.sender;
  };
  return {
    async send(alert, message, signal) {
      const timeoutMs = alert.timeoutSeconds * 1000;
      if (message.kind === 'http') return postHttp(message, { timeoutMs, now, ...(signal ? { signal } : {}) });
      const sender = mailer(timeoutMs);
      if (sender === undefined) return { ok: false, retryable: true, error: 'no "smtp" server is configured' };
      return sender.send(message);
    },
    close: () => mail?.sender.close(),
  };
}
