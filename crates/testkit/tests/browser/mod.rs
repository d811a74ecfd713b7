//! Shared helpers for the live browser tests: people and rooms made straight in the store,
//! signed-in pages that wait until their live connection is up, and small page helpers.

#![allow(dead_code)]

use std::time::Duration;

use chrono::Utc;
use fantoccini::{Client, Locator};
use hallway_domain::{
    DisplayName, Email, PersonId, Role, RoomId, RoomKind, RoomName, TimeZoneName,
};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewPerson, NewRoom, NewSession};
use hallway_testkit::{open_signed_in, wait_for_js, Browser, TestApp};

/// How long a browser test waits for something live to show.
pub const LIVE_WAIT: Duration = Duration::from_secs(20);

/// A member made in the store, and a session token to sign a browser in with.
pub async fn person(app: &TestApp, name: &str, zone: &str) -> (PersonId, String) {
    let store = &app.backend.store;
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let zone = TimeZoneName::parse(zone).expect("a time zone");
    let person = store
        .create_person(NewPerson {
            email: Email::parse(&email).expect("an email"),
            role: Role::Member,
            password_hash: None,
            active: true,
            profile: starter_profile(DisplayName::parse(name).expect("a name"), Some(zone)),
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .expect("creating a person");
    let token = new_token();
    store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: "browser test".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .expect("creating a session");
    (person.id, token)
}

/// An open room made in the store.
pub async fn room(app: &TestApp, name: &str, topic: &str) -> RoomId {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse(name).expect("a room name"),
            topic: topic.into(),
            kind: RoomKind::Open,
            team: None,
            overhearable: true,
            created_by: None,
            created_at: Utc::now(),
        })
        .await
        .expect("creating a room")
        .id
}

/// A browser signed in with `token`, on `path`, once its live connection says welcome.
pub async fn live_page(
    browser: &Browser,
    app: &TestApp,
    token: &str,
    path: &str,
    args: &[&str],
) -> Client {
    let page = browser.session_with_args(args).await;
    open_signed_in(&page, &app.url, token, path).await;
    wait_live(&page).await;
    page
}

/// Waits for the page's live connection to be up.
pub async fn wait_live(page: &Client) {
    wait_for_js(
        page,
        "document.getElementById('live-status').dataset.state === 'live'",
        LIVE_WAIT,
        "the live connection",
    )
    .await;
}

/// Types into an element (keys are sent one by one, as a person types).
pub async fn type_into(page: &Client, css: &str, text: &str) {
    page.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .send_keys(text)
        .await
        .expect("typing");
}

/// The visible text of the first element matching `css`.
pub async fn text_of(page: &Client, css: &str) -> String {
    page.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .text()
        .await
        .expect("reading text")
}

/// Runs a script and returns its JSON value.
pub async fn js(page: &Client, script: &str) -> serde_json::Value {
    page.execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("script failed ({e}): {script}"))
}

/// A JavaScript string literal for `text`.
pub fn js_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// The bodies of the room page's messages in order, with " (pending)" on unsent ones.
pub const BODIES: &str = "return [...document.querySelectorAll('#messages li.message')].map(li => \
     li.bodyText + (li.classList.contains('pending') ? ' (pending)' : ''));";

pub fn shot(page_png: Vec<u8>, name: &str) {
    std::fs::write(
        hallway_testkit::output_dir("browser").join(format!("{name}.png")),
        page_png,
    )
    .expect("saving a screenshot");
}

/// Saves a screenshot as `test-output/browser/<folder>/<name>.png`.
pub fn shot_in(folder: &str, page_png: Vec<u8>, name: &str) {
    let dir = hallway_testkit::output_dir(&format!("browser/{folder}"));
    std::fs::write(dir.join(format!("{name}.png")), page_png).expect("saving a screenshot");
}

/// Key codes for [`press`] (WebDriver's).
pub const TAB: char = '\u{E004}';
pub const ENTER_KEY: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';
pub const SHIFT: char = '\u{E008}';

/// Presses keys on the keyboard, as a person does: into whatever has focus.
pub async fn press(page: &Client, keys: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    page.perform_actions(actions).await.expect("pressing keys");
}

/// Presses Tab (Shift+Tab when `back`) until `condition` holds for `document.activeElement`
/// (bound to `el`), at most `limit` times; fails naming `what`.
pub async fn tab_to(page: &Client, condition: &str, back: bool, limit: usize, what: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let check = format!("const el = document.activeElement; return Boolean(el && ({condition}));");
    for _ in 0..limit {
        if js(page, &check).await == serde_json::Value::Bool(true) {
            return;
        }
        let mut actions = KeyActions::new("keyboard".into());
        if back {
            actions = actions.then(KeyAction::Down { value: SHIFT });
        }
        actions = actions
            .then(KeyAction::Down { value: TAB })
            .then(KeyAction::Up { value: TAB });
        if back {
            actions = actions.then(KeyAction::Up { value: SHIFT });
        }
        page.perform_actions(actions).await.expect("pressing Tab");
    }
    let focused = js(
        page,
        "const el = document.activeElement; return el ? el.outerHTML.slice(0, 200) : null;",
    )
    .await;
    panic!("{limit} presses of Tab did not reach {what}; focus is on {focused}");
}
