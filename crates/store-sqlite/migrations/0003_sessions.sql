-- Signed-in sessions; only the SHA-256 hash of the token is kept.
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    user_agent TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);

CREATE INDEX sessions_person ON sessions (person_id);
