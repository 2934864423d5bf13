-- Governance (issue 4): the auditable patch registry and incident post-mortems.
-- Portable between H2 and PostgreSQL like V1; lists are JSON text.

-- One record per Patch document: what it is for, its status, and the SLA due time fixed when it
-- was proposed. proposed_at/finished_at/due_at repeat what the timeline says so the SLA sweep is
-- one indexed query; sla_breached_at makes the sweep's audit event happen once per record.
CREATE TABLE patch_registry (
  patch_id          VARCHAR(253) NOT NULL PRIMARY KEY,
  title             TEXT         NOT NULL,
  priority          VARCHAR(16)  NOT NULL,
  tickets           TEXT         NOT NULL,
  cves              TEXT         NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  justification     TEXT,
  affected_versions TEXT         NOT NULL,
  risk_level        VARCHAR(8),
  risk_notes        TEXT,
  created_at        TIMESTAMP(6) NOT NULL,
  proposed_at       TIMESTAMP(6),
  due_at            TIMESTAMP(6),
  finished_at       TIMESTAMP(6),
  sla_breached_at   TIMESTAMP(6),
  version           BIGINT       NOT NULL
);
CREATE INDEX patch_registry_due ON patch_registry (due_at);

-- Every status change: who, when, from, to, why (the approval chain is read from here).
CREATE TABLE patch_registry_timeline (
  patch_id    VARCHAR(253) NOT NULL,
  seq         INT          NOT NULL,
  from_status VARCHAR(16),
  to_status   VARCHAR(16)  NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  changed_at  TIMESTAMP(6) NOT NULL,
  note        TEXT         NOT NULL,
  PRIMARY KEY (patch_id, seq)
);

-- Incidents gain an optimistic-concurrency version; state keeps its column (OPEN, MITIGATED, RESOLVED, CLOSED).
ALTER TABLE incidents ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE postmortems (
  incident_id  VARCHAR(32)  NOT NULL PRIMARY KEY,
  root_cause   TEXT         NOT NULL,
  timeline     TEXT         NOT NULL,
  action_items TEXT         NOT NULL,
  author       VARCHAR(200) NOT NULL,
  updated_at   TIMESTAMP(6) NOT NULL,
  completed_at TIMESTAMP(6)
);
