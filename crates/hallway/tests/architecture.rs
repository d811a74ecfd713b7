//! ARCHITECTURE.md stays true about where things are: every path it names in backticks under
//! `crates/`, `scripts/` or `docs/` exists in the repository.

use std::path::Path;

/// The paths named in backticks, with any `::item` suffix dropped
/// (`crates/server/src/api/mod.rs::routes` names the file).
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| {
            ["crates/", "scripts/", "docs/"]
                .iter()
                .any(|p| span.starts_with(p))
        })
        .map(|span| {
            let path = span.split("::").next().unwrap_or(span);
            path.trim_end_matches('/').to_owned()
        })
        .collect()
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let paths = named_paths(&text);
    assert!(
        paths.len() > 20,
        "expected the code map to name many paths, found {}",
        paths.len()
    );
    let missing: Vec<&String> = paths.iter().filter(|p| !root.join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn a_named_path_is_read_without_its_item() {
    let found = named_paths("see `crates/a/src/b.rs::run` and `docs/x/`, not `cli::main`");
    assert_eq!(found, ["crates/a/src/b.rs", "docs/x"]);
}
