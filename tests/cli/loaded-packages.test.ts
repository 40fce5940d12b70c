import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';

/** The packages a run of the built bin loaded, from the log of tests/fixtures/loads/log-loads.mjs. */
async function loadedPackages(args: string[]): Promise<Set<string>> {
  const dir = makeTempDir('tw-loaded-');
  const log = path.join(dir, 'loads');
  writeFileSync(log, '');
  const config = writeSampleConfig(dir);
  const preload = pathToFileURL(path.join(repoRoot, 'tests/fixtures/loads/log-loads.mjs')).href;
  await promisify(execFile)(process.execPath, ['--import', preload, path.join(repoRoot, 'dist/main.js'), ...args, '--config', config], { env: { ...process.env, LOG_LOADS_FILE: log } });
  return new Set([...readFileSync(log, 'utf8').matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((match) => match[1] ?? ''));
}

// Each package a process loads stays in its memory, code and source text, until it exits.
describe('a fetch into SQLite', () => {
  it('loads the parsers and the store, not the PostgreSQL client, the HTML page parser or the renderers', async () => {
    const loaded = await loadedPackages(['fetch']);
    expect([...loaded].filter((name) => ['rss-parser', 'better-sqlite3', 're2js'].includes(name)).sort()).toEqual(['better-sqlite3', 're2js', 'rss-parser']);
    expect([...loaded].filter((name) => ['postgres', 'htmlparser2', 'domhandler', 'feed', 'sanitize-html', 'nodemailer'].includes(name))).toEqual([]);
  });
});
