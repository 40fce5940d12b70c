import { beforeAll, describe, expect, it } from 'vitest';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

// The sample's Coastal Ledger is a paper in Savannah, Georgia (USA): its
// stories name Georgia, and the caucasus topic keeps them out with
// `(@georgia-country NOT @us-georgia)`. "Why is this not in my topic?"
const savannahLink = 'https://www.coastalledger.example/news/military/2024/03/20/3id-nato-exercise';

let config: string;

beforeAll(async () => {
  config = writeSampleConfig(makeTempDir('tw-explain-'));
  expect((await runTopicwire(['fetch', '--config', config])).code).toBe(0);
});

/** The lines of one topic's part of `explain`: its headline and the reasons below it. */
function topicLines(out: string, topic: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^  (IN |OUT) ${topic}:`).test(line));
  expect(start, out).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && /^  (IN |OUT) /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).map((line) => line.trim());
}

describe('topicwire explain ITEM', () => {
  it('names the NOT that kept an item out and the terms it found, before the terms not found', async () => {
    const { code, out } = await runTopicwire(['explain', savannahLink, '--config', config]);
    expect(code).toBe(0);
    const [headline, first, second, ...rest] = topicLines(out, 'caucasus');
    expect(headline).toBe('OUT caucasus: query does not match this item; kept out by NOT @us-georgia');
    expect(first).toMatch(/^NOT @us-georgia: it matched: savannah matched "Savannah" in title/);
    expect(second).toBe('@georgia-country: georgia matched "Georgia" in text');
    expect(rest.slice(0, 4)).toEqual(['caucasus: not found', 'caucase: not found', 'caucaso: not found', 'kaukasus: not found']);
    expect(rest.at(-1)).toMatch(/^… and \d+ more terms not found \(--all lists them\)$/);
    expect(topicLines(out, 'nato')[0]).toBe('IN  nato: query matches this item');
  });

  it('with --all lists every term not found', async () => {
    const { code, out } = await runTopicwire(['explain', savannahLink, '--all', '--config', config]);
    expect(code).toBe(0);
    const lines = topicLines(out, 'caucasus');
    expect(lines[1]).toMatch(/^NOT @us-georgia: it matched: savannah/);
    expect(lines.filter((line) => line.endsWith(': not found'))).toHaveLength(23);
    expect(lines).toContain('тбилиси: not found');
    expect(out).not.toContain('more terms not found');
  });
});
