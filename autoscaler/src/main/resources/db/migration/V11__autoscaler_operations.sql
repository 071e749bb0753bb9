-- The cloud operation each pool has in flight, or its last one (ADR 0011), and when each tick
-- actually started. Times are epoch milliseconds (UTC). Runs on H2 (PostgreSQL mode) and PostgreSQL.

-- One row per pool: its latest operation. state: STARTING (stored before the write was sent),
-- IN_PROGRESS (accepted, followed at each tick), then SUCCEEDED, FAILED, ENDED (over, outcome not
-- known) or ABANDONED. A pool has at most one operation STARTING or IN_PROGRESS: a new one replaces
-- the row only when the old one is over (a compare-and-set on id and state).
CREATE TABLE autoscaler_operations (
    pool         VARCHAR(128)  PRIMARY KEY,
    id           VARCHAR(36)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    target       INTEGER       NOT NULL,
    instance_ids VARCHAR(4000) NOT NULL,
    sent_etag    VARCHAR(256),
    reference    VARCHAR(2000),
    started_at   BIGINT        NOT NULL,
    started_by   VARCHAR(200)  NOT NULL,
    updated_at   BIGINT        NOT NULL,
    ended_at     BIGINT,
    detail       VARCHAR(1000) NOT NULL
);

-- When the tick began running (tick_at is when it was scheduled); null in rows from before.
ALTER TABLE autoscaler_decisions ADD COLUMN started_at BIGINT;
