-- Which node runs a circle's scheduled round for a cycle: one row per (circle, cycle), taken in
-- a transaction; `finished_at` is set once the round ran. Times are unix milliseconds.
CREATE TABLE round_claims (
    circle_id   BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    cycle_start TEXT   NOT NULL,
    node        TEXT   NOT NULL,
    claimed_at  BIGINT NOT NULL,
    finished_at BIGINT,
    PRIMARY KEY (circle_id, cycle_start)
);
