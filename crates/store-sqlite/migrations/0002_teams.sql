-- Teams and who belongs to them. Names are unique regardless of case.
CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE UNIQUE INDEX teams_name_lower ON teams (lower(name));

CREATE TABLE person_teams (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    team_id   INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, team_id)
);

CREATE INDEX person_teams_team ON person_teams (team_id);
