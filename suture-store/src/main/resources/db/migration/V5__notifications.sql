-- Notifications through an outbox (docs/notifications.md). Rows are derived from audit_events by
-- the relay, in the same transaction that advances notification_cursor, so every notification
-- event is queued exactly once even with several nodes and crashes in between.

-- Kind names grew past 16 characters (NOTIFICATION_CHANNEL).
ALTER TABLE documents ALTER COLUMN kind SET DATA TYPE VARCHAR(64);

CREATE TABLE notification_outbox (
  id              BIGINT        NOT NULL PRIMARY KEY,  -- max + 1, assigned under the cursor lock (no sequences: ADR 001)
  event_key       VARCHAR(300)  NOT NULL UNIQUE,  -- audit sequence ":" channel; sent as X-Suture-Event-Id
  channel         VARCHAR(253)  NOT NULL,
  event_type      VARCHAR(64)   NOT NULL,
  subject         VARCHAR(300)  NOT NULL,
  payload         TEXT          NOT NULL,         -- the Notification as JSON: no URLs, no routing keys
  url             TEXT,                           -- only for a plan's own notify webhook
  state           VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL,
  next_attempt_at TIMESTAMP(6)  NOT NULL,
  last_error      TEXT,
  created_at      TIMESTAMP(6)  NOT NULL,
  sent_at         TIMESTAMP(6)
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);

-- One row: the last audit sequence relayed. Relays lock it (FOR UPDATE), so two nodes never relay
-- the same events. It starts at the current head: history from before this migration is not sent.
CREATE TABLE notification_cursor (
  id            INT    NOT NULL PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);
INSERT INTO notification_cursor (id, last_sequence) SELECT 1, sequence FROM audit_head WHERE id = 1;
