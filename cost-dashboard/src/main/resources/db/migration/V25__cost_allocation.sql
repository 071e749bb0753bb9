-- What attribution produces and the cost API reads (cost-dashboard/README.md): for each UTC hour and
-- node pool, one row per YARN app that held containers in that hour (kind APP) and one row for what
-- no app used (kind IDLE). Money is integer micro-dollars; for each (hour_start, cluster, pool) the
-- rows' cost_micros add up to that pool-hour's VM bill exactly. Times are epoch milliseconds (UTC).
-- Runs on H2 (PostgreSQL mode) and PostgreSQL. Re-attributing an hour replaces its rows.
CREATE TABLE cost_allocation (
    hour_start        BIGINT        NOT NULL,
    cluster           VARCHAR(63)   NOT NULL,
    pool              VARCHAR(128)  NOT NULL,
    kind              VARCHAR(8)    NOT NULL,
    -- '' on IDLE rows.
    app_id            VARCHAR(64)   NOT NULL,
    -- From the app's YARN tags (lower-cased as JobTags writes them); '' when the app has none
    -- (apps started by other tools still count, under their queue and user).
    team              VARCHAR(100)  NOT NULL,
    dag_id            VARCHAR(100)  NOT NULL,
    task_id           VARCHAR(100)  NOT NULL,
    run_id            VARCHAR(100)  NOT NULL,
    -- Airflow's try number and map index; -1 when unknown.
    try_number        INTEGER       NOT NULL,
    map_index         INTEGER       NOT NULL,
    job_id            VARCHAR(64)   NOT NULL,
    queue             VARCHAR(255)  NOT NULL,
    yarn_user         VARCHAR(255)  NOT NULL,
    -- YARN's finalStatus (SUCCEEDED, FAILED, KILLED) or RUNNING for an app still accruing.
    final_status      VARCHAR(16)   NOT NULL,
    -- The app's allocation within this hour and pool.
    vcore_seconds     BIGINT        NOT NULL,
    memory_mb_seconds BIGINT        NOT NULL,
    cpu_micros        BIGINT        NOT NULL,
    memory_micros     BIGINT        NOT NULL,
    -- cpu_micros + memory_micros on APP rows; the pool-hour's idle on IDLE rows.
    cost_micros       BIGINT        NOT NULL,
    -- APP rows: this app's part of the pool-hour's idle when idle is shared back (idle=share), and
    -- its part of the warm-up / drain tail its demand caused (idle=cause). IDLE rows: what is left
    -- of the idle after each sharing (so APP shares + the IDLE row's remainder = the idle, exactly).
    idle_share_micros BIGINT        NOT NULL,
    idle_cause_micros BIGINT        NOT NULL,
    PRIMARY KEY (hour_start, cluster, pool, kind, app_id)
);

CREATE INDEX cost_allocation_team_hour ON cost_allocation (team, hour_start);
CREATE INDEX cost_allocation_hour ON cost_allocation (hour_start);
