import type { Sql } from './connect.js';

/** The advisory lock whose holder leads: writes the static output, prunes, sends alerts. */
export const LEADER_LOCK = 0x7477_0002;

/**
 * Server-side TCP keepalives on the leader's session: a leader whose machine
 * vanishes (power, network) sends no FIN, and without them the server would
 * hold its lock, and so the lead, until the kernel gives up on the socket
 * (hours). With these it notices within about idle + interval × count
 * seconds. Set as the session's start-up parameters (openSession), so a
 * session opened again has them too.
 * https://www.postgresql.org/docs/current/runtime-config-connection.html
 */
export const LEADER_KEEPALIVES: Record<string, string> = { tcp_keepalives_idle: '10', tcp_keepalives_interval: '5', tcp_keepalives_count: '3' };

export interface Leadership {
  /** Takes the lead if no live worker holds it; true while this worker leads. */
  tryLead(): Promise<boolean>;
  /** Whether this worker led at the last tryLead (no round trip). */
  readonly leading: boolean;
  /** Gives the lead up (a stop), so another worker takes it at once. */
  resign(): Promise<void>;
}

/**
 * One worker at a time leads, chosen through the database: the leader holds
 * a session-level advisory lock (pg_try_advisory_lock) on a connection of its
 * own. The server releases it when that session ends, however the worker
 * died, and the next worker to try takes it. Each try asks the server
 * whether this session holds the lock, so a leader whose connection broke
 * (and whose client connected again, lock-less) stops leading at once.
 */
export function createLeadership(openSession: () => Promise<Sql>): Leadership {
  let session: Sql | undefined;
  let leading = false;

  async function end(): Promise<void> {
    const ended = session;
    session = undefined;
    leading = false;
    // A broken connection cannot be asked to unlock; ending it is what releases the lock.
    await ended?.end({ timeout: 1 });
  }

  async function holdsLock(sql: Sql): Promise<boolean> {
    const [row] = await sql<{ held: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
        AND granted AND objsubid = 1 AND objid = ${LEADER_LOCK}) AS held`;
    return row?.held === true;
  }

  return {
    get leading() {
      return leading;
    },
    async tryLead(): Promise<boolean> {
      try {
        session ??= await openSession();
        if (leading && (await holdsLock(session))) return true;
        const [row] = await session<{ locked: boolean }[]>`SELECT pg_try_advisory_lock(${LEADER_LOCK}) AS locked`;
        leading = row?.locked === true;
        return leading;
      } catch (error) {
        await end();
        throw error;
      }
    },
    resign: end,
  };
}
