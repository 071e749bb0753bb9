-- Each cluster's last Livy and ResourceManager probe, written by the replica that holds the
-- probe's lease (io.yardmaster.health.PeerHealthMonitor) and read by every other replica.
CREATE TABLE peer_reading (
    cluster VARCHAR(200)             NOT NULL PRIMARY KEY,
    reading VARCHAR(8000)            NOT NULL,
    read_at TIMESTAMP WITH TIME ZONE NOT NULL
);
