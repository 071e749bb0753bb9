-- When the owner asked for a kill: a job killed before its app existed ends KILLED once neither
-- Livy nor YARN has shown an app for a grace period after it, instead of LOST.
ALTER TABLE job ADD COLUMN kill_requested_at TIMESTAMP WITH TIME ZONE;
-- The submitter reads each team's oldest queued jobs (fair admission across teams).
CREATE INDEX job_state_team_created ON job (state, team, created_at, id);
