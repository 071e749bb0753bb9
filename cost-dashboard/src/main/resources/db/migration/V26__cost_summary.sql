-- cost_allocation summed over what only names an app (app, job, task, try, map index): one row per
-- hour, cluster, pool, kind and value of the labels a dashboard groups by most (team, DAG, run,
-- queue, user, final status). Attribution rewrites an hour's summary from that hour's
-- cost_allocation rows in the same transaction, so the two never disagree; the API reads it for any
-- query that neither groups nor filters by an app's own labels (ADR 0024). A 30-day month of
-- hundreds of jobs an hour is several times fewer rows here. No primary key: the labels' bounds
-- (100-255 characters, up to 4 bytes each) exceed what a PostgreSQL b-tree entry may hold, and
-- the GROUP BY that writes it is what makes each row unique.
CREATE TABLE cost_summary (
    hour_start        BIGINT        NOT NULL,
    cluster           VARCHAR(63)   NOT NULL,
    pool              VARCHAR(128)  NOT NULL,
    kind              VARCHAR(8)    NOT NULL,
    team              VARCHAR(100)  NOT NULL,
    dag_id            VARCHAR(100)  NOT NULL,
    run_id            VARCHAR(100)  NOT NULL,
    queue             VARCHAR(255)  NOT NULL,
    yarn_user         VARCHAR(255)  NOT NULL,
    final_status      VARCHAR(16)   NOT NULL,
    vcore_seconds     BIGINT        NOT NULL,
    memory_mb_seconds BIGINT        NOT NULL,
    cpu_micros        BIGINT        NOT NULL,
    memory_micros     BIGINT        NOT NULL,
    cost_micros       BIGINT        NOT NULL,
    idle_share_micros BIGINT        NOT NULL,
    idle_cause_micros BIGINT        NOT NULL
);

-- One index: attribution replaces a cluster-hour by it, and a month's query reads most of the table
-- anyway (a second index on team cost attribution more than it saved a team's query).
CREATE INDEX cost_summary_hour_cluster ON cost_summary (hour_start, cluster);

-- The hours attributed before this table existed.
INSERT INTO cost_summary
SELECT hour_start, cluster, pool, kind, team, dag_id, run_id, queue, yarn_user, final_status,
       SUM(vcore_seconds), SUM(memory_mb_seconds), SUM(cpu_micros), SUM(memory_micros),
       SUM(cost_micros), SUM(idle_share_micros), SUM(idle_cause_micros)
FROM cost_allocation
GROUP BY hour_start, cluster, pool, kind, team, dag_id, run_id, queue, yarn_user, final_status;
