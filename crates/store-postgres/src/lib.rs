//! hallway-store-postgres (being built).
