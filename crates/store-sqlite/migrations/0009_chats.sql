-- Requests for 9-minute chats. A request is pending until the colleague accepts (a private room
-- with both people is made; `room_id` points at it) or declines, or until `expires_at` passes
-- (then it is marked expired when next read). Times are unix milliseconds. Both people's rows go
-- when either account is deleted.

CREATE TABLE chat_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    asker_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    colleague_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    topic        TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired')),
    room_id      INTEGER REFERENCES rooms (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    answered_at  BIGINT
);

CREATE INDEX chat_requests_colleague ON chat_requests (colleague_id, state);
CREATE INDEX chat_requests_asker ON chat_requests (asker_id, created_at);

-- At most one pending request from one person to another.
CREATE UNIQUE INDEX chat_requests_one_pending ON chat_requests (asker_id, colleague_id)
    WHERE state = 'pending';
