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

#[test]
fn several_nodes_and_voice_are_configured_from_every_layer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hallway.toml");
    std::fs::write(
        &file,
        "nats_url = \"nats://10.0.0.5:4222\"\nice_servers = [\"stun:stun.example.org:3478\"]\n",
    )
    .unwrap();
    let config = Config::load(Some(&file), env(&[])).unwrap();
    assert_eq!(config.nats_url, "nats://10.0.0.5:4222");
    assert_eq!(config.nats_subject_prefix, "hallway");
    assert_eq!(config.ice_servers, ["stun:stun.example.org:3478"]);

    let config = Config::load(
        Some(&file),
        env(&[
            ("HALLWAY_NATS_URL", ""),
            (
                "HALLWAY_ICE_SERVERS",
                "stun:a.example.org, turns:b.example.org:5349?transport=tcp,",
            ),
            ("HALLWAY_TURN_USERNAME", "hallway"),
            ("HALLWAY_TURN_CREDENTIAL", "t0ps3cret"),
        ]),
    )
    .unwrap();
    assert_eq!(config.nats_url, "", "empty means one node");
    assert_eq!(
        config.ice_servers,
        [
            "stun:a.example.org",
            "turns:b.example.org:5349?transport=tcp"
        ]
    );
    let server = config.server_config().unwrap();
    assert_eq!(server.ice_servers, config.ice_servers);
    assert_eq!(server.turn_username.as_deref(), Some("hallway"));
    assert_eq!(server.turn_credential.as_deref(), Some("t0ps3cret"));
    for shown in [format!("{config:?}"), format!("{server:?}")] {
        assert!(!shown.contains("t0ps3cret"), "{shown}");
    }

    let server = Config::default().server_config().unwrap();
    assert!(server.ice_servers.is_empty() && server.turn_credential.is_none());
}

#[test]
fn bad_live_settings_are_named() {
    for (name, value, named) in [
        (
            "HALLWAY_ICE_SERVERS",
            "stun:ok.example.org,https://x",
            "ice_servers",
        ),
        ("HALLWAY_ICE_SERVERS", "turn:", "ice_servers"),
        ("HALLWAY_NATS_URL", "http://127.0.0.1:4222", "nats_url"),
        (
            "HALLWAY_NATS_SUBJECT_PREFIX",
            "hallway.>",
            "nats_subject_prefix",
        ),
        ("HALLWAY_TURN_CREDENTIAL", "alone", "turn_username"),
    ] {
        let err = format!(
            "{:#}",
            Config::load(None, env(&[(name, value)])).unwrap_err()
        );
        assert!(err.contains(named), "{name}={value}: {err}");
    }
    let err = format!(
        "{:#}",
        Config::load(None, env(&[("HALLWAY_NATS_URL", "http://u:pw@h")])).unwrap_err()
    );
    assert!(!err.contains("pw"), "{err}");
}

#[test]
fn the_nats_url_flag_beats_the_environment() {
    use clap::Parser;
    let cli = crate::cli::Cli::try_parse_from([
        "hallway",
        "serve",
        "--nats-url",
        "nats://127.0.0.1:4222",
    ])
    .unwrap();
    let crate::cli::Command::Serve(args) = &cli.command else {
        panic!("not serve")
    };
    assert_eq!(
        cli.config(Some(args)).unwrap().nats_url,
        "nats://127.0.0.1:4222"
    );
}
