-- Spark jobs. A job is written here before any call to Livy (an outbox): the submitter and the
-- tracker move it on with compare-and-set updates on version, so replicas never act twice.
CREATE TABLE job (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    team             VARCHAR(63)   NOT NULL REFERENCES team (name),
    idempotency_key  VARCHAR(200),
    request_hash     CHAR(64)      NOT NULL,
    request          TEXT          NOT NULL,
    dag_id           VARCHAR(250),
    task_id          VARCHAR(250),
    run_id           VARCHAR(250),
    map_index        INTEGER,
    try_number       INTEGER,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    cluster          VARCHAR(63),
    routing_reason   VARCHAR(1000),
    queue_reason     VARCHAR(1000),
    livy_batch_id    INTEGER,
    livy_name        VARCHAR(400),
    app_id           VARCHAR(100),
    spark_ui_url     VARCHAR(2000),
    driver_log_url   VARCHAR(2000),
    final_status     VARCHAR(32),
    diagnostics      TEXT,
    attempts         INTEGER       NOT NULL,
    kill_requested   BOOLEAN       NOT NULL,
    lease_until      TIMESTAMP WITH TIME ZONE,
    submitting_at    TIMESTAMP WITH TIME ZONE,
    starting_at      TIMESTAMP WITH TIME ZONE,
    running_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT        NOT NULL,
    -- Idempotency holds across restarts and replicas because the database enforces it.
    CONSTRAINT job_idempotency_key UNIQUE (team, idempotency_key)
);
CREATE INDEX job_state_cluster ON job (state, cluster);
CREATE INDEX job_team_created ON job (team, created_at);
CREATE INDEX job_created ON job (created_at);
CREATE INDEX job_dag_run ON job (dag_id, run_id);
