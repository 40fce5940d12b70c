import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalSourceUrl, findSourceWithSameFeed } from '../../config/source-url.js';
import { addSourcesToText, deriveSourceId, removeSourceFromText, type SourceEntry } from '../../config/edit-config.js';
import { hasHttpScheme } from '../../text/index.js';
import { parseConfig } from '../../config/parse-config.js';
import { sourceSchema } from '../../config/schema.js';
import type { Config, SourceConfig } from '../../config/types.js';
import { readConfigText, writeConfigText } from '../../config/write-config.js';
import { hideCredentials } from '../../credentials.js';
import { findFeed, type FoundFeed, type ProbeLimits } from '../../daemon/probe-source.js';
import { TopicwireError } from '../../errors.js';
import { createHostLimiter } from '../../fetch/index.js';
import { parseOpml, type DiscoveredFeed } from '../../parse/index.js';
import { renderSourcesOpml } from '../../publish/sources-opml.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../format-table.js';
import { resolveConfigPath } from '../open-app.js';

async function readConfig(ctx: CliContext, option: string | undefined) {
  const file = resolveConfigPath(ctx, option);
  const text = await readConfigText(file);
  return { file, text, config: parseConfig(text, file) };
}

const reloadHint = 'a running daemon picks the change up by itself';

/** Where a URL or path given on the command line is read from: a path is relative to the config file, as in config.json. */
function locate(url: string, configFile: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : path.resolve(path.dirname(configFile), url);
}

function limitsOf(config: Config): ProbeLimits {
  return { timeoutMs: config.fetch.timeoutSeconds * 1000, maxBytes: config.fetch.maxBytes };
}

/** The id of the configured source that reads a location, compared canonically (findSourceWithSameFeed). */
function sourceReading(sources: readonly SourceConfig[]): (location: string) => string | undefined {
  return (location) => findSourceWithSameFeed(sources, location)?.id;
}

/**
 * `topicwire sources add URL`: checks the id and that the URL is no source
 * yet, before fetching anything; then that the URL is a readable feed (and
 * takes its title from it) — or, for a web page, finds the feeds it names and
 * adds the first that reads as a feed (unless it is a source already),
 * listing the others — and writes config.json; --force skips the fetch.
 */
export async function runSourcesAdd(ctx: CliContext, url: string, options: { config?: string; id?: string; title?: string; force?: boolean }): Promise<number> {
  const { file, text, config } = await readConfig(ctx, options.config);
  const isSource = sourceReading(config.sources);
  if (options.id !== undefined) {
    const valid = sourceSchema.shape.id.safeParse(options.id);
    if (!valid.success) throw new TopicwireError(`--id ${options.id}: ${valid.error.issues[0]?.message ?? 'invalid'}`);
    if (config.sources.some((s) => s.id === options.id)) throw new TopicwireError(`there is already a source with id "${options.id}" in ${file}`);
  }
  const location = locate(url, file);
  const existing = isSource(location);
  if (existing !== undefined) throw new TopicwireError(`${hideCredentials(url)} is already a source: ${existing}`);
  let found: FoundFeed = { url: location, title: undefined };
  if (!options.force) {
    try {
      found = await findFeed(location, limitsOf(config), isSource);
    } catch (error) {
      if (!(error instanceof TopicwireError)) throw error;
      throw new TopicwireError(`not added: ${error.message} (use --force to add it anyway)`, { cause: error });
    }
  }
  const page = found.page;
  if (found.existing !== undefined) {
    ctx.err(`topicwire: ${hideCredentials(url)} names the feed ${hideCredentials(found.url)}, which is already a source: ${found.existing}\n`);
    if (page !== undefined) writeOtherFeeds(ctx, page.others, isSource);
    return 1;
  }
  // A feed given directly is written as given (a path stays relative); one found on a page by its absolute URL.
  const feedUrl = page === undefined ? url : found.url;
  const title = options.title ?? found.title;
  const id = options.id ?? deriveSourceId(feedUrl, new Set(config.sources.map((s) => s.id)));
  const entry: SourceEntry = { id, ...(title ? { title } : {}), url: feedUrl };
  await writeConfigText(file, addSourcesToText(text, [entry]));
  if (page !== undefined) {
    const count = page.others.length + 1;
    ctx.out(`${hideCredentials(page.url)} is a web page naming ${count === 1 ? 'one feed' : `${count} feeds`}; added ${count === 1 ? 'it' : 'the first'}: ${hideCredentials(feedUrl)}\n`);
  }
  ctx.out(`added ${id}${title ? ` (${title})` : ''} to ${file}; ${reloadHint}, or run: topicwire fetch --source ${id}\n`);
  if (page !== undefined) writeOtherFeeds(ctx, page.others, isSource);
  return 0;
}

