-- Failed sign-ins per key (e.g. an email or an address), for rate limiting across nodes.
CREATE TABLE sign_in_failures (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT   NOT NULL,
    at  BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);
