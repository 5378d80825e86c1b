-- The sync engine's state (outbox to the portal, cursor of portal events applied) and the mail queue.

-- Every change to data the portal shows, written in the same transaction as the change and pushed
-- to the portal in `seq` order. `payload` is the whole record (JSON) at `version`.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  payload TEXT,
  created_at TEXT NOT NULL,
  pushed_at TEXT
);
CREATE INDEX sync_outbox_pending ON sync_outbox (pushed_at, seq);

-- Portal events applied, by their unique id: an event pulled twice is applied once.
CREATE TABLE sync_applied_events (
  event_id TEXT PRIMARY KEY NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- One row: the cursor (highest portal event seq applied) and the sync client's health.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  events_cursor INTEGER NOT NULL DEFAULT 0,
  last_success_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'error')),
  message TEXT NOT NULL,
  pushed INTEGER NOT NULL DEFAULT 0,
  pulled INTEGER NOT NULL DEFAULT 0
);

-- Every e-mail is stored here first, then sent; state: queued → sent, or failed with its reason.
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (state, next_attempt_at);
