-- Every VM's billed life per node pool (io.yardmaster.cost.collect): from its creation time as the
-- scale set's VM list gives it to when it left the list. Times are epoch milliseconds (UTC).
-- Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE cost_vm (
    pool          VARCHAR(128) NOT NULL,
    instance_id   VARCHAR(64)  NOT NULL,
    cluster       VARCHAR(63)  NOT NULL,
    vm_name       VARCHAR(128) NOT NULL,
    sku           VARCHAR(64)  NOT NULL,
    region        VARCHAR(64)  NOT NULL,
    -- ON_DEMAND or SPOT, the pool's.
    priority      VARCHAR(16)  NOT NULL,
    -- What its NodeManager offers YARN (the pool's SKU), for attribution's capacity.
    vcores        INTEGER      NOT NULL,
    memory_mb     BIGINT       NOT NULL,
    created_at    BIGINT       NOT NULL,
    -- The last list that had it, and when it was first missing from one (its end: billing is per
    -- second up to then); null while it is listed.
    last_seen_at  BIGINT       NOT NULL,
    deleted_at    BIGINT,
    PRIMARY KEY (pool, instance_id)
);

CREATE INDEX cost_vm_cluster_created ON cost_vm (cluster, created_at);
