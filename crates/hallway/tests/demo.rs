//! The demo seeds a realistic team once, reuses it on the next run, and starts over on reset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use hallway::config::Config;
use hallway_store::PeopleQuery;

#[tokio::test]
async fn the_demo_seeds_once_reuses_and_resets() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };

    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let people = store.search_people(&PeopleQuery::default()).await.unwrap();
    assert!(
        (35..=45).contains(&people.len()),
        "about 40 people, got {}",
        people.len()
    );
    let zones: std::collections::BTreeSet<_> = people
        .iter()
        .map(|p| p.profile.time_zone.to_string())
        .collect();
    assert!(zones.len() >= 5, "at least 5 time zones: {zones:?}");
    assert_eq!(store.teams().await.unwrap().len(), 6);
    let edited = people[3].id;
    drop(store);

    let store = hallway::demo::prepare(&config, false).await.unwrap();
    assert_eq!(
        store.count_people().await.unwrap() as usize,
        people.len(),
        "reused, not seeded twice"
    );
    store.deactivate(edited).await.unwrap();
    drop(store);

    let store = hallway::demo::prepare(&config, true).await.unwrap();
    assert_eq!(store.count_people().await.unwrap() as usize, people.len());
    assert!(
        store.person(edited).await.unwrap().active,
        "reset starts from fresh data"
    );
}
