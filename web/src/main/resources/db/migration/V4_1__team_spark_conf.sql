-- A team's Spark conf as JSON objects: defaults a request may override, values it may not.
-- The jobs module's V4 added these columns in the same database before the web layer had its
-- own migrations; IF NOT EXISTS makes this a no-op there and the definition everywhere else.
ALTER TABLE team ADD COLUMN IF NOT EXISTS spark_defaults TEXT DEFAULT '{}' NOT NULL;
ALTER TABLE team ADD COLUMN IF NOT EXISTS spark_enforced TEXT DEFAULT '{}' NOT NULL;
