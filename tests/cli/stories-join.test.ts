import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../support/daemon.js';
import { fetchSamples, type FetchedSamples } from '../support/samples.js';

let samples: FetchedSamples;
const run = (...args: string[]) => runCommand([...args, '--config', samples.config]);
const query = <T>(sql: string, ...params: unknown[]): T[] => samples.query<T>(sql, ...params);

beforeAll(async () => {
  samples = await fetchSamples('tw-join-');
});

describe('stories join, and undoing a split', () => {
  const storyOf = (item: number) => query<{ uid: string }>('SELECT s.uid FROM items i JOIN stories s ON s.id = i.story_id WHERE i.id = ?', item)[0]?.uid;
  const members = (uid: string) => query<{ id: number }>('SELECT i.id FROM items i JOIN stories s ON s.id = i.story_id WHERE s.uid = ? ORDER BY i.id', uid).map((r) => r.id);

  it('join undoes a split, of an item and of the face, the story id included', async () => {
    const [merged] = query<{ story_id: number }>('SELECT story_id FROM items GROUP BY story_id HAVING count(*) >= 2 ORDER BY story_id LIMIT 1');
    const story = query<{ uid: string }>('SELECT uid FROM stories WHERE id = ?', merged?.story_id)[0]?.uid ?? '';
    const [face, other] = members(story);
    if (face === undefined || other === undefined) throw new Error('the samples have no merged story');
    const before = members(story);

    for (const item of [other, face]) {
      const split = await run('stories', 'split', String(item));
      expect(split.code).toBe(0);
      const undo = /to undo it: (topicwire stories join \d+ \d+)\n/.exec(split.out)?.[1];
      expect(undo).toBeDefined();
      expect(members(story)).not.toEqual(before);
      const join = await run(...(undo ?? '').split(' ').slice(1));
      expect(join.code).toBe(0);
      expect(join.out).toMatch(new RegExp(`joined story ${story}\\n$`));
      expect(members(story)).toEqual(before);
      expect((await run('explain', String(item))).out).not.toContain('split off');
    }
  });

  it('joins two stories into the one with the older face, whose id it keeps', async () => {
    const [a, b] = query<{ id: number }>('SELECT min(id) AS id FROM items GROUP BY story_id HAVING count(*) = 1 ORDER BY id LIMIT 2').map((r) => r.id);
    if (a === undefined || b === undefined) throw new Error('the samples have fewer than two one-item stories');
    const kept = storyOf(a);
    const gone = storyOf(b);
    const stories = query<{ n: number }>('SELECT count(*) AS n FROM stories')[0]?.n ?? 0;
    const joined = await run('stories', 'join', String(b), String(a));
    expect(joined).toMatchObject({ code: 0, out: `story ${gone} (item ${b}) joined story ${kept}\n` });
    expect(storyOf(b)).toBe(kept);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM stories')[0]?.n).toBe(stories - 1);
    expect((await run('explain', String(b))).out).toContain(`merged with item ${a}`);
    expect(await run('stories', 'join', String(a), String(b))).toMatchObject({ code: 0, out: `items ${a} and ${b} were already in one story, ${kept}\n` });
    expect(await run('stories', 'join', String(a), String(a))).toMatchObject({ code: 1 });
  });
});
