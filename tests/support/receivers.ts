import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startServer, type TestServer } from './test-server.js';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The answer given (0 while it is held). */
  status: number;
}

export interface HookReceiver {
  url(path: string): string;
  received: ReceivedRequest[];
  /** Those answered 2xx. */
  accepted(): ReceivedRequest[];
  /** Resolves when `count` requests were answered 2xx. */
  waitForAccepted(count: number): Promise<ReceivedRequest[]>;
  /** Resolves once what was received (checked after each answer) satisfies `done`. */
  waitUntil(done: (received: readonly ReceivedRequest[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A webhook / ntfy receiver on 127.0.0.1: records every POST and answers
 * 503 with Retry-After to the first `failFirst` of them (to prove the retry),
 * then 200. `hold` delays the answer to every request whose index it
 * accepts, until the returned promise settles.
 */
export async function startHookReceiver(options: { failFirst?: number; retryAfterSeconds?: number; hold?: (index: number) => Promise<void> | undefined } = {}): Promise<HookReceiver> {
  const received: ReceivedRequest[] = [];
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const accepted = (): ReceivedRequest[] => received.filter((r) => r.status >= 200 && r.status < 300);
  const server: TestServer = await startServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const index = received.length;
      const failing = index < (options.failFirst ?? 0);
      const request: ReceivedRequest = { path: req.url ?? '/', headers: req.headers, body, status: 0 };
      received.push(request);
      const answer = (): void => {
        request.status = failing ? 503 : 200;
        if (failing) res.writeHead(503, { 'retry-after': String(options.retryAfterSeconds ?? 1) }).end('busy');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        for (const waiter of [...waiters]) {
          if (waiter.done()) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      };
      const held = options.hold?.(index);
      if (held) void held.then(answer, () => res.destroy());
      else answer();
    });
  });
  const waitUntil = (done: (all: readonly ReceivedRequest[]) => boolean): Promise<void> =>
    done(received) ? Promise.resolve() : new Promise((resolve) => waiters.push({ done: () => done(received), resolve }));
  return {
    url: server.url,
    received,
    accepted,
    waitUntil,
    waitForAccepted: async (count) => {
      await waitUntil(() => accepted().length >= count);
      return accepted();
    },
    close: () => server.close(),
  };
}

export interface SmtpReceiver {
  port: number;
  url: string;
  mails: ParsedMail[];
  /** Resolves when `count` mails were accepted. */
  waitForMails(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, without STARTTLS (no
 * certificate here), requiring login as user/secret, that accepts every
 * mail — or answers `reply(index)` (e.g. 451 or 550) when it gives one.
 */
export async function startSmtpReceiver(options: { reply?: (index: number) => { code: number; message: string } | undefined } = {}): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const waiters: { count: number; resolve: (m: ParsedMail[]) => void }[] = [];
  let index = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'user' && auth.password === 'secret') callback(null, { user: 'user' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const reply = options.reply?.(index++);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (reply) {
          callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          mails.push(mail);
          callback();
          for (const waiter of [...waiters]) {
            if (mails.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mails);
            }
          }
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://user:secret@127.0.0.1:${port}`,
    mails,
    waitForMails: (count) => (mails.length >= count ? Promise.resolve(mails) : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
