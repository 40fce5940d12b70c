import type { Sql } from './connect.js';

/**
 * How workers share the sources (README "Several workers"): a worker claims
 * due sources for a lease, fetches them, and its fetch record clears the
 * claim. `FOR UPDATE SKIP LOCKED` makes two workers claiming at once take
 * different sources instead of waiting on each other; a claim whose lease has
 * run out (its worker died, or lost the database) is free to take. Leases run
 * on the database's clock, so workers on machines whose clocks differ agree
 * on them; due times are the scheduler's, as SQLite keeps them.
 */
export function createClaims(sql: Sql, worker: string) {
  return {
    /**
     * Takes up to `limit` of the sources `ids` that are due at `now`, not
     * disabled, and not held by another worker's live lease: the longest due
     * first, then in the order of `ids` (the config's), which is the order a
     * single process stores them in, and so which copy of a story is its face.
     */
    claimDue: async (ids: readonly string[], now: Date, limit: number, leaseMs: number): Promise<string[]> => {
      if (ids.length === 0 || limit <= 0) return [];
      const rows = await sql<{ id: string }[]>`
        WITH due AS (
          SELECT id FROM sources
          WHERE id = ANY(${ids as string[]}::text[]) AND retired_from IS NULL AND status <> 'disabled'
            AND (next_due_at IS NULL OR next_due_at <= ${now.toISOString()})
            AND (claimed_by IS NULL OR claim_expires_at < clock_timestamp())
          ORDER BY next_due_at NULLS FIRST, array_position(${ids as string[]}::text[], id)
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE sources s SET claimed_by = ${worker}, claim_expires_at = clock_timestamp() + ${leaseMs} * interval '1 millisecond'
        FROM due WHERE s.id = due.id
        RETURNING s.id`;
      const position = new Map(ids.map((id, i) => [id, i]));
      return rows.map((row) => row.id).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    },
    /** Extends this worker's claims by a lease from now; returns how many it holds. */
    renewClaims: async (leaseMs: number): Promise<number> => {
      const rows = await sql`
        UPDATE sources SET claim_expires_at = clock_timestamp() + ${leaseMs} * interval '1 millisecond'
        WHERE claimed_by = ${worker} AND claim_expires_at >= clock_timestamp()
        RETURNING id`;
      return rows.length;
    },
    /** Gives back this worker's claims (all, or those of `ids`) without a fetch record: a stop, or an abandoned cycle. */
    releaseClaims: async (ids?: readonly string[]): Promise<void> => {
      if (ids === undefined) await sql`UPDATE sources SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = ${worker}`;
      else await sql`UPDATE sources SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = ${worker} AND id = ANY(${ids as string[]}::text[])`;
    },
  };
}

export type Claims = ReturnType<typeof createClaims>;

/** The SQL fragment a fetch record sets: its claim is done. */
export const CLEAR_CLAIM = 'claimed_by = NULL, claim_expires_at = NULL';
