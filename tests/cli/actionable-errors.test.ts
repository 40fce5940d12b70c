import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runTopicwire } from '../support/cli.js';
import { mainJs, startTopicwire, type DaemonProcess } from '../support/daemon.js';
import { makeRss } from '../support/feed-routes.js';
import { makeTempDir } from '../support/items.js';

/**
 * Mistakes a user makes in config.json or on the machine, each answered by the
 * real command with one line that says what to fix: never a stack trace.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/main.js ARGS`, as a user runs it. */
function topicwire(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [mainJs, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

function writeConfig(dir: string, config: Record<string, unknown>): string {
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ sources: [], topics: [{ id: 'all', title: 'All', query: 'story' }], ...config }, null, 2));
  return file;
}

/** One line on stderr, no stack frame ("    at …") and no "unexpected error". */
function expectOneLine(run: Run, line: string): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toBe(`${line}\n`);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

const running: DaemonProcess[] = [];
afterEach(() => {
  for (const daemon of running.splice(0)) daemon.proc.kill('SIGKILL');
});

describe('an output folder that cannot be written', () => {
  it('`build`: says which folder and why, exit 1', async () => {
    const dir = makeTempDir('tw-err-out-');
    writeFileSync(path.join(dir, 'a-file'), 'not a folder\n');
    const out = path.join(dir, 'a-file', 'public');
    const run = await topicwire(['build', '--config', writeConfig(dir, { database: 'db.sqlite', output: { dir: out } })]);
    expectOneLine(run, `topicwire: cannot write the output folder ${out}: a part of the path is a file, not a folder (ENOTDIR at ${out})`);
    const itself = await topicwire(['build', '--config', writeConfig(dir, { database: 'db.sqlite', output: { dir: path.join(dir, 'a-file') } })]);
    expectOneLine(itself, `topicwire: cannot write the output folder ${path.join(dir, 'a-file')}: it is a file, not a folder (EEXIST at ${path.join(dir, 'a-file')})`);
  });

  it('`run`: refuses to start, exit 1', async () => {
    const dir = makeTempDir('tw-err-run-');
    writeFileSync(path.join(dir, 'a-file'), 'not a folder\n');
    const out = path.join(dir, 'a-file', 'public');
    const run = await topicwire(['run', '--config', writeConfig(dir, { database: 'db.sqlite', server: { port: 0 }, output: { dir: out } })]);
    expectOneLine(run, `topicwire: cannot write the output folder ${out}: a part of the path is a file, not a folder (ENOTDIR at ${out})`);
  });

  it('`run`: /health reports writes that start failing, and recovers when they succeed again', async () => {
    const dir = makeTempDir('tw-err-health-');
    writeFileSync(path.join(dir, 'feed.xml'), makeRss('local', 3));
    const out = path.join(dir, 'public');
    const config = writeConfig(dir, {
      database: 'db.sqlite',
      schedule: '* * * * * *',
      server: { host: '127.0.0.1', port: 0 },
      output: { dir: out },
      sources: [{ id: 'local', url: 'feed.xml' }],
    });
    const daemon = startTopicwire(['run', '--config', config]);
    running.push(daemon);
    const { port } = await daemon.waitFor((e) => e.event === 'listen', 'listen');
    const health = async (): Promise<{ status: number; body: { status: string; output: Record<string, unknown> } }> => {
      const response = await fetch(`http://127.0.0.1:${String(port)}/health`);
      return { status: response.status, body: (await response.json()) as { status: string; output: Record<string, unknown> } };
    };
    await daemon.waitFor((e) => e.event === 'build' && e.ok === undefined, 'the first write');
    expect((await health()).body.output).toMatchObject({ dir: out, status: 'ok', error: null, since: null });

    // The folder is replaced by a file; a reload makes the next cycle write everything again.
    rmSync(out, { recursive: true });
    writeFileSync(out, 'in the way\n');
    daemon.proc.kill('SIGHUP');
    const failed = await daemon.waitFor((e) => e.event === 'build' && e.ok === false, 'a failed write');
    expect(String(failed.error)).toMatch(new RegExp(`^cannot write the output folder ${out}: it is a file, not a folder \\(E[A-Z]+ at ${out}`));
    const failing = await health();
    expect(failing.status).toBe(503);
    expect(failing.body.status).toBe('output-failing');
    expect(failing.body.output).toMatchObject({ dir: out, status: 'failing', error: failed.error });
    expect(typeof failing.body.output.since).toBe('string');

    rmSync(out);
    const seen = daemon.events.length;
    await daemon.waitFor((e) => e.event === 'build' && e.ok === undefined && daemon.events.indexOf(e) >= seen, 'a write that succeeds again');
    const recovered = await health();
    expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
    expect(recovered.body.output).toMatchObject({ status: 'ok', error: null, since: null });
    expect(readFileSync(path.join(out, 'topics', 'all.rss'), 'utf8')).toContain('local story 2');
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('a database path that is not a SQLite file', () => {
  it('a folder: says so and what to write instead, exit 1', async () => {
    const dir = makeTempDir('tw-err-db-');
    mkdirSync(path.join(dir, 'data'));
    const database = path.join(dir, 'data');
    const run = await topicwire(['fetch', '--config', writeConfig(dir, { database: 'data' })]);
    expectOneLine(run, `topicwire: cannot open database ${database}: it is a folder; set "database" to a file in it, such as ${path.join(database, 'topicwire.db')} (SQLITE_CANTOPEN)`);
  });

  it('another file: says it is not a database, leaves the file alone, exit 1', async () => {
    const dir = makeTempDir('tw-err-notdb-');
    const notes = path.join(dir, 'notes.txt');
    const text = 'My notes, not a database.\n'.repeat(200);
    writeFileSync(notes, text);
    for (const command of [['topics'], ['run'], ['search', 'nato']]) {
      const run = await topicwire([...command, '--config', writeConfig(dir, { database: 'notes.txt', server: { port: 0 } })]);
      expectOneLine(run, `topicwire: cannot open database ${notes}: the file is not a SQLite database (another file is at that path, or it is damaged) (SQLITE_NOTADB)`);
    }
    expect(readFileSync(notes, 'utf8')).toBe(text);
  });
});

describe('topicwire check', () => {
  it('warns about a lower-case or, and, not between words, naming where, and still passes', async () => {
    const dir = makeTempDir('tw-err-ops-');
    const config = writeConfig(dir, {
      define: { places: 'georgia not atlanta' },
      topics: [{ id: 'nato', title: 'NATO', query: 'nato or otan' }, { id: 'ok', title: 'OK', query: ['"rock or roll"', 'or nato', 'nato and'] }],
    });
    const run = await topicwire(['check', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `${config}: ok (0 sources, 2 topics), 2 warnings`,
      '  define.places: warning: "not" at position 9 is the word "not", not an operator (operators are upper case): to leave out what follows, write NOT; to look for the word, put it in quotes, in: georgia not atlanta',
      '  topics[0].query: warning: "or" at position 6 is the word "or", not an operator (operators are upper case): to match either side, write OR; to look for the word, put it in quotes, in: nato or otan',
      '',
    ]);
  });

  it('says how many fields a cron expression has, for one field too few or too many', async () => {
    const dir = makeTempDir('tw-err-cron-');
    for (const schedule of ['*/15 * * *', '0 */15 * * * * *']) {
      const config = writeConfig(dir, { schedule });
      const run = await topicwire(['check', '--config', config]);
      const fields = schedule.split(' ').length;
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `${config}: 1 problem\n  schedule: "${schedule}" has ${fields} fields; a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or 6, with seconds first ("0 */15 * * * *")\n`,
      );
    }
    const ok = await topicwire(['check', '--config', writeConfig(dir, { schedule: '0 */15 * * * *' })]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('says a topic needs a query, with every other problem', async () => {
    const dir = makeTempDir('tw-err-query-');
    const config = writeConfig(dir, { schedule: '* * *', topics: [{ id: 'nato', title: 'NATO' }] });
    const run = await topicwire(['check', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('  topics[0].query: a topic needs a "query": a string, or an array of strings that are OR-ed\n');
    expect(run.stderr).toContain('  schedule: "* * *" has 3 fields;');
    expect(run.stderr).toMatch(/: 2 problems\n/);
  });
});

describe('/health', () => {
  it('dates a source that never succeeded from its first failure', async () => {
    const dir = makeTempDir('tw-err-since-');
    const config = writeConfig(dir, { database: 'db.sqlite', server: { host: '127.0.0.1', port: 0 }, sources: [{ id: 'gone', url: 'no-such-feed.xml' }] });
    const first = new Date('2024-06-01T10:00:00.000Z');
    expect((await runTopicwire(['fetch', '--config', config], { now: first })).code).toBe(0);
    expect((await runTopicwire(['fetch', '--config', config], { now: new Date('2024-06-01T11:00:00.000Z') })).code).toBe(0);
    const served = startTopicwire(['serve', '--config', config]);
    running.push(served);
    const { port } = await served.waitFor((e) => e.event === 'listen', 'listen');
    const body = (await (await fetch(`http://127.0.0.1:${String(port)}/health`)).json()) as { failing: { id: string; since: string | null; error: string }[] };
    expect(body.failing).toEqual([{ id: 'gone', since: first.toISOString(), error: expect.stringContaining('no-such-feed.xml') as string }]);
  });
});

describe('the repository', () => {
  it('ignores the daemon lock beside the default database', async () => {
    const ignored = await new Promise<number | null>((resolve) =>
      execFile('git', ['check-ignore', '-q', 'data/topicwire.db.lock'], { cwd: repoRoot }, (error) => resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : null)),
    );
    expect(ignored).toBe(0);
  });
});
