-- What a job asks for in cores and memory (driver and executors, with YARN's memory overhead),
-- so team quotas on cores and memory cost one SUM per submitter tick.
ALTER TABLE job ADD COLUMN cores INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN memory_mb BIGINT DEFAULT 0 NOT NULL;
-- The cluster that last refused the job before its app started (Livy down, a 5xx, too many
-- sessions): routing tries another matching cluster first.
ALTER TABLE job ADD COLUMN refused_by VARCHAR(63);
-- A team's Spark conf as JSON objects: defaults a request may override, values it may not.
ALTER TABLE team ADD COLUMN spark_defaults TEXT DEFAULT '{}' NOT NULL;
ALTER TABLE team ADD COLUMN spark_enforced TEXT DEFAULT '{}' NOT NULL;
