-- Change requests (issue 4). lock_version is the optimistic concurrency token: an update applies
-- only where it still equals the version the decision was made on, so two approvers saving at
-- once cannot overwrite each other's approval.
CREATE TABLE change_requests (
  id                VARCHAR(64)  NOT NULL PRIMARY KEY,
  type              VARCHAR(16)  NOT NULL,
  state             VARCHAR(16)  NOT NULL,
  patch_id          VARCHAR(253) NOT NULL,
  plan_name         VARCHAR(253) NOT NULL,
  requester         VARCHAR(200) NOT NULL,
  title             TEXT         NOT NULL,
  justification     TEXT,
  freeze_override   TEXT,
  approved_at       TIMESTAMP(6),
  rejected_by       VARCHAR(200),
  rejected_at       TIMESTAMP(6),
  rejection_reason  TEXT,
  review_due        TIMESTAMP(6),
  review_done_by    VARCHAR(200),
  review_done_at    TIMESTAMP(6),
  review_notes      TEXT,
  review_overdue_at TIMESTAMP(6),
  rollout_id        VARCHAR(64),
  created_at        TIMESTAMP(6) NOT NULL,
  updated_at        TIMESTAMP(6) NOT NULL,
  lock_version      BIGINT       NOT NULL
);
CREATE INDEX change_requests_created ON change_requests (created_at);
CREATE INDEX change_requests_review ON change_requests (review_due);

CREATE TABLE change_request_environments (
  change_request_id VARCHAR(64)  NOT NULL,
  environment       VARCHAR(253) NOT NULL,
  PRIMARY KEY (change_request_id, environment)
);

CREATE TABLE change_approvals (
  change_request_id VARCHAR(64)  NOT NULL,
  seq               INT          NOT NULL,
  approver          VARCHAR(200) NOT NULL,
  approved_at       TIMESTAMP(6) NOT NULL,
  comment           TEXT         NOT NULL,
  PRIMARY KEY (change_request_id, seq)
);

-- Rollout admission asks "where did patch P succeed?" (JdbcPromotionHistory).
CREATE INDEX rollouts_patch_state ON rollouts (patch_id, state);
