import type { Db } from './open-store.js';

/**
 * The content version: bumped by every write that may change what the topic
 * feeds show, read by servers (in this process or another) to know when to
 * render again.
 */
export function createContentVersion(db: Db) {
  const bump = db.prepare(`
    INSERT INTO meta (key, value) VALUES ('content_version', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`);
  const select = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'content_version'");
  return {
    /** Call inside the write's transaction. */
    bump: (): void => {
      bump.run();
    },
    read: (): string => select.get()?.value ?? '0',
  };
}

export type ContentVersion = ReturnType<typeof createContentVersion>;

/**
 * Changes when another connection commits (https://www.sqlite.org/pragma.html#pragma_data_version),
 * not on this connection's own writes: a batch decided on what was read
 * under one value is written only if it still holds.
 */
export function readDataVersion(db: Db): string {
  return String(db.pragma('data_version', { simple: true }));
}
