import { describe, expect, it } from 'vitest';
import { formatCycle } from '../../src/cli/commands/fetch.js';
import type { SourceOutcome } from '../../src/update/update-sources.js';

const counts = { new: 2, updated: 0, duplicate: 1, unchanged: 0, tombstoned: 0 };
const outcome = (fields: Partial<SourceOutcome> & Pick<SourceOutcome, 'sourceId' | 'status'>): SourceOutcome => ({
  warnings: [],
  counts: { ...counts, new: 0, duplicate: 0 },
  bytes: 0,
  ms: 1,
  ...fields,
});

describe('formatCycle', () => {
  it('keeps a long error in the last column, so the other rows stay narrow', () => {
    const error = `https://broken.example/feed.xml: not well-formed XML: ${'unexpected close tag; '.repeat(12)}`;
    const text = formatCycle({
      startedAt: new Date('2024-03-21T00:00:00Z'),
      durationMs: 1234,
      sources: [
        outcome({ sourceId: 'rt', status: 'ok', httpStatus: 200, counts }),
        outcome({ sourceId: 'broken', status: 'failed', httpStatus: 200, error }),
        outcome({ sourceId: 'tass', status: 'unchanged', httpStatus: 304 }),
      ],
      totals: { ...counts, ok: 2, failed: 1 },
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('rt      ok (200)         2 new, 0 updated, 1 duplicate, 0 unchanged');
    expect(lines[1]).toBe(`broken  failed (200)     ${error}`.trimEnd());
    expect(lines[2]).toBe('tass    unchanged (304)');
    expect(lines[3]).toBe('3 sources: 2 ok, 1 failed; items: 2 new, 0 updated, 1 duplicate, 0 unchanged; 1.23 s');
  });
});
