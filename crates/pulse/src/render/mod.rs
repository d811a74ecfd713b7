//! Renderings of a snapshot: plain text and JSON for the `hallway pulse` command, and SVG
//! charts for the web page.

pub mod charts;
pub mod svg;
mod text;

pub use charts::{bus_factor_table, flow_chart, heat_map, newcomer_curve, ties_chart, trend_chart};
pub use svg::escape;
pub use text::text;

use crate::snapshot::Snapshot;

/// The snapshot as pretty-printed JSON (suppressed cells read `{"status":"suppressed"}`).
pub fn json(snapshot: &Snapshot) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(snapshot)
}
