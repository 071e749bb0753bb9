-- Run-time state of a cluster that operators change (configuration holds the rest).
CREATE TABLE cluster_state (
    cluster     VARCHAR(63)  NOT NULL PRIMARY KEY,
    drained     BOOLEAN      NOT NULL,
    reason      VARCHAR(500),
    changed_by  VARCHAR(200),
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
