/**
 * Schema versions, applied in order on open and recorded in PRAGMA
 * user_version, so an upgrade migrates the database the first time the new
 * version starts. Never edit a shipped migration: add the next one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    site_url TEXT,
    status TEXT NOT NULL DEFAULT 'never',
    last_fetch_at TEXT,
    last_ok_at TEXT,
    http_status INTEGER,
    last_error TEXT,
    warnings TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    redirect_url TEXT,
    next_due_at TEXT,
    due_reason TEXT
  );
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    sort_date TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX stories_sort ON stories (sort_date DESC);
  CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources (id),
    identity_key TEXT NOT NULL,
    identity_from TEXT NOT NULL,
    guid TEXT,
    link TEXT,
    canonical_link TEXT,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    content_html TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT,
    categories TEXT NOT NULL,
    published_at TEXT,
    updated_at TEXT,
    lang TEXT,
    fingerprint TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    UNIQUE (source_id, identity_key)
  );
  CREATE INDEX items_canonical_link ON items (canonical_link) WHERE canonical_link IS NOT NULL;
  CREATE INDEX items_fingerprint ON items (fingerprint);
  CREATE INDEX items_story ON items (story_id);
  CREATE INDEX items_link ON items (link);
  CREATE TABLE topics (id TEXT PRIMARY KEY, signature TEXT NOT NULL);
  CREATE TABLE item_topics (
    topic_id TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    PRIMARY KEY (topic_id, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX item_topics_story ON item_topics (topic_id, story_id);
  CREATE INDEX item_topics_item ON item_topics (item_id);
  CREATE TABLE tombstones (
    source_id TEXT NOT NULL,
    identity_key TEXT NOT NULL,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (source_id, identity_key)
  ) WITHOUT ROWID;
  CREATE TABLE cycles (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    sources_ok INTEGER NOT NULL,
    sources_failed INTEGER NOT NULL,
    items_new INTEGER NOT NULL,
    items_updated INTEGER NOT NULL,
    items_duplicate INTEGER NOT NULL
  );
  `,
  // 2: what the scheduler learned from a source's last fetch, and when a
  // tombstoned item was last listed (a tombstone no feed lists is forgotten).
  `
  ALTER TABLE sources ADD COLUMN hints TEXT;
  ALTER TABLE sources ADD COLUMN disabled_reason TEXT;
  ALTER TABLE tombstones ADD COLUMN last_listed_at TEXT;
  UPDATE tombstones SET last_listed_at = removed_at;
  CREATE INDEX items_source_time ON items (source_id, coalesce(published_at, first_seen_at));
  CREATE INDEX items_first_seen ON items (first_seen_at);
  `,
  // 3: near-duplicate clustering. How each item joined its story (so
  // `explain` can say why), whether the user split it off for good, and the
  // LSH band keys of every item with its date (minutes since the epoch), so a
  // new item is compared only with items sharing keys within the time window,
  // never with all of them. Deleting an item deletes its keys.
  `
  ALTER TABLE items ADD COLUMN merge_reason TEXT;
  ALTER TABLE items ADD COLUMN merged_with INTEGER;
  ALTER TABLE items ADD COLUMN merge_score REAL;
  ALTER TABLE items ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE item_bands (
    band_key INTEGER NOT NULL,
    at INTEGER NOT NULL,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, at, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX item_bands_item ON item_bands (item_id);
  `,
  // 4: a source is its id and its feed. The canonical URL tells whether the
  // config still names the same feed under an id; when an id is given to
  // another feed, the old feed's row and items move to a retired id
  // ("news~1") that records where it came from, so nothing of it is handed
  // to the new feed, and it comes back if that feed is configured again.
  `
  ALTER TABLE sources ADD COLUMN canonical_url TEXT;
  ALTER TABLE sources ADD COLUMN retired_from TEXT;
  CREATE INDEX sources_retired ON sources (retired_from) WHERE retired_from IS NOT NULL;
  `,
  // 5: when a source's current run of failures began, for /health's "since":
  // last_ok_at says nothing about a source that never succeeded. A source
  // failing before this version is dated by what is known: its last success,
  // else its last fetch.
  `
  ALTER TABLE sources ADD COLUMN failing_since TEXT;
  UPDATE sources SET failing_since = coalesce(last_ok_at, last_fetch_at) WHERE status = 'failing';
  `,
  // 6: alerts (README "Alerts"). Which stories each alert has fired for (or
  // recorded without sending: its first cycle, a topic's re-match), keyed by
  // the story's uid, which no other story is ever given; the deliveries to
  // make — the outbox, written in the transaction that files the story under
  // the topic, and claimed by a sender with a lease; and the stories waiting
  // for their digest's period to end.
  `
  CREATE TABLE alerts (id TEXT PRIMARY KEY, signature TEXT NOT NULL, armed_at TEXT);
  CREATE TABLE alert_stories (
    alert_id TEXT NOT NULL,
    story_uid TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (alert_id, story_uid)
  ) WITHOUT ROWID;
  CREATE INDEX alert_stories_story ON alert_stories (story_uid);
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY,
    alert_id TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    story_uid TEXT,
    status TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until TEXT,
    last_attempt_at TEXT,
    last_error TEXT,
    outcome TEXT,
    finished_at TEXT
  );
  CREATE INDEX alert_deliveries_due ON alert_deliveries (status, due_at);
  CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, status);
  CREATE TABLE digest_entries (
    alert_id TEXT NOT NULL,
    story_uid TEXT NOT NULL,
    added_at TEXT NOT NULL,
    delivery_id INTEGER REFERENCES alert_deliveries (id),
    PRIMARY KEY (alert_id, story_uid)
  ) WITHOUT ROWID;
  CREATE INDEX digest_entries_delivery ON digest_entries (delivery_id);
  `,
  // 7: event clustering (src/cluster/event-*.ts). Each item's event
  // evidence as JSON (what the decision compares a later report with: read,
  // not recomputed), and its event keys (names, heaviest terms, counts) with
  // its date in hours since the epoch, so a new report finds the stories
  // sharing rare keys within the window. Deleting an item deletes its keys.
  // Whether a story already holds a source's item, and a story's first
  // reports, are read through (story_id, source_id), whatever the store holds.
  `
  ALTER TABLE items ADD COLUMN event_features TEXT;
  CREATE TABLE event_keys (
    event_key INTEGER NOT NULL,
    at INTEGER NOT NULL,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (event_key, at, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX event_keys_item ON event_keys (item_id);
  CREATE INDEX items_story_source ON items (story_id, source_id);
  `,
  // 8: an item's story by its id without its row. A row keeps its columns in
  // one record, the bodies before story_id, so reading story_id of a row
  // larger than a page walks its overflow pages
  // (https://www.sqlite.org/fileformat2.html#cell_payload), and the event
  // look-up reads it for every key hit. PostgreSQL moves values over about
  // 2 KB out of its rows (TOAST), so its schema has no such index.
  `
  CREATE INDEX items_id_story ON items (id, story_id);
  `,
];
