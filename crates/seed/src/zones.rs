//! Real IANA time zones for generated companies, spread around the world.

/// Sixteen zones, ordered so that any prefix is spread out: the first eight already cover the
/// Americas, Europe, Africa, South Asia, East Asia and Oceania.
pub(crate) const ZONES: [&str; 16] = [
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Kolkata",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Asia/Tokyo",
    "Europe/Madrid",
    "Asia/Jerusalem",
    "America/Chicago",
    "Africa/Nairobi",
    "Asia/Singapore",
    "Pacific/Auckland",
    "America/Mexico_City",
];
