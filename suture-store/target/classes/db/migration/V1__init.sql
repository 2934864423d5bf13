-- Suture schema. Kept portable between H2 (embedded default) and PostgreSQL: plain types only.
-- Times are UTC TIMESTAMP(6): both databases keep microseconds exactly, which the audit chain needs.

CREATE TABLE documents (
  kind       VARCHAR(16)  NOT NULL,
  name       VARCHAR(253) NOT NULL,
  yaml       TEXT         NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (kind, name)
);

CREATE TABLE rollouts (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  plan_name   VARCHAR(253) NOT NULL,
  patch_id    VARCHAR(253) NOT NULL,
  plan_yaml   TEXT         NOT NULL,
  patch_yaml  TEXT         NOT NULL,
  state       VARCHAR(32)  NOT NULL,
  stage_index INT          NOT NULL,
  halt_reason TEXT,
  control     VARCHAR(16),
  created_at  TIMESTAMP(6) NOT NULL,
  updated_at  TIMESTAMP(6) NOT NULL,
  owner       VARCHAR(200),
  lease_until TIMESTAMP(6),
  lock_version BIGINT      NOT NULL
);
CREATE INDEX rollouts_state ON rollouts (state);

CREATE TABLE stage_runs (
  rollout_id VARCHAR(64) NOT NULL,
  idx        INT         NOT NULL,
  type       VARCHAR(16) NOT NULL,
  state      VARCHAR(16) NOT NULL,
  summary    TEXT,
  started_at TIMESTAMP(6),
  ended_at   TIMESTAMP(6),
  PRIMARY KEY (rollout_id, idx)
);

CREATE TABLE target_runs (
  rollout_id     VARCHAR(64)  NOT NULL,
  seq            INT          NOT NULL,
  asset_name     VARCHAR(253) NOT NULL,
  asset_json     TEXT         NOT NULL,
  state          VARCHAR(32)  NOT NULL,
  batch          INT          NOT NULL,
  attempts       INT          NOT NULL,
  snapshot_taken BOOLEAN      NOT NULL,
  pid            BIGINT,
  pid_started_at TIMESTAMP(6),
  version        VARCHAR(200),
  error          TEXT,
  updated_at     TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (rollout_id, seq)
);

CREATE TABLE audit_events (
  sequence      BIGINT       NOT NULL PRIMARY KEY,
  event_time    TIMESTAMP(6) NOT NULL,
  actor         VARCHAR(200) NOT NULL,
  action        VARCHAR(100) NOT NULL,
  subject       VARCHAR(300) NOT NULL,
  details       TEXT         NOT NULL,
  previous_hash CHAR(64)     NOT NULL,
  hash          CHAR(64)     NOT NULL
);
CREATE INDEX audit_events_subject ON audit_events (subject, sequence);

-- One row: the chain's head. Appenders lock it (SELECT ... FOR UPDATE), which serialises
-- appends across nodes and lets verify notice a deleted tail.
CREATE TABLE audit_head (
  id       INT      NOT NULL PRIMARY KEY,
  sequence BIGINT   NOT NULL,
  hash     CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE incidents (
  id         VARCHAR(32)  NOT NULL PRIMARY KEY,
  rollout_id VARCHAR(64)  NOT NULL UNIQUE,
  priority   VARCHAR(4)   NOT NULL,
  title      TEXT         NOT NULL,
  state      VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  timeline   TEXT         NOT NULL
);
