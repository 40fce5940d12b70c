import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cli/logger.js';

function capture(pretty: boolean): { lines: () => string; log: ReturnType<typeof createLogger> } {
  let text = '';
  const log = createLogger({ write: (chunk) => (text += chunk), pretty });
  return { lines: () => text, log };
}

describe('logger', () => {
  it('writes one JSON object per line when the output is not a terminal', () => {
    const { lines, log } = capture(false);
    log.info({ event: 'fetch', source: 'rt', status: 'ok', ms: 12 }, 'fetch rt ok');
    log.warn({ event: 'fetch', source: 'x', error: 'HTTP 500' }, 'fetch x failed');
    const records = lines().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ level: 30, event: 'fetch', source: 'rt', status: 'ok', ms: 12, msg: 'fetch rt ok' });
    expect(records[1]).toMatchObject({ level: 40, error: 'HTTP 500' });
  });

  it('writes readable lines on a terminal', () => {
    const { lines, log } = capture(true);
    log.info({ event: 'fetch', source: 'rt', ms: 12 }, 'fetch rt ok');
    expect(lines()).toMatch(/^\d\d:\d\d:\d\d info {2}fetch rt ok source=rt ms=12\n$/);
  });
});
