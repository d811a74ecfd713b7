//! hallway-seed (being built).
