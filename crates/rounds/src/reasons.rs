//! The reasons line as it may be shown. Rounds saved before pulse's hints stopped being
//! explained still hold segments such as "pulse: newcomer without a cross-team tie" (an
//! inference about a named person); every place that shows a stored line passes it through
//! [`shown`], which leaves out those segments and keeps everything else as it was.

/// What pulse-derived segments started with in stored lines.
const PULSE_PREFIX: &str = "pulse: ";

/// The stored reasons line without any pulse inference. Top-level segments are separated by
/// "; ", the parts inside one segment ("the third joins: …", "with the other pair: …") by ", ".
pub fn shown(stored: &str) -> String {
    stored
        .split("; ")
        .filter(|segment| !segment.starts_with(PULSE_PREFIX))
        .map(|segment| {
            segment
                .split(", ")
                .filter(|part| !part.starts_with(PULSE_PREFIX))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn pulse_segments_of_old_rounds_are_left_out_and_the_rest_kept() {
        let stored = "different teams; pulse: these teams have no ties yet; 3 h overlap Tue \
                      13:00-16:00 UTC; both ask-me-about rust, go; never met; the third joins: \
                      different teams, pulse: newcomer without a cross-team tie, never met; \
                      pulse: newcomer without a cross-team tie";
        assert_eq!(
            shown(stored),
            "different teams; 3 h overlap Tue 13:00-16:00 UTC; both ask-me-about rust, go; \
             never met; the third joins: different teams, never met"
        );
        assert_eq!(shown("same team; never met"), "same team; never met");
    }
}
