import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runTopicwire, writeSampleConfig } from '../support/cli.js';
import { makeTempDir } from '../support/items.js';
import { createTestDatabase, describePostgres } from '../support/postgres.js';

describePostgres('topicwire migrate --to postgres://…', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sqliteConfig: string;
  let postgresConfig: string;
  const at = (time: string) => ({ now: new Date(`2026-05-01T${time}:00.000Z`) });

  beforeAll(async () => {
    dir = makeTempDir('tw-migrate-');
    database = await createTestDatabase();
    sqliteConfig = writeSampleConfig(dir);
    const config = JSON.parse(readFileSync(sqliteConfig, 'utf8')) as Record<string, unknown>;
    postgresConfig = path.join(dir, 'config-pg.json');
    writeFileSync(postgresConfig, JSON.stringify({ ...config, database: database.url, output: { dir: path.join(dir, 'public-pg'), items: 50 } }));
  });
  afterAll(() => database.drop());

  it('moves everything over: the same feeds built from either, ids kept, and the next fetch finds nothing new', async () => {
    expect((await runTopicwire(['fetch', '--config', sqliteConfig], at('08:00'))).code).toBe(0);
    const split = await runTopicwire(['stories', 'split', '2', '--config', sqliteConfig], at('08:01'));
    expect(split.code, split.err).toBe(0);
    const migrate = await runTopicwire(['migrate', '--to', database.url, '--config', sqliteConfig], at('08:02'));
    expect(migrate.err).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.out).toMatch(/^items\s+53 rows$/m);
    // The event index moves with the items, so later reports still find the stories they join.
    expect(migrate.out).toMatch(/^event_keys\s+[1-9]\d* rows$/m);
    expect(migrate.out).toContain(`now set "database" in ${sqliteConfig} to "${database.url.replace(/:[^:@/]+@/, ':***@')}"`);
    // The password is never printed.
    expect(migrate.out).not.toContain(new URL(database.url).password);

    expect((await runTopicwire(['build', '--config', sqliteConfig], at('08:05'))).code).toBe(0);
    expect((await runTopicwire(['build', '--config', postgresConfig], at('08:05'))).code).toBe(0);
    const files = readdirSync(path.join(dir, 'public', 'topics'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      expect(readFileSync(path.join(dir, 'public-pg', 'topics', name)).equals(readFileSync(path.join(dir, 'public', 'topics', name))), name).toBe(true);
    }
    // Ids continue where SQLite's ended: the migrated split item keeps its number, and new rows take new ones.
    const after = await runTopicwire(['explain', '2', '--config', postgresConfig], at('08:06'));
    const before = await runTopicwire(['explain', '2', '--config', sqliteConfig], at('08:06'));
    expect(after.code, after.err).toBe(0);
    expect(after.out).toMatch(/^item 2: /);
    expect(after.out).toBe(before.out);
    const again = await runTopicwire(['fetch', '--config', postgresConfig], at('08:10'));
    expect(again.code, again.err).toBe(0);
    // The validators came along: every feed reads as the same content, nothing is stored again.
    expect(again.out.match(/unchanged \(same content\)/g)).toHaveLength(7);
    expect(again.out).toMatch(/items: 0 new, 0 updated, 0 duplicate/);
  });

  it('refuses a database that already holds data, changing nothing', async () => {
    const run = await runTopicwire(['migrate', '--to', database.url, '--config', sqliteConfig]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('the PostgreSQL database already holds sources or items; migrate into an empty database');
  });

  it('refuses a --to that is not a PostgreSQL URL, saying why', async () => {
    const run = await runTopicwire(['migrate', '--to', 'mysql://db/topicwire', '--config', sqliteConfig]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('a database is a SQLite file path or a postgres:// (postgresql://) URL');
  });
});
