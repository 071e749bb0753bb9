-- Periodic work that must run on one replica at a time holds a lease (io.yardmaster.core.lease):
-- the submitter, and each cluster's tracker and health probe.
CREATE TABLE lease (
    name     VARCHAR(200)             NOT NULL PRIMARY KEY,
    holder   VARCHAR(200)             NOT NULL,
    until_at TIMESTAMP WITH TIME ZONE NOT NULL
);
