-- The sync client's and the mail worker's additions to the tables of 0002.

-- Coalescing: the sync client sends only the newest pending version of each record, found through
-- this index instead of a scan of the whole outbox per row.
CREATE INDEX sync_outbox_entity ON sync_outbox (entity, entity_id, version);

-- What started a run (the schedule, or a staff member's "Synchroniser maintenant") and how long it took.
ALTER TABLE sync_log ADD COLUMN origin TEXT NOT NULL DEFAULT 'schedule';
ALTER TABLE sync_log ADD COLUMN duration_ms INTEGER;

-- "Renvoyer" queues a copy of a message; the copy points at the message it repeats, which stays as it
-- was in the history (sent, or failed with its reason).
ALTER TABLE mail_queue ADD COLUMN resent_from INTEGER REFERENCES mail_queue (id);
CREATE INDEX mail_queue_history ON mail_queue (state, id);
