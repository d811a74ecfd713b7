use super::*;

fn env(pairs: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<Vec<_>>()
        .into_iter()
}

#[test]
fn the_checked_in_example_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../hallway.example.toml");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        checked_in,
        example(),
        "hallway.example.toml is stale: run `cargo run -- config example > hallway.example.toml`"
    );
}

#[test]
fn every_setting_is_documented() {
    let defaults = toml::Table::try_from(Config::default()).unwrap();
    for key in defaults.keys() {
        assert!(
            FIELDS.iter().any(|(k, _)| k == key),
            "{key} has no entry in FIELDS"
        );
    }
    assert_eq!(defaults.len(), FIELDS.len());
}

#[test]
fn layers_apply_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hallway.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:9000\"\nsession_days = 7\n").unwrap();
    let config = Config::load(
        Some(&file),
        env(&[("HALLWAY_SESSION_DAYS", "3"), ("PATH", "/bin")]),
    )
    .unwrap();
    assert_eq!(config.bind, "127.0.0.1:9000", "file beats default");
    assert_eq!(config.session_days, 3, "environment beats file");
    assert_eq!(config.log_format, "pretty", "defaults fill the rest");
}

#[test]
fn bad_settings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hallway.toml");
    std::fs::write(&file, "bnid = \"x\"\n").unwrap();
    let err = format!("{:#}", Config::load(Some(&file), env(&[])).unwrap_err());
    assert!(err.contains("unknown setting \"bnid\""), "{err}");
    let err = format!(
        "{:#}",
        Config::load(None, env(&[("HALLWAY_SESSION_DAYS", "soon")])).unwrap_err()
    );
    assert!(err.contains("HALLWAY_SESSION_DAYS"), "{err}");
    let err = format!(
        "{:#}",
        Config::load(None, env(&[("HALLWAY_BIND", "everywhere")])).unwrap_err()
    );
    assert!(err.contains("bind"), "{err}");
}

#[test]
fn passwords_stay_out_of_debug_output() {
    let config = Config {
        database_url: "postgres://hallway:s3cret@db/hallway".into(),
        ..Config::default()
    };
    let shown = format!("{config:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("hallway:***@db"), "{shown}");
}
