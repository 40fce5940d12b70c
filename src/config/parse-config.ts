import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, visit, type ParseError as JsonParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { hasCredentials, hideCredentials } from '../credentials.js';
import { ConfigError, QueryError, type ConfigProblem } from '../errors.js';
import { checkDefinitions, parseQuery } from '../topics/index.js';
import { checkSchedule, configSchema, type RawConfig } from './schema.js';
import { canonicalSourceUrl } from './source-url.js';
import type { AlertConfig, Config, SourceConfig } from './types.js';

/**
 * Turns the text of config.json into a Config, or throws one ConfigError that
 * lists every problem found (JSON path + what is wrong), so `check` can show
 * them all at once instead of one per run.
 */
export function parseConfig(text: string, file: string): Config {
  const json = parseJsonText(text, file);
  const result = configSchema.safeParse(json);
  if (!result.success) throw new ConfigError(file, result.error.issues.map(describeIssue));
  const raw = result.data;
  const problems = findSemanticProblems(raw, path.dirname(file));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return resolveConfig(raw, file);
}

function parseJsonText(raw: string, file: string): unknown {
  // Windows editors save UTF-8 with a BOM; it is not JSON, but it is not the user's mistake either.
  const text = raw.replace(/^\uFEFF/, '');
  const errors: JsonParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first === undefined) {
    const duplicates = findDuplicateKeys(text);
    if (duplicates.length > 0) throw new ConfigError(file, duplicates);
    return value;
  }
  const { line, column } = locate(text, first.offset);
  throw new ConfigError(file, [
    { path: '', message: `invalid JSON at line ${line}, column ${column}: ${describeJsonError(first)}` },
  ]);
}

/**
 * JSON parsers keep the last of two equal keys (RFC 8259 §4 leaves it open),
 * so a source pasted twice, or a "schedule" set twice, would silently drop
 * one: each repeat is reported with where it is.
 */
function findDuplicateKeys(text: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const open: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (key, _offset, _length, line, character, pathOf) => {
      const keys = open[open.length - 1];
      if (keys === undefined) return;
      if (keys.has(key)) problems.push({ path: formatPath([...pathOf(), key]), message: `duplicate key "${key}" at line ${line + 1}, column ${character + 1}` });
      keys.add(key);
    },
  });
  return problems;
}

