//! hallway-testkit (being built).
