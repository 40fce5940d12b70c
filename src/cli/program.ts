import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, TopicwireError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CliContext } from './context.js';

type Action = (ctx: CliContext) => Promise<number>;

// Each command's module is imported when it runs: `fetch` or `sources list`
// need not load the publisher, the HTTP server and their libraries, which was
// most of a short command's 0.35 s of start-up.

/** `--limit N`: a whole number of at least 1; "0", "-3", "2.5" and "ten" are refused, not read as something else. */
export function parseLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidArgumentError('give a whole number of 1 or more.');
  return limit;
}

/**
 * Builds the command line docs/design.md fixes: `topicwire <command> [--config FILE]`.
 * --config is also a program option, so it may come before the command as
 * well; a hook hands it to the command that runs.
 */
function buildProgram(ctx: CliContext, setAction: (action: Action) => void): Command {
  const configOption = ['-c, --config <file>', 'config file (default: $TOPICWIRE_CONFIG or ./config.json)'] as const;
  const program = new Command('topicwire')
    .description('Self-hosted news-feed aggregator: many feeds in, one deduplicated feed per topic out.')
    .version(VERSION, '-V, --version', 'print the version')
    .option(...configOption)
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .showHelpAfterError();
  program.hook('preAction', (_program, command) => {
    const config = program.getOptionValue('config') as string | undefined;
    if (config !== undefined && command.getOptionValue('config') === undefined) command.setOptionValue('config', config);
  });

  program
    .command('run')
    .description('the daemon: a cycle at once, then on the schedule; serves HTTP; stops on SIGINT/SIGTERM')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/serve.js')).runRun(c, o)));
  program
    .command('serve')
    .description('the HTTP server alone')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/serve.js')).runServe(c, o)));
  program
    .command('build')
    .description('write every topic feed, the OPML and the index page to DIR')
    .option(...configOption)
    .option('-o, --out <dir>', 'output folder (default: output.dir)')
    .action((o: { config?: string; out?: string }) => setAction(async (c) => (await import('./commands/build.js')).runBuild(c, o)));
  program
    .command('check')
    .description('validate config.json; exit 1 with every problem listed')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/check.js')).runCheck(c, o)));
  program
    .command('fetch')
    .description('fetch every source now (or one), store new items, print a summary')
    .option(...configOption)
    .option('-s, --source <id>', 'only this source')
    .action((o: { config?: string; source?: string }) => setAction(async (c) => (await import('./commands/fetch.js')).runFetch(c, o)));
  const sources = program.command('sources').description('the sources in config.json and their health');
  sources
    .command('list', { isDefault: true })
    .description('each source with its status, last fetch, items and last error')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/sources.js')).runSourcesList(c, o)));
  sources
    .command('add')
    .argument('<url>', "a feed's or a site's http(s) URL, a file:// URL or a file path")
    .description("add a source to config.json, after checking that it is a readable feed; given a web page, the first feed it names")
    .option(...configOption)
    .option('--id <id>', 'the source id (default: from the host name)')
    .option('--title <title>', "the source's title (default: the feed's own)")
    .option('-f, --force', 'add it without fetching it first')
    .action((url: string, o: { config?: string; id?: string; title?: string; force?: boolean }) => setAction(async (c) => (await import('./commands/sources-edit.js')).runSourcesAdd(c, url, o)));
  sources
    .command('remove')
    .argument('<id>', 'a source id')
    .description('remove a source from config.json (and from topics restricted to it)')
    .option(...configOption)
    .action((id: string, o: { config?: string }) => setAction(async (c) => (await import('./commands/sources-edit.js')).runSourcesRemove(c, id, o)));
  sources
    .command('import')
    .argument('<file>', 'an OPML subscription list')
    .description('add every feed of an OPML file that is not a source yet, after checking each is a readable feed')
    .option(...configOption)
    .option('-f, --force', 'add them without fetching them first')
    .action((file: string, o: { config?: string; force?: boolean }) => setAction(async (c) => (await import('./commands/sources-edit.js')).runSourcesImport(c, file, o)));
  sources
    .command('export')
    .description('print the sources as OPML')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/sources-edit.js')).runSourcesExport(c, o)));
  const topics = program.command('topics').description('the topics in config.json');
  topics
    .command('list', { isDefault: true })
    .description('each topic with its item count and query')
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/topics.js')).runTopicsList(c, o)));
  topics
    .command('test')
    .argument('<query>', 'a topic query')
    .description('what a query would match now; with --topic, what would enter and leave that topic')
    .option(...configOption)
    .option('-t, --topic <id>', 'compare with this topic')
    .action((q: string, o: { config?: string; topic?: string }) => setAction(async (c) => (await import('./commands/topics.js')).runTopicsTest(c, q, o)));
  program
    .command('search')
    .argument('<query>', 'a topic query')
    .description('stored items matching a query, newest first')
    .option(...configOption)
    .option('-n, --limit <n>', 'at most this many (default: 50)', parseLimit)
    .action((q: string, o: { config?: string; limit?: number }) => setAction(async (c) => (await import('./commands/topics.js')).runSearch(c, q, o)));
  program
    .command('items')
    .description('the newest stored items, of one source or topic when given')
    .option(...configOption)
    .option('-s, --source <id>', 'only items of this source')
    .option('-t, --topic <id>', 'only items in this topic')
    .option('-n, --limit <n>', 'at most this many (default: 50)', parseLimit)
    .action((o: { config?: string; source?: string; topic?: string; limit?: number }) => setAction(async (c) => (await import('./commands/items.js')).runItems(c, o)));
  program
    .command('explain')
    .argument('<item>', 'an item id or link')
    .description('why an item is or is not in each topic, and what it was merged with')
    .option(...configOption)
    .option('-a, --all', 'list every term a query looked for, not only the first few it did not find')
    .action((ref: string, o: { config?: string; all?: boolean }) => setAction(async (c) => (await import('./commands/explain.js')).runExplain(c, ref, o)));
  const alerts = program.command('alerts').description('the alerts in config.json: their deliveries, and a test');
  alerts
    .command('list', { isDefault: true })
    .description("each alert with its receiver, last delivery, and pending and failed deliveries")
    .option(...configOption)
    .action((o: { config?: string }) => setAction(async (c) => (await import('./commands/alerts.js')).runAlertsList(c, o)));
  alerts
    .command('test')
    .argument('<id>', 'an alert id')
    .description("send a sample now (the newest story in the alert's topics) and print the receiver's answer")
    .option(...configOption)
    .action((id: string, o: { config?: string }) => setAction(async (c) => (await import('./commands/alerts.js')).runAlertsTest(c, id, o)));
  const stories = program.command('stories').description('the stories items were merged into');
  stories
    .command('list')
    .description('the newest stories, of one topic when given, with how many outlets reported each')
    .option(...configOption)
    .option('-t, --topic <id>', 'only stories in this topic')
    .option('-n, --limit <n>', 'at most this many (default: 50)', parseLimit)
    .action((o: { config?: string; topic?: string; limit?: number }) => setAction(async (c) => (await import('./commands/stories.js')).runStoriesList(c, o)));
  stories
    .command('split')
    .argument('<item>', 'an item id or link')
    .description('detach an item from the story it was merged into, for good')
    .option(...configOption)
    .action((ref: string, o: { config?: string }) => setAction(async (c) => (await import('./commands/stories.js')).runStoriesSplit(c, ref, o)));
  stories
    .command('join')
    .argument('<item>', 'an item id or link')
    .argument('<other>', 'an item of the other story')
    .description("merge two items' stories into one (it undoes a split); the story with the older face keeps its id")
    .option(...configOption)
    .action((a: string, b: string, o: { config?: string }) => setAction(async (c) => (await import('./commands/stories.js')).runStoriesJoin(c, a, b, o)));
  return program;
}

/** Runs one command line; returns the exit code. Errors users can act on become one clear message. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let action: Action | undefined;
  const program = buildProgram(ctx, (a) => (action = a));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  if (action === undefined) {
    ctx.err(program.helpInformation());
    return 1;
  }
  try {
    return await action(ctx);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TopicwireError) {
      ctx.err(`topicwire: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
