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

export const sourceSchema = z.strictObject({
  id: id('a source id'),
  title: z.string().min(1).optional(),
  url: z.string().min(1, 'a source needs a url or a file path'),
  interval: minutes.optional(),
});

export const topicSchema = z.strictObject({
  id: id('a topic id'),
  title: z.string().min(1),
  description: z.string().optional(),
  query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  sources: z.array(z.string()).min(1).optional(),
});

export const configSchema = z.strictObject({
  database: z.string().min(1).default('data/topicwire.db'),
  schedule: z.string().min(1).default('*/15 * * * *'),
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
    })
    .prefault({}),
  sources: z.array(sourceSchema),
  define: z.record(z.string(), z.string().min(1)).default({}),
  topics: z.array(topicSchema),
});

export type RawConfig = z.output<typeof configSchema>;
