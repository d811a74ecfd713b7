//! hallway-store-sqlite (being built).
