-- Each cluster's last load reading (its ResourceManager's metrics), written by the replica that
-- holds the load lease (io.yardmaster.load.ClusterLoad) and read by every other replica.
CREATE TABLE cluster_load (
    cluster VARCHAR(200)             NOT NULL PRIMARY KEY,
    reading VARCHAR(2000)            NOT NULL,
    read_at TIMESTAMP WITH TIME ZONE NOT NULL
);