function describeJsonError(error: JsonParseError): string {
  const code = printParseErrorCode(error.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}${acc ? '.' : ''}${String(key)}`),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return { path: at, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  if (issue.code === 'invalid_key') {
    // A record's key that fails its own rule (a header name): say the rule, not "invalid key".
    return { path: at, message: issue.issues[0]?.message ?? issue.message };
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return { path: at, message: `required ${issue.expected} is missing` };
  }
  return { path: at, message: issue.message.replace(/^Invalid input: /, '') };
}

function findSemanticProblems(raw: RawConfig, dir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const database = checkDatabase(raw.database);
  if (database) problems.push({ path: 'database', message: database });
  if (raw.fetch.minIntervalMinutes > raw.fetch.maxIntervalMinutes) {
    problems.push({ path: 'fetch.minIntervalMinutes', message: 'must not be greater than fetch.maxIntervalMinutes' });
  }
  problems.push(...findDuplicateIds(raw.sources, 'sources'), ...findDuplicateIds(raw.topics, 'topics'));
  const feeds = new Map<string, number>();
  raw.sources.forEach((source, i) => {
    const message = checkSourceUrl(source.url);
    if (message) {
      problems.push({ path: `sources[${i}].url`, message });
      return;
    }
    problems.push(...checkSourceHeaders(source, `sources[${i}]`));
    // Two sources of one feed would store every item twice and split its history between them.
    const canonical = canonicalSourceUrl(resolveLocation(source.url, dir));
    const first = feeds.get(canonical);
    if (first === undefined) feeds.set(canonical, i);
    else problems.push({ path: `sources[${i}].url`, message: `reads the same feed as sources[${first}] ("${raw.sources[first]?.id ?? ''}"): ${canonical}` });
  });
  for (const error of checkDefinitions(raw.define)) problems.push({ path: 'define', message: error.message });
  const sourceIds = new Set(raw.sources.map((s) => s.id));
  raw.topics.forEach((topic, i) => {
    for (const id of topic.sources ?? []) {
      if (!sourceIds.has(id)) problems.push({ path: `topics[${i}].sources`, message: `unknown source id "${id}"` });
    }
    try {
      parseQuery(topic.query, raw.define);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      problems.push({ path: `topics[${i}].query`, message: error.message });
    }
  });
  problems.push(...findDuplicateIds(raw.alerts, 'alerts'), ...checkAlerts(raw));
  return problems;
}

const priorities: Record<string, number> = { min: 1, low: 2, default: 3, high: 4, max: 5 };
/** An address, or a name and an address: `desk@example.org`, `Desk <desk@example.org>`. */
const mailAddress = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/**
 * Alerts name configured topics, reach an http(s) receiver (or the "smtp"
 * server), and have a digest schedule node-cron can run. No message repeats
 * a URL, a secret or a password: a receiver's path may be its secret (an
 * ntfy topic, a chat hook).
 */
function checkAlerts(raw: RawConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const topicIds = new Set(raw.topics.map((t) => t.id));
  raw.alerts.forEach((alert, i) => {
    const at = `alerts[${i}]`;
    for (const topic of alert.topics) {
      if (!topicIds.has(topic)) problems.push({ path: `${at}.topics`, message: `unknown topic id "${topic}"` });
    }
    if (alert.type === 'email') {
      if (raw.smtp === undefined) problems.push({ path: at, message: 'an email alert needs "smtp": { "url": "smtp://user:pass@host:587", "from": "topicwire@example.org" }' });
      for (const to of typeof alert.to === 'string' ? [alert.to] : alert.to) {
        if (!mailAddress.test(to)) problems.push({ path: `${at}.to`, message: `"${to}" is not a mail address` });
      }
      if (alert.digest !== undefined) {
        const problem = checkSchedule(alert.digest);
        if (problem !== undefined) problems.push({ path: `${at}.digest`, message: problem });
      }
      return;
    }
    const problem = checkReceiverUrl(alert.url, alert.type);
    if (problem !== undefined) problems.push({ path: `${at}.url`, message: problem });
  });
  if (raw.smtp !== undefined) {
    const problem = checkSmtpUrl(raw.smtp.url);
    if (problem !== undefined) problems.push({ path: 'smtp.url', message: problem });
    if (!mailAddress.test(raw.smtp.from)) problems.push({ path: 'smtp.from', message: `"${raw.smtp.from}" is not a mail address` });
  }
  return problems;
}

function checkReceiverUrl(url: string, type: 'webhook' | 'ntfy'): string | undefined {
  if (!URL.canParse(url)) return 'is not a valid URL (an http or https URL, such as https://hooks.example.org/topicwire)';
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be an http or https URL, not ${parsed.protocol.slice(0, -1)}:`;
  if (parsed.hostname === '') return 'has no host';
  if (type === 'ntfy' && parsed.pathname.replace(/\/+$/, '').split('/').pop() === '') return 'must name the ntfy topic: https://ntfy.sh/TOPIC';
  return undefined;
}

function checkSmtpUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return 'is not a valid URL (smtp://user:pass@host:587 or smtps://user:pass@host:465)';
  const parsed = new URL(url);
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return `must be an smtp: or smtps: URL, not ${parsed.protocol.slice(0, -1)}:`;
  if (parsed.hostname === '') return 'has no host';
  return undefined;
}

function findDuplicateIds(list: readonly { id: string }[], key: string): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  list.forEach((entry, i) => {
    if (seen.has(entry.id)) problems.push({ path: `${key}[${i}].id`, message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
  });
  return problems;
}

/**
 * Headers topicwire writes itself: the connection's framing (which fetch()
 * refuses or overrides) and the validators of conditional requests.
 */
const reservedHeaders = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'if-none-match', 'if-modified-since']);

