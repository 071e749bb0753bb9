-- The price book (io.yardmaster.cost.price): versioned prices of a VM-hour, never updated or
-- deleted. The price of an instant is the row with the newest valid_from not after it.
-- Money is integer micro-dollars. Times are epoch milliseconds (UTC).
-- Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE cost_price (
    sku             VARCHAR(64)  NOT NULL,
    region          VARCHAR(64)  NOT NULL,
    -- ON_DEMAND or SPOT.
    priority        VARCHAR(16)  NOT NULL,
    valid_from      BIGINT       NOT NULL,
    micros_per_hour BIGINT       NOT NULL,
    added_at        BIGINT       NOT NULL,
    -- 'config' for a seeded row, else who added it.
    added_by        VARCHAR(100) NOT NULL,
    note            VARCHAR(500) NOT NULL,
    PRIMARY KEY (sku, region, priority, valid_from)
);
