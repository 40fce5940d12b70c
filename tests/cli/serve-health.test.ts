import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { repoRoot, runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { request } from '../server/http-client.js';

const fetchedAt = Date.parse('2024-06-01T12:00:00.000Z');
const minute = 60_000;

/** `topicwire serve` in this process at a fixed time: its /health answer, then it is stopped. */
async function healthOfServe(config: string, at: number): Promise<{ status: number; body: { status: string } }> {
  const stop = new AbortController();
  let listening: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (listening = resolve));
  const ctx: CliContext = {
    out: () => undefined,
    err: (text) => {
      for (const line of text.split('\n')) {
        if (line.includes('"event":"listen"')) listening((JSON.parse(line) as { port: number }).port);
      }
    },
    env: { TOPICWIRE_LOG_LEVEL: 'info' },
    cwd: repoRoot,
    isTTY: false,
    now: () => new Date(at),
    stopSignal: stop.signal,
    onReload: () => undefined,
    pid: process.pid,
    isProcessAlive: () => false,
  };
  const served = runCli(['serve', '--config', config], ctx);
  const response = await request(`http://127.0.0.1:${await port}`, '/health');
  stop.abort();
  expect(await served).toBe(0);
  return { status: response.status, body: JSON.parse(response.body.toString('utf8')) as { status: string } };
}

describe('topicwire serve', () => {
  it('judges /health by the config’s schedule, as run does', async () => {
    const config = writeSampleConfig(makeTempDir('tw-serve-health-'), (c) => (c.schedule = '*/5 * * * *'));
    expect((await runTopicwire(['fetch', '--config', config], { now: new Date(fetchedAt) })).code).toBe(0);
    // Three 5-minute periods: fresh at 14 minutes, stale at 16 (a fixed 15-minute period would say fresh until 45).
    expect(await healthOfServe(config, fetchedAt + 14 * minute)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await healthOfServe(config, fetchedAt + 16 * minute)).toMatchObject({ status: 503, body: { status: 'stale' } });
  });
});
