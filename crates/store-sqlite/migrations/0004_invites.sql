-- Invite links; only the SHA-256 hash of the token is kept. Invites outlive their creator.
CREATE TABLE invites (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT    NOT NULL UNIQUE,
    role       TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    max_uses   INTEGER NOT NULL CHECK (max_uses >= 0),
    uses       INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    note       TEXT    NOT NULL
);

CREATE INDEX invites_created_by ON invites (created_by, created_at);

CREATE TABLE invite_teams (
    invite_id INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
    team_id   INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (invite_id, team_id)
);
