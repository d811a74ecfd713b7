use super::*;
use chrono::TimeZone;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0)
        .single()
        .unwrap_or_default()
}

fn sample() -> Invitation {
    Invitation {
        uid: invitation_uid("round-7f3a/group-2", "hallway.example.org"),
        method: Method::Request,
        stamp: at(9, 0),
        start: at(15, 30),
        end: at(16, 0),
        summary: "Coffee: Ana, Bo; and Chidi".into(),
        description: "You both like chess,\nand C:\\temp".into(),
        organizer: Party {
            name: "Hallway".into(),
            email: "hallway@example.org".into(),
        },
        attendees: vec![
            Party {
                name: "Ana \"the\" Ñúñez".into(),
                email: "ana@example.org".into(),
            },
            Party {
                name: "Bo: Smith; Jr.".into(),
                email: "bo@example.org".into(),
            },
        ],
    }
}

#[test]
fn text_escaping_covers_backslash_semicolon_comma_and_newline() {
    assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    assert_eq!(escape_text("line\r\nnext\rlast"), "line\\nnext\\nlast");
    assert_eq!(escape_text("bell\u{7}gone"), "bellgone");
}

#[test]
fn parameter_values_are_quoted_and_cannot_close_the_quote() {
    assert_eq!(quote_param("Bo: Smith; Jr."), "\"Bo: Smith; Jr.\"");
    assert_eq!(quote_param("Ana \"the\" N"), "\"Ana 'the' N\"");
}

#[test]
fn short_lines_are_not_folded() {
    let line = "X".repeat(75);
    assert_eq!(fold_line(&line), line);
}

#[test]
fn long_lines_fold_at_75_octets_and_unfold_to_the_original() {
    let line = format!("DESCRIPTION:{}", "abcdefghij".repeat(20));
    let folded = fold_line(&line);
    for physical in folded.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "{} octets: {physical:?}",
            physical.len()
        );
    }
    assert_eq!(folded.split("\r\n").next().map(str::len), Some(75));
    assert_eq!(folded.replace("\r\n ", ""), line);
}

#[test]
fn folding_never_splits_a_multi_octet_character() {
    // 'é' is two octets and '🙂' four: any split inside one would make invalid UTF-8 pieces.
    let line = format!("SUMMARY:{}", "é🙂x".repeat(40));
    let folded = fold_line(&line);
    let physical: Vec<&str> = folded.split("\r\n").collect();
    for piece in &physical {
        assert!(piece.len() <= 75);
    }
    for piece in &physical[..physical.len() - 1] {
        assert!(
            piece.len() >= 72,
            "a fold wastes at most 3 octets: {piece:?}"
        );
    }
    assert_eq!(folded.replace("\r\n ", ""), line);
}

#[test]
fn invitation_has_the_calendar_and_event_properties_with_crlf_endings() {
    let ics = invitation_ics(&sample());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF found");
    let unfolded = ics.replace("\r\n ", "");
    for expected in [
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "UID:round-7f3a-group-2@hallway.example.org",
        "DTSTAMP:20261124T090000Z",
        "DTSTART:20261124T153000Z",
        "DTEND:20261124T160000Z",
        "SUMMARY:Coffee: Ana\\, Bo\\; and Chidi",
        "DESCRIPTION:You both like chess\\,\\nand C:\\\\temp",
        "ORGANIZER;CN=\"Hallway\":mailto:hallway@example.org",
        "ATTENDEE;CN=\"Ana 'the' Ñúñez\";",
        "ATTENDEE;CN=\"Bo: Smith; Jr.\";",
        ":mailto:bo@example.org",
    ] {
        assert!(
            unfolded.contains(expected),
            "missing {expected:?} in\n{unfolded}"
        );
    }
    assert_eq!(unfolded.matches("\r\nATTENDEE;").count(), 2);
}

#[test]
fn the_same_invitation_keeps_its_uid_and_publish_is_written() {
    let mut invitation = sample();
    invitation.method = Method::Publish;
    invitation.stamp = at(10, 0);
    let ics = invitation_ics(&invitation);
    assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
    assert!(ics.contains("\r\nUID:round-7f3a-group-2@hallway.example.org\r\n"));
}

#[test]
fn a_newline_in_an_address_cannot_inject_a_property() {
    let mut invitation = sample();
    invitation.attendees[0].email = "ana@example.org\r\nX-EVIL:1".into();
    let ics = invitation_ics(&invitation);
    assert!(!ics.contains("\r\nX-EVIL"));
}
