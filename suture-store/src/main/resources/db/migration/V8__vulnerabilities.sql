-- Vulnerability intelligence (issue 6): advisories and their feeds, each asset's installed packages,
-- and the findings matched from both. Portable between H2 and PostgreSQL like V1; lists are JSON text.
-- Length limits on indexed columns are checked in code first, so an overlong value gets a message
-- naming the field rather than a database error (docs/adr/011-vulnerability-data-store.md).

-- A finding's audit subject is "finding/" asset "/" advisory "/" package, which can pass 300 characters.
ALTER TABLE audit_events ALTER COLUMN subject SET DATA TYPE VARCHAR(1100);

-- One row per OSV advisory. json is the record exactly as the feed published it: matching re-parses
-- it (OsvRecord.parse), so a better parser later needs no re-import. The other columns are what a
-- person reads and what incremental import compares (modified).
CREATE TABLE advisories (
  id          VARCHAR(255) NOT NULL PRIMARY KEY,
  modified    TIMESTAMP(6) NOT NULL,
  published   TIMESTAMP(6),
  withdrawn   TIMESTAMP(6),
  summary     TEXT         NOT NULL,
  aliases     TEXT         NOT NULL,
  severities  TEXT         NOT NULL,
  json        TEXT         NOT NULL,
  imported_at TIMESTAMP(6) NOT NULL
);

-- The (ecosystem without release, package) keys an advisory is filed under: AdvisoryIndex.keys(record).
CREATE TABLE advisory_keys (
  advisory_id VARCHAR(255) NOT NULL,
  ecosystem   VARCHAR(100) NOT NULL,
  package     VARCHAR(500) NOT NULL,
  PRIMARY KEY (advisory_id, ecosystem, package)
);
CREATE INDEX advisory_keys_package ON advisory_keys (ecosystem, package);

-- CISA Known Exploited Vulnerabilities. An entry that leaves the catalog is kept (not deleted).
CREATE TABLE kev (
  cve_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
  vendor_project TEXT         NOT NULL,
  product        TEXT         NOT NULL,
  name           TEXT         NOT NULL,
  date_added     DATE         NOT NULL,
  due_date       DATE,
  ransomware     BOOLEAN      NOT NULL
);

-- FIRST EPSS: the latest score per CVE.
CREATE TABLE epss (
  cve_id     VARCHAR(64)      NOT NULL PRIMARY KEY,
  epss       DOUBLE PRECISION NOT NULL,
  percentile DOUBLE PRECISION NOT NULL,
  score_date DATE             NOT NULL
);

-- One row per import. id is the sequence of the import's audit event (unique without a sequence
-- object, as incidents do). A failed import rolls back everything it wrote and then records itself
-- here as FAILED in a second transaction, so the status page can say why the data is old.
CREATE TABLE feed_imports (
  id            BIGINT       NOT NULL PRIMARY KEY,
  kind          VARCHAR(8)   NOT NULL,
  source        TEXT         NOT NULL,
  actor         VARCHAR(200) NOT NULL,
  started_at    TIMESTAMP(6) NOT NULL,
  finished_at   TIMESTAMP(6) NOT NULL,
  records       BIGINT       NOT NULL,
  inserted      BIGINT       NOT NULL,
  updated       BIGINT       NOT NULL,
  unchanged     BIGINT       NOT NULL,
  problem_count BIGINT       NOT NULL,
  problems      TEXT         NOT NULL,  -- the first 1000, as JSON
  state         VARCHAR(16)  NOT NULL,  -- SUCCEEDED, FAILED
  error         TEXT
);
CREATE INDEX feed_imports_kind ON feed_imports (kind, id);

-- One row per feed kind, locked (FOR UPDATE) for the whole of an import so that two imports of the
-- same kind run one after the other instead of racing on the same primary keys.
CREATE TABLE feed_locks (
  kind VARCHAR(8) NOT NULL PRIMARY KEY
);
INSERT INTO feed_locks (kind) VALUES ('osv');
INSERT INTO feed_locks (kind) VALUES ('kev');
INSERT INTO feed_locks (kind) VALUES ('epss');

-- The latest inventory of each asset. package_sets lists the sets' ecosystems in order (a set may
-- be empty), installed_packages holds their packages by (set_index, seq).
CREATE TABLE inventories (
  asset         VARCHAR(253) NOT NULL PRIMARY KEY,
  collected_at  TIMESTAMP(6) NOT NULL,
  source        VARCHAR(200) NOT NULL,
  os_name       TEXT         NOT NULL,
  package_count INT          NOT NULL,
  package_sets  TEXT         NOT NULL,
  problems      TEXT         NOT NULL
);

-- The primary key starts with asset: it is also the per-asset index.
CREATE TABLE installed_packages (
  asset          VARCHAR(253)  NOT NULL,
  set_index      INT           NOT NULL,
  seq            INT           NOT NULL,
  ecosystem      VARCHAR(100)  NOT NULL,
  name           VARCHAR(500)  NOT NULL,
  source_name    VARCHAR(500)  NOT NULL,
  version        VARCHAR(500)  NOT NULL,
  source_version VARCHAR(500)  NOT NULL,
  arch           VARCHAR(64)   NOT NULL,
  PRIMARY KEY (asset, set_index, seq)
);
CREATE INDEX installed_packages_source ON installed_packages (ecosystem, source_name);

-- Findings are never deleted: one that stops applying is REMEDIATED, and reopened with its history.
CREATE TABLE findings (
  asset                VARCHAR(253)  NOT NULL,
  advisory_id          VARCHAR(255)  NOT NULL,
  package              VARCHAR(500)  NOT NULL,
  ecosystem            VARCHAR(100)  NOT NULL,
  installed_version    VARCHAR(500)  NOT NULL,
  fixed_version        VARCHAR(500),
  state                VARCHAR(16)   NOT NULL,
  first_seen           TIMESTAMP(6)  NOT NULL,
  fix_available_since  TIMESTAMP(6),
  remediated_at        TIMESTAMP(6),
  exception_approver   VARCHAR(200),
  exception_reason     TEXT,
  exception_expires_at TIMESTAMP(6),
  version              BIGINT        NOT NULL,
  PRIMARY KEY (asset, advisory_id, package)
);
CREATE INDEX findings_advisory ON findings (advisory_id);
CREATE INDEX findings_state ON findings (state, exception_expires_at);

CREATE TABLE finding_history (
  asset       VARCHAR(253) NOT NULL,
  advisory_id VARCHAR(255) NOT NULL,
  package     VARCHAR(500) NOT NULL,
  seq         INT          NOT NULL,
  from_state  VARCHAR(16),
  to_state    VARCHAR(16)  NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  changed_at  TIMESTAMP(6) NOT NULL,
  note        TEXT         NOT NULL,
  PRIMARY KEY (asset, advisory_id, package, seq)
);
