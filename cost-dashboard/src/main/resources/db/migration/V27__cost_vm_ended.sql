-- A pool's ended VM records by end time (io.yardmaster.cost.events: the evictions of a DAG's cost
-- page, and the listed VMs of the collection's pass): without it, each read scans every VM record
-- the pool ever had, a number that only grows. Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE INDEX cost_vm_pool_deleted ON cost_vm (pool, deleted_at);