/** A source's "headers" and "userAgent": names compared without case (RFC 9110 §5.1), each set once. */
function checkSourceHeaders(source: RawConfig['sources'][number], at: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const name of Object.keys(source.headers ?? {})) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) problems.push({ path: `${at}.headers`, message: `"${name}" is given twice (header names ignore case)` });
    seen.add(lower);
    if (reservedHeaders.has(lower)) problems.push({ path: `${at}.headers`, message: `"${name}" is set by topicwire itself and cannot be configured` });
  }
  if (source.userAgent !== undefined && seen.has('user-agent')) {
    problems.push({ path: `${at}.userAgent`, message: 'the source sets a User-Agent in "headers" too: keep one' });
  }
  if (seen.has('authorization') && hasCredentials(source.url)) {
    problems.push({ path: `${at}.headers`, message: 'the url carries credentials and "headers" an Authorization: keep one' });
  }
  return problems;
}

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Only SQLite is implemented: a URL (postgres://…) would otherwise become a
 * file named after it. When a PostgreSQL backend lands, this check goes and
 * the URL is handed to it. The password, if any, is not repeated.
 */
function checkDatabase(database: string): string | undefined {
  if (!schemePattern.test(database) || /^[a-z]:[\\/]/i.test(database)) return undefined;
  const shown = database.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
  return `"${shown}" is a URL; this topicwire stores into a SQLite file, so "database" must be a file path (a PostgreSQL backend is planned)`;
}

/** A source is an http(s) URL, a file:// URL or a file path. */
function checkSourceUrl(url: string): string | undefined {
  const scheme = schemePattern.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || /^[a-z]:[\\/]/i.test(url)) return undefined;
  if (!['http', 'https', 'file'].includes(scheme)) return `"${hideCredentials(url)}": only http, https and file URLs (or a file path) can be fetched`;
  if (!URL.canParse(url)) return `"${hideCredentials(url)}" is not a valid URL`;
  const host = new URL(url).hostname;
  if (scheme !== 'file' && host === '') return `"${hideCredentials(url)}" has no host`;
  return undefined;
}

function resolveConfig(raw: RawConfig, file: string): Config {
  const dir = path.dirname(file);
  const sources: SourceConfig[] = raw.sources.map((s) => {
    const headers = resolveHeaders(s);
    const location = resolveLocation(s.url, dir);
    return {
      id: s.id,
      title: s.title ?? s.id,
      url: hideCredentials(s.url),
      location,
      canonicalUrl: canonicalSourceUrl(location),
      ...(s.interval === undefined ? {} : { interval: s.interval }),
      ...(headers === undefined ? {} : { headers }),
    };
  });
  const server = raw.server;
  return {
    file,
    database: path.resolve(dir, raw.database),
    schedule: raw.schedule,
    server: { host: server.host, port: server.port, publicUrl: (server.publicUrl ?? `http://localhost:${server.port}`).replace(/\/+$/, '') },
    output: { dir: path.resolve(dir, raw.output.dir), items: raw.output.items, indexItems: raw.output.indexItems },
    fetch: raw.fetch,
    retentionDays: raw.retentionDays,
    dedup: raw.dedup,
    sources,
    define: raw.define,
    topics: raw.topics.map((t) => ({
      id: t.id,
      title: t.title,
      query: t.query,
      ...(t.description === undefined ? {} : { description: t.description }),
      ...(t.sources === undefined ? {} : { sources: t.sources }),
      items: t.items ?? raw.output.items,
      ...(t.maxAgeDays === undefined ? {} : { maxAgeDays: t.maxAgeDays }),
      order: t.order ?? 'newest',
    })),
    alerts: raw.alerts.map(resolveAlert),
    ...(raw.smtp === undefined ? {} : { smtp: raw.smtp }),
  };
}

function resolveAlert(alert: RawConfig['alerts'][number]): AlertConfig {
  const { id, topics, minOutlets, backfill, retryHours, timeoutSeconds } = alert;
  const common = { id, topics, minOutlets, backfill, retryHours, timeoutSeconds };
  switch (alert.type) {
    case 'webhook':
      return { ...common, type: 'webhook', url: alert.url, ...(alert.secret === undefined ? {} : { secret: alert.secret }) };
    case 'ntfy': {
      const priority = typeof alert.priority === 'number' ? alert.priority : (priorities[alert.priority] ?? 3);
      return { ...common, type: 'ntfy', url: alert.url, priority, tags: alert.tags, ...(alert.token === undefined ? {} : { token: alert.token }) };
    }
    case 'email':
      return {
        ...common,
        type: 'email',
        to: typeof alert.to === 'string' ? [alert.to] : alert.to,
        subjectPrefix: alert.subjectPrefix,
        ...(alert.digest === undefined ? {} : { digest: alert.digest }),
      };
  }
}

function resolveHeaders(source: RawConfig['sources'][number]): Record<string, string> | undefined {
  const headers = Object.fromEntries(Object.entries(source.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  if (source.userAgent !== undefined) headers['user-agent'] = source.userAgent;
  return Object.keys(headers).length === 0 ? undefined : headers;
}

function resolveLocation(url: string, dir: string): string {
  if (schemePattern.test(url) && !/^[a-z]:[\\/]/i.test(url)) return url;
  return path.resolve(dir, url);
}
