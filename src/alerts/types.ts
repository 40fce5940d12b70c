/**
 * The data alerts are decided and rendered from (README "Alerts"). Plain
 * data: the store evaluates rules inside its write transactions, and the
 * delivery edge (src/deliver) sends the messages rendered here.
 */

/**
 * An alert as the store's writes see it. `mode` says what a story that fires
 * becomes: a delivery of its own, an entry of the next digest, or only a
 * record that it was seen (an alert's first cycle, a topic's re-match), so
 * that no later copy fires it.
 */
export interface AlertRule {
  id: string;
  topics: readonly string[];
  minOutlets: number;
  mode: 'send' | 'digest' | 'record';
}

/** A story a write touched, as it stands once the write is applied. */
export interface StoryFacts {
  storyId: number;
  uid: string;
  /** The topics the story is in (any of its items is). */
  topics: readonly string[];
  /** How many distinct sources carry it. */
  outlets: number;
  /** The alerts that already fired for (or recorded) it. */
  recorded: readonly string[];
}

/** An alert firing for one story: what the store records in the same transaction. */
export interface Firing {
  alertId: string;
  storyUid: string;
  mode: AlertRule['mode'];
  /** Unique per alert and story: the Idempotency-Key and webhook-id of every attempt. */
  key: string;
}

/** One outlet of a story: a source that carried it, with its own link and dates. */
export interface AlertOutlet {
  sourceId: string;
  sourceTitle: string;
  link: string | null;
  publishedAt: string | null;
  firstSeenAt: string;
}

/** A story as alerts show it. */
export interface AlertStory {
  uid: string;
  title: string;
  link: string | null;
  summary: string;
  publishedAt: string | null;
  /** When topicwire first stored it (its face). */
  firstSeenAt: string;
  topics: readonly { id: string; title: string }[];
  /** One per distinct source, in the order they reported it. */
  outlets: readonly AlertOutlet[];
}

/** An HTTP request to send (webhook, ntfy). */
export interface HttpMessage {
  kind: 'http';
  /** May carry credentials, sent as Basic authentication and never shown. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A mail to send through the configured SMTP server. */
export interface MailMessage {
  kind: 'mail';
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** Derived from the delivery's key: a mail sent again is the same message to mail clients. */
  messageId: string;
}

export type AlertMessage = HttpMessage | MailMessage;

/**
 * How one attempt went. `retryable` failures are tried again (a 5xx, 408,
 * 429, a timeout, a refused connection, an SMTP 4xx); the others never will
 * succeed as they are (a 4xx, a redirect, an SMTP 5xx).
 */
export type AttemptResult =
  | { ok: true; status: string }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };
