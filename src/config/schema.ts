import cron from 'node-cron';
import { z } from 'zod';

/**
 * config.json as docs/design.md fixes it. Every object is strict, so a misspelt key
 * is reported instead of silently ignored; everything but sources and topics
 * has a default.
 */
const idPattern = /^[a-z0-9][a-z0-9_-]*$/;
const id = (what: string) =>
  z.string().regex(idPattern, `${what} must be lower-case letters, digits, "-" or "_" (it is used in URLs)`);

const minutes = z.number().positive().max(7 * 24 * 60);

/** RFC 9110 §5.1 field-name (a token) and §5.5 field-value: no CR, LF or NUL, which would split the request. */
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name is letters, digits and !#$%&\'*+-.^_`|~');
const headerValue = z.string().regex(/^[^\r\n\0]*$/, 'a header value cannot contain a line break');

/** node-cron reads 5 fields, or 6 with seconds first; a missing or extra field is the likeliest slip. */
export function checkSchedule(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    return `"${expression}" has ${fields} field${fields === 1 ? '' : 's'}; a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or 6, with seconds first ("0 */15 * * * *")`;
  }
  return cron.validate(expression) ? undefined : `"${expression}" is not a valid cron expression`;
}

// Refined in the schema, so a bad schedule is listed with every other problem.
const schedule = z
  .string()
  .min(1)
  .superRefine((expression, ctx) => {
    const problem = checkSchedule(expression);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export const sourceSchema = z.strictObject({
  id: id('a source id'),
  title: z.string().min(1).optional(),
  url: z.string().min(1, 'a source needs a url or a file path'),
  interval: minutes.optional(),
  headers: z.record(headerName, headerValue).optional(),
  userAgent: z.string().min(1).regex(/^[^\r\n\0]*$/, 'a User-Agent cannot contain a line break').optional(),
});

export const topicSchema = z.strictObject({
  id: id('a topic id'),
  title: z.string().min(1),
  description: z.string().optional(),
  query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: (issue) => (issue.input === undefined ? 'a topic needs a "query": a string, or an array of strings that are OR-ed' : 'must be a string, or an array of strings that are OR-ed'),
  }),
  sources: z.array(z.string()).min(1).optional(),
  /** How many stories its feeds and page show (default output.items). */
  items: z.number().int().min(1).max(10_000).optional(),
  /** Stories dated longer ago than this are not shown. */
  maxAgeDays: z.number().positive().max(36_500).optional(),
  /** "newest" (default) or "coverage": the stories shown, most outlets first. */
  order: z.enum(['newest', 'coverage']).optional(),
});

/** What every alert has, whatever its type (README "Alerts"). */
const alertBase = {
  id: id('an alert id'),
  topics: z.array(z.string().min(1)).min(1, 'an alert needs at least one topic id'),
  /** Fires when the Nth distinct source reports the story (1: when it enters the topic). */
  minOutlets: z.number().int().min(1).max(1000).default(1),
  /** The alert's first cycle sends the stories already in its topics too, instead of only recording them. */
  backfill: z.boolean().default(false),
  /** How long a delivery is retried before it counts as failed. */
  retryHours: z.number().positive().max(30 * 24).default(24),
  /** One attempt's deadline. */
  timeoutSeconds: z.number().positive().max(300).default(15),
};

const receiverUrl = z.string().min(1, 'needs the receiver\'s http(s) URL');

export const alertSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      ...alertBase,
      type: z.literal('webhook'),
      url: receiverUrl,
      /** Signs each request (Standard Webhooks, HMAC-SHA256). */
      secret: z.string().min(8, 'a secret is at least 8 characters').optional(),
    }),
    z.strictObject({
      ...alertBase,
      type: z.literal('ntfy'),
      /** The topic's URL: server and topic, https://ntfy.sh/mytopic. */
      url: receiverUrl,
      /** An access token (tk_…), sent as a Bearer token. */
      token: z.string().min(1).regex(/^[^\r\n\0]*$/, 'a token cannot contain a line break').optional(),
      priority: z.union([z.number().int().min(1).max(5), z.enum(['min', 'low', 'default', 'high', 'max'])]).default(3),
      tags: z.array(z.string().min(1).max(64)).max(10).default(['newspaper']),
    }),
    z.strictObject({
      ...alertBase,
      type: z.literal('email'),
      to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'needs "to": an address, or an array of addresses' }),
      /** A cron expression: one mail per period listing its new stories, instead of one mail per story. */
      digest: z.string().min(1).optional(),
      subjectPrefix: z.string().regex(/^[^\r\n\0]*$/, 'a subject cannot contain a line break').default('[topicwire] '),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'an alert needs "type": "webhook", "ntfy" or "email"' : undefined) },
);

export const configSchema = z.strictObject({
  database: z.string().min(1).default('data/topicwire.db'),
  schedule: schedule.default('*/15 * * * *'),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    })
    .prefault({}),
  output: z
    .strictObject({
      dir: z.string().min(1).default('data/public'),
      items: z.number().int().min(1).max(10_000).default(50),
      indexItems: z.number().int().min(1).max(10_000).default(5),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      timeoutSeconds: z.number().positive().max(600).default(20),
      maxBytes: z.number().int().min(1024).default(5_000_000),
      concurrency: z.number().int().min(1).max(256).default(8),
      perHost: z.number().int().min(1).max(64).default(2),
      minIntervalMinutes: minutes.default(5),
      maxIntervalMinutes: minutes.default(24 * 60),
    })
    .prefault({}),
  retentionDays: z.number().positive().default(90),
  dedup: z
    .strictObject({
      nearDuplicates: z.boolean().default(true),
      threshold: z.number().gt(0).max(1).default(0.4),
      windowHours: z.number().positive().max(90 * 24).default(72),
      events: z.boolean().default(true),
      eventThreshold: z.number().gt(0).max(1).default(0.2),
      eventWindowHours: z.number().positive().max(30 * 24).default(48),
    })
    .prefault({}),
  sources: z.array(sourceSchema),
  define: z.record(z.string(), z.string().min(1)).default({}),
  topics: z.array(topicSchema),
  alerts: z.array(alertSchema).default([]),
  /** The mail server for email alerts. */
  smtp: z
    .strictObject({
      url: z.string().min(1, 'needs the mail server: smtp://user:pass@host:587 or smtps://…'),
      from: z.string().min(1, 'needs the sender address'),
    })
    .optional(),
});

export type RawConfig = z.output<typeof configSchema>;
