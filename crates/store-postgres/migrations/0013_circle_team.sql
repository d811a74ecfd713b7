-- Who may join a circle: everyone (NULL) or the members of one team. Deleting the team opens
-- the circle to everyone again.
ALTER TABLE circles ADD COLUMN team_id BIGINT REFERENCES teams (id) ON DELETE SET NULL;
