-- What the cost role's collection (io.yardmaster.cost.collect) stores of every YARN app of every
-- cluster, finished or still running, as its RM reported it last. Times are epoch milliseconds
-- (UTC); every text is bounded to its column. Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE cost_app (
    cluster              VARCHAR(63)   NOT NULL,
    app_id               VARCHAR(64)   NOT NULL,
    -- YARN's state (RUNNING, FINISHED, ...) and finalStatus (UNDEFINED while running; UNKNOWN for
    -- an app seen running that the RM rotated out before it was seen finished).
    state                VARCHAR(16)   NOT NULL,
    final_status         VARCHAR(16)   NOT NULL,
    started_at           BIGINT        NOT NULL,
    -- 0 when never launched.
    launched_at          BIGINT        NOT NULL,
    -- null while running.
    finished_at          BIGINT,
    -- When the RM reported these figures (a running app's usage is "so far" up to here).
    observed_at          BIGINT        NOT NULL,
    vcore_seconds        BIGINT        NOT NULL,
    memory_mb_seconds    BIGINT        NOT NULL,
    preempted_vcore_seconds     BIGINT NOT NULL,
    preempted_memory_mb_seconds BIGINT NOT NULL,
    -- Where attribution spreads the app: from launched_at (started_at if never launched) to
    -- finished_at (observed_at while running).
    span_start           BIGINT        NOT NULL,
    span_end             BIGINT        NOT NULL,
    -- The RM's applicationTags as it writes them (comma-separated).
    tags                 VARCHAR(1100) NOT NULL,
    queue                VARCHAR(255)  NOT NULL,
    yarn_user            VARCHAR(255)  NOT NULL,
    PRIMARY KEY (cluster, app_id)
);

-- Attribution reads the apps of a cluster that overlap an hour; collection its running ones.
CREATE INDEX cost_app_cluster_span_start ON cost_app (cluster, span_start);
CREATE INDEX cost_app_cluster_span_end ON cost_app (cluster, span_end);
CREATE INDEX cost_app_cluster_finished ON cost_app (cluster, finished_at);

-- Per cluster, how far collection has read: the newest finishedTime it stored (the next query
-- asks from it minus the overlap), and the RM's epoch and highest application sequence number it
-- has seen, from which a gap is detected (cost_collection_gap).
CREATE TABLE cost_collection_cursor (
    cluster           VARCHAR(63)  PRIMARY KEY,
    finished_begin    BIGINT       NOT NULL,
    cluster_timestamp BIGINT       NOT NULL,
    max_sequence      BIGINT       NOT NULL,
    -- Every sequence number up to here was checked against what the RM answered.
    checked_sequence  BIGINT       NOT NULL,
    passed_at         BIGINT       NOT NULL
);

-- Apps collection knows it missed: the RM rotated them out (yarn.resourcemanager.max-completed-
-- applications) before they were read as finished. kind: NEVER_SEEN (an application id between
-- two that were read, neither running nor finished when read: its usage is lost) or
-- SEEN_RUNNING (its usage up to the last reading is kept, its end is not known).
CREATE TABLE cost_collection_gap (
    cluster     VARCHAR(63)   NOT NULL,
    app_id      VARCHAR(64)   NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    detected_at BIGINT        NOT NULL,
    detail      VARCHAR(500)  NOT NULL,
    PRIMARY KEY (cluster, app_id)
);

CREATE INDEX cost_collection_gap_detected ON cost_collection_gap (detected_at);
