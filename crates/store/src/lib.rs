//! hallway-store (being built).
