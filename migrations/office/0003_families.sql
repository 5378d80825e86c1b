-- Family files (responsible adults, children, authorised pick-up people), the inbox of account
-- requests and the change requests parents send from the portal.

-- `email` is the family's portal login: stored normalised (trimmed, lower-cased, by the shared
-- rule) and UNIQUE, so two families can never share it, even when two agents save at once.
-- `version` grows with every change and is the version of the record pushed to the portal.
-- `search_text` and `sort_key` are maintained by the office on every write (see
-- src-shared/families/search.ts): folded names, e-mails and phone digits.
CREATE TABLE families (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  email TEXT COLLATE NOCASE UNIQUE CHECK (email IS NULL OR (email = lower(trim(email)) AND email <> '')),
  address_line1 TEXT NOT NULL DEFAULT '',
  address_line2 TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  qf_value INTEGER CHECK (qf_value IS NULL OR qf_value >= 0),
  qf_valid_until TEXT,
  qf_source TEXT CHECK (qf_source IS NULL OR qf_source IN ('CAF', 'MSA', 'avis_imposition', 'declaration')),
  notes TEXT NOT NULL DEFAULT '',
  portal_access TEXT NOT NULL DEFAULT 'none'
    CHECK (portal_access IN ('none', 'invited', 'active', 'disabled')),
  -- A new random id each time staff (re)send the invitation; the portal mails a link for each.
  invitation_id TEXT,
  portal_access_changed_at TEXT,
  -- The highest portal event seq applied to this family, sent back so the portal can clear its
  -- "en attente de prise en compte".
  last_applied_event_seq INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  search_text TEXT NOT NULL DEFAULT '',
  sort_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX families_sort ON families (archived, sort_key, id);

CREATE TABLE family_adults (
  id INTEGER PRIMARY KEY,
  family_id INTEGER NOT NULL REFERENCES families (id),
  position INTEGER NOT NULL CHECK (position IN (1, 2)),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  relation TEXT NOT NULL DEFAULT '',
  phone_mobile TEXT,
  phone_home TEXT,
  phone_work TEXT,
  email TEXT
);
CREATE INDEX family_adults_family ON family_adults (family_id, position);

CREATE TABLE children (
  id INTEGER PRIMARY KEY,
  family_id INTEGER NOT NULL REFERENCES families (id),
  position INTEGER NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  school TEXT NOT NULL DEFAULT '',
  class_name TEXT NOT NULL DEFAULT '',
  -- Staff-only: never part of the record pushed to the portal.
  health_notes TEXT NOT NULL DEFAULT '',
  pai INTEGER NOT NULL DEFAULT 0 CHECK (pai IN (0, 1))
);
CREATE INDEX children_family ON children (family_id, position);

CREATE TABLE child_pickups (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  relation TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL
);
CREATE INDEX child_pickups_child ON child_pickups (child_id, position);

-- A family file's history is its audit entries (target 'famille <id>'), newest first.
CREATE INDEX audit_log_target ON audit_log (target, id);

-- Account requests parents send from the portal ("Demander un compte"), one per portal event.
-- status: pending → created (a new family) / linked (an existing family) / rejected (mailed).
CREATE TABLE account_requests (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  children TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  privacy_accepted_at TEXT NOT NULL,
  -- The portal found the e-mail already used by a family (the requester was not told).
  email_known_on_portal INTEGER NOT NULL DEFAULT 0 CHECK (email_known_on_portal IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'created', 'linked', 'rejected')),
  family_id INTEGER REFERENCES families (id),
  rejection_reason TEXT,
  handled_at TEXT,
  handled_by_id INTEGER REFERENCES staff (id),
  handled_by_name TEXT
);
CREATE INDEX account_requests_status ON account_requests (status, received_at);

-- What parents ask the office to change (fields they may not edit themselves on the portal).
CREATE TABLE family_change_requests (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  family_id INTEGER NOT NULL REFERENCES families (id),
  received_at TEXT NOT NULL,
  message TEXT NOT NULL,
  handled_at TEXT,
  handled_by_id INTEGER REFERENCES staff (id),
  handled_by_name TEXT
);
CREATE INDEX family_change_requests_family ON family_change_requests (family_id, id);
CREATE INDEX family_change_requests_pending ON family_change_requests (handled_at);
