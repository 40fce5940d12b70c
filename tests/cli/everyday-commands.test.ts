import { beforeAll, describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/cli.js';
import { runCommand } from '../support/daemon.js';
import { fetchSamples, type FetchedSamples } from '../support/samples.js';

let samples: FetchedSamples;
const run = (...args: string[]) => runCommand([...args, '--config', samples.config]);
const query = <T>(sql: string, ...params: unknown[]): T[] => samples.query<T>(sql, ...params);

/** The rows of a table a command printed, split at its two-space column gaps. */
const rowsOf = (out: string) => out.trimEnd().split('\n').map((line) => line.split(/ {2,}/));

beforeAll(async () => {
  samples = await fetchSamples('tw-everyday-');
});

describe('everyday commands and options', () => {
  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await runCommand([flag])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('takes --config before or after the command', async () => {
    const after = await runCommand(['topics', '--config', samples.config]);
    const before = await runCommand(['--config', samples.config, 'topics']);
    const short = await runCommand(['-c', samples.config, 'sources', 'list']);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/^ID\s+TITLE\s+ITEMS\s+QUERY\ncaucasus /);
    expect(before).toEqual(after);
    expect(short.out).toMatch(/^ID\s+STATUS/);
    expect(short.out).toContain('coastal-ledger');
  });

  it('items lists the newest items with column headers, of one source or topic, at most --limit', async () => {
    const all = rowsOf((await run('items')).out);
    const stored = query<{ n: number }>('SELECT count(*) AS n FROM items')[0]?.n ?? 0;
    expect(all[0]).toEqual(['DATE', 'ITEM', 'SOURCE', 'TITLE', 'LINK']);
    expect(all.length - 1).toBe(Math.min(50, stored));
    const dates = all.slice(1).map((row) => row[0] ?? '');
    expect(dates).toEqual([...dates].sort().reverse());

    const rt = rowsOf((await run('items', '--source', 'rt', '--limit', '3')).out);
    expect(rt.length).toBe(4);
    expect(rt.slice(1).map((row) => row[2])).toEqual(['rt', 'rt', 'rt']);

    const nato = rowsOf((await run('items', '--topic', 'nato', '-n', '500')).out).slice(1);
    const inTopic = query<{ item_id: number }>("SELECT item_id FROM item_topics WHERE topic_id = 'nato'").map((r) => String(r.item_id));
    expect(nato.map((row) => row[1]).sort()).toEqual(inTopic.sort());
    expect(nato.length).toBeGreaterThan(3);

    expect(await run('items', '--topic', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('no topic with id "nope"') });
  });

  it('refuses a --limit of 0, a negative number, a fraction or a word', async () => {
    for (const limit of ['0', '-3', '2.5', 'ten', '1e3']) {
      for (const args of [['items', '--limit', limit], ['search', 'nato', '--limit', limit]]) {
        const refused = await runCommand([...args, '--config', samples.config]);
        expect(refused.code, `${args.join(' ')}`).toBe(1);
        expect(refused.err).toContain(`argument '${limit}' is invalid. give a whole number of 1 or more.`);
        expect(refused.out).toBe('');
      }
    }
  });

  it('search and topics test print column headers', async () => {
    const search = rowsOf((await run('search', 'nato', '--limit', '2')).out);
    expect(search[0]).toEqual(['DATE', 'ITEM', 'SOURCE', 'TITLE', 'LINK']);
    expect(search.length).toBeGreaterThanOrEqual(3);
    const tested = (await run('topics', 'test', 'nato')).out.split('\n');
    expect(tested[0]).toMatch(/^\d+ stories match nato$/);
    expect(tested[1]).toMatch(/^DATE\s+ITEM\s+SOURCE\s+TITLE\s+LINK$/);
    const compared = (await run('topics', 'test', 'caucasus', '--topic', 'nato')).out.split('\n');
    expect(compared[1]).toMatch(/would enter/);
    expect(compared[2]).toMatch(/^\s+DATE\s+ITEM\s+SOURCE\s+TITLE\s+LINK$/);
    expect(compared[3]).toMatch(/^[+-] /);
  });
});
