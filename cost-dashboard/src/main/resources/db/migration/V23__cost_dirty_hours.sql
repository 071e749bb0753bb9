-- Which cluster-hours attribution must (re)compute (AttributionInputs.dirtyHours): every change to
-- an input of an hour (an app, a VM, a price) raises its version; attribution records the version
-- it computed. An hour is dirty while version > attributed_version, so a change made while it
-- was being attributed is never lost. Times are epoch milliseconds (UTC).
CREATE TABLE cost_dirty_hour (
    cluster            VARCHAR(63) NOT NULL,
    hour_start         BIGINT      NOT NULL,
    version            BIGINT      NOT NULL,
    attributed_version BIGINT      NOT NULL,
    PRIMARY KEY (cluster, hour_start)
);

CREATE INDEX cost_dirty_hour_pending ON cost_dirty_hour (hour_start);
