//! hallway-server (being built).
