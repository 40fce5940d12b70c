import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createClaims } from '../../../src/store/postgres/claims.js';
import { connect, type Sql } from '../../../src/store/postgres/connect.js';
import { createLeadership, LEADER_KEEPALIVES } from '../../../src/store/postgres/leadership.js';
import { migratePostgres } from '../../../src/store/postgres/migrate.js';
import { createTestDatabase, describePostgres } from '../../support/postgres.js';

describePostgres('PostgreSQL: claims of due sources, and the leader', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const clients: Sql[] = [];
  let sql: Sql;
  const open = async (): Promise<Sql> => {
    const client = await connect({ url: database.url, shown: database.name });
    clients.push(client);
    return client;
  };
  const now = new Date('2026-05-01T12:00:00.000Z');
  const ids = Array.from({ length: 10 }, (_, i) => `s${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = await open();
    // Two workers starting at once migrate once.
    await Promise.all([migratePostgres(sql, database.name), migratePostgres(await open(), database.name)]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
    await database.drop();
  });
  beforeEach(async () => {
    await sql`DELETE FROM sources`;
    for (const id of ids) await sql`INSERT INTO sources (id, url, title) VALUES (${id}, ${`https://example.com/${id}`}, ${id})`;
  });

  it('records the schema version once, however many workers migrated', async () => {
    expect(await sql`SELECT version FROM schema_version`).toEqual([{ version: 1 }]);
  });

  it('gives two workers claiming at once different sources, all of them between them', async () => {
    const a = createClaims(await open(), 'a');
    const b = createClaims(await open(), 'b');
    const rounds = await Promise.all([a.claimDue(ids, now, 4, 60_000), b.claimDue(ids, now, 4, 60_000), a.claimDue(ids, now, 4, 60_000), b.claimDue(ids, now, 4, 60_000)]);
    const claimed = rounds.flat();
    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed].sort()).toEqual(ids);
    expect(await a.claimDue(ids, now, 4, 60_000)).toEqual([]);
  });

  it('claims only due sources that are not disabled, and only those asked for', async () => {
    await sql`UPDATE sources SET next_due_at = '2026-05-01T12:00:00.001Z' WHERE id = 's00'`;
    await sql`UPDATE sources SET next_due_at = '2026-05-01T11:59:59.999Z' WHERE id = 's01'`;
    await sql`UPDATE sources SET status = 'disabled' WHERE id = 's02'`;
    const claims = createClaims(sql, 'a');
    expect(await claims.claimDue(['s00', 's01', 's02', 's03'], now, 10, 60_000)).toEqual(['s01', 's03']);
  });

  it('hands a dead worker\'s claims to another once its lease runs out, and not before', async () => {
    const dead = createClaims(sql, 'dead');
    const alive = createClaims(sql, 'alive');
    expect(await dead.claimDue(ids, now, 10, 300)).toEqual(ids);
    expect(await alive.claimDue(ids, now, 10, 60_000)).toEqual([]);
    // Wait on the database's clock, which the leases run on.
    await sql`SELECT pg_sleep(0.35)`;
    expect(await alive.claimDue(ids, now, 10, 60_000)).toEqual(ids);
    // The dead worker cannot renew what it lost.
    expect(await dead.renewClaims(60_000)).toBe(0);
    expect(await alive.renewClaims(60_000)).toBe(10);
  });

  it('keeps a renewed claim past its first lease, and frees released ones at once', async () => {
    const a = createClaims(sql, 'a');
    const b = createClaims(sql, 'b');
    expect(await a.claimDue(ids, now, 10, 400)).toEqual(ids);
    await sql`SELECT pg_sleep(0.2)`;
    expect(await a.renewClaims(5_000)).toBe(10);
    await sql`SELECT pg_sleep(0.3)`;
    expect(await b.claimDue(ids, now, 10, 60_000)).toEqual([]);
    await a.releaseClaims(['s00', 's01']);
    expect(await b.claimDue(ids, now, 10, 60_000)).toEqual(['s00', 's01']);
  });

  it('lets one worker lead; the lead moves when the leader resigns or its session dies', async () => {
    const session = async (): Promise<Sql> => connect({ url: database.url, shown: database.name }, { max: 1, parameters: LEADER_KEEPALIVES });
    const first = createLeadership(session);
    const second = createLeadership(session);
    expect(await first.tryLead()).toBe(true);
    expect(await second.tryLead()).toBe(false);
    expect(await first.tryLead()).toBe(true);
    // A leader's session notices a vanished machine in seconds, not hours.
    const probe = await session();
    expect(await probe`SHOW tcp_keepalives_idle`).toEqual([{ tcp_keepalives_idle: '10' }]);
    await probe.end();
    await first.resign();
    expect(await second.tryLead()).toBe(true);
    expect(await first.tryLead()).toBe(false);
    // The leader's session is killed on the server, as when its machine dies.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid IN (
      SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`;
    await expect(second.tryLead()).rejects.toThrow();
    expect(second.leading).toBe(false);
    expect(await first.tryLead()).toBe(true);
    await first.resign();
    await second.resign();
  });
});