/** The feeds a page names besides the one added, for the user to pick from. */
function writeOtherFeeds(ctx: CliContext, others: readonly DiscoveredFeed[], isSource: (url: string) => string | undefined): void {
  if (others.length === 0) return;
  ctx.out('the page also names (add one with: topicwire sources add URL):\n');
  ctx.out(formatTable(others.map((f) => [`  ${hideCredentials(f.url)}`, f.title ?? '', isSource(f.url) === undefined ? '' : `already source ${isSource(f.url) ?? ''}`])));
}

/** `topicwire sources remove ID`: from the sources and from every topic's "sources" list. */
export async function runSourcesRemove(ctx: CliContext, id: string, options: { config?: string }): Promise<number> {
  const { file, text, config } = await readConfig(ctx, options.config);
  if (!config.sources.some((s) => s.id === id)) throw new TopicwireError(`no source with id "${id}" in ${file}`);
  const only = config.topics.find((t) => t.sources?.length === 1 && t.sources[0] === id);
  if (only) throw new TopicwireError(`topic "${only.id}" reads only ${id}: change its "sources" first`);
  await writeConfigText(file, removeSourceFromText(text, id));
  ctx.out(`removed ${id} from ${file}; its stored items stay until retention removes them; ${reloadHint}\n`);
  return 0;
}

/** One feed of an OPML list, checked as `sources add` checks a URL. */
type ImportCheck = { ok: true; entry: SourceEntry } | { ok: false; url: string; error: string } | { ok: 'existing'; id: string };

/**
 * `topicwire sources import FILE.opml`: every feed of the list not configured
 * yet, each checked as `sources add` checks one (fetched, read as a feed or a
 * page naming one), several at a time within the fetch limits; the ones that
 * fail are listed and left out, and the exit code is 1. --force skips the check.
 */
export async function runSourcesImport(ctx: CliContext, opmlFile: string, options: { config?: string; force?: boolean }): Promise<number> {
  const { file, text, config } = await readConfig(ctx, options.config);
  const feeds = await parseOpml(await readFile(path.resolve(ctx.cwd, opmlFile), 'utf8'));
  const isSource = sourceReading(config.sources);
  const seen = new Set<string>();
  const wanted = feeds.filter((feed) => {
    const key = canonicalSourceUrl(locate(feed.url, file));
    if (isSource(locate(feed.url, file)) !== undefined || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const limiter = createHostLimiter({ concurrency: config.fetch.concurrency, perHost: config.fetch.perHost });
  const taken = new Set(config.sources.map((s) => s.id));
  const checks = await Promise.all(
    wanted.map(async (feed): Promise<ImportCheck> => {
      if (options.force) return { ok: true, entry: { id: '', ...(feed.title ? { title: feed.title } : {}), url: feed.url } };
      try {
        const found = await limiter.run(locate(feed.url, file), () => findFeed(locate(feed.url, file), limitsOf(config), isSource));
        if (found.existing !== undefined) return { ok: 'existing', id: found.existing };
        const title = feed.title ?? found.title;
        return { ok: true, entry: { id: '', ...(title ? { title } : {}), url: found.page === undefined ? feed.url : found.url } };
      } catch (error) {
        if (!(error instanceof TopicwireError)) throw error;
        return { ok: false, url: feed.url, error: error.message };
      }
    }),
  );
  const entries: SourceEntry[] = [];
  for (const check of checks) {
    if (check.ok !== true || entries.some((e) => canonicalSourceUrl(locate(e.url, file)) === canonicalSourceUrl(locate(check.entry.url, file)))) continue;
    const id = deriveSourceId(check.entry.url, taken);
    taken.add(id);
    entries.push({ ...check.entry, id });
  }
  const failed = checks.filter((c): c is Extract<ImportCheck, { ok: false }> => c.ok === false);
  if (entries.length > 0) await writeConfigText(file, addSourcesToText(text, entries));
  const skipped = feeds.length - entries.length - failed.length;
  ctx.out(`imported ${entries.length} of ${feeds.length} feeds (${skipped} already configured${failed.length > 0 ? `, ${failed.length} failed` : ''}) into ${file}\n`);
  for (const entry of entries) ctx.out(`  ${entry.id}  ${hideCredentials(entry.url)}\n`);
  if (failed.length > 0) {
    ctx.out(`not imported (fix the URL, or --force imports without checking):\n`);
    for (const failure of failed) ctx.out(`  ${hideCredentials(failure.url)}  ${failure.error}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

/**
 * `topicwire sources export`: the sources as OPML on stdout, every URL
 * absolute (a file path becomes a file:// URL) so the list means the same
 * from any folder, and without credentials.
 */
export async function runSourcesExport(ctx: CliContext, options: { config?: string }): Promise<number> {
  const { config } = await readConfig(ctx, options.config);
  const absolute = (s: SourceConfig) => (hasHttpScheme(s.location) ? hideCredentials(s.location) : /^file:/i.test(s.location) ? s.location : pathToFileURL(s.location).href);
  ctx.out(renderSourcesOpml('topicwire sources', config.sources.map((s) => ({ id: s.id, title: s.title, url: absolute(s) }))));
  return 0;
}
