import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addSourcesToText, deriveSourceId, findSourceByUrl, removeSourceFromText, type SourceEntry } from '../../config/edit-config.js';
import { parseConfig } from '../../config/parse-config.js';
import { readConfigText, writeConfigText } from '../../config/write-config.js';
import { probeSource } from '../../daemon/probe-source.js';
import { TopicwireError } from '../../errors.js';
import { parseOpml } from '../../parse/index.js';
import { renderSourcesOpml } from '../../publish/sources-opml.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../open-app.js';

async function readConfig(ctx: CliContext, option: string | undefined) {
  const file = resolveConfigPath(ctx, option);
  const text = await readConfigText(file);
  return { file, text, config: parseConfig(text, file) };
}

const reloadHint = 'a running daemon picks the change up by itself';

/**
 * `topicwire sources add URL`: checks that the URL is a readable feed (and
 * takes its title from it) before writing config.json; --force skips the check.
 */
export async function runSourcesAdd(ctx: CliContext, url: string, options: { config?: string; id?: string; title?: string; force?: boolean }): Promise<number> {
  const { file, text, config } = await readConfig(ctx, options.config);
  const existing = findSourceByUrl(config.sources, url);
  if (existing) throw new TopicwireError(`${url} is already a source: ${existing.id}`);
  let title = options.title;
  if (!options.force) {
    const location = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : path.resolve(path.dirname(file), url);
    try {
      const feed = await probeSource(location, { timeoutMs: config.fetch.timeoutSeconds * 1000, maxBytes: config.fetch.maxBytes });
      title ??= feed.title;
    } catch (error) {
      if (!(error instanceof TopicwireError)) throw error;
      throw new TopicwireError(`not added: ${error.message} (use --force to add it anyway)`, { cause: error });
    }
  }
  const id = options.id ?? deriveSourceId(url, new Set(config.sources.map((s) => s.id)));
  const entry: SourceEntry = { id, ...(title ? { title } : {}), url };
  await writeConfigText(file, addSourcesToText(text, [entry]));
  ctx.out(`added ${id}${title ? ` (${title})` : ''} to ${file}; ${reloadHint}, or run: topicwire fetch --source ${id}\n`);
  return 0;
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

/** `topicwire sources import FILE.opml`: every feed of the list not configured yet. */
export async function runSourcesImport(ctx: CliContext, opmlFile: string, options: { config?: string }): Promise<number> {
  const { file, text, config } = await readConfig(ctx, options.config);
  const feeds = await parseOpml(await readFile(path.resolve(ctx.cwd, opmlFile), 'utf8'));
  const taken = new Set(config.sources.map((s) => s.id));
  const seen = new Set<string>();
  const entries: SourceEntry[] = [];
  for (const feed of feeds) {
    if (findSourceByUrl(config.sources, feed.url) || seen.has(feed.url)) continue;
    seen.add(feed.url);
    const id = deriveSourceId(feed.url, taken);
    taken.add(id);
    entries.push({ id, ...(feed.title ? { title: feed.title } : {}), url: feed.url });
  }
  if (entries.length > 0) await writeConfigText(file, addSourcesToText(text, entries));
  ctx.out(`imported ${entries.length} of ${feeds.length} feeds (${feeds.length - entries.length} already configured) into ${file}\n`);
  for (const entry of entries) ctx.out(`  ${entry.id}  ${entry.url}\n`);
  return 0;
}

/** `topicwire sources export`: the sources as OPML on stdout. */
export async function runSourcesExport(ctx: CliContext, options: { config?: string }): Promise<number> {
  const { config } = await readConfig(ctx, options.config);
  ctx.out(renderSourcesOpml('topicwire sources', config.sources.map((s) => ({ id: s.id, title: s.title, url: s.url }))));
  return 0;
}
