//! The abandoned-draft rescue, in real Chromium: a six-word message typed and cleared brings
//! up the author's card; "Keep it as a draft" brings it back into the box after a reload. Every
//! payload the page sends (WebSocket frames, fetch, XHR, beacons) is recorded, and none
//! carries a word of the draft.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, js_string, live_page, person, room, shot, type_into, LIVE_WAIT};
use hallway_testkit::{backends, spawn_app, wait_for_js, Browser};

const DRAFT: &str = "quokka marzipan zeppelin fjord lantern hummingbird";

/// Records every payload the page could send, from now on.
const RECORDER: &str = r#"
window.__sent = [];
const record = (what, payload) => {
  let text;
  try { text = typeof payload === "string" ? payload : JSON.stringify(payload); } catch (_) { text = String(payload); }
  window.__sent.push(`${what}: ${text}`);
};
const wsSend = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) { record("ws", data); return wsSend.call(this, data); };
const realFetch = window.fetch;
window.fetch = function (input, init) {
  record("fetch", `${input} ${init && init.body !== undefined ? String(init.body) : ""}`);
  return realFetch.apply(this, arguments);
};
const xhrSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (body) { record("xhr", body); return xhrSend.call(this, body); };
if (navigator.sendBeacon) {
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, data) => { record("beacon", `${url} ${data}`); return beacon(url, data); };
}
return true;
"#;

#[tokio::test]
async fn an_abandoned_draft_is_rescued_and_never_leaves_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (_, token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let porch = room(&app, "Porch", "").await;
        let path = format!("/rooms/{porch}");
        let page = live_page(&browser, &app, &token, &path, &[]).await;
        js(&page, RECORDER).await;

        // Type six words, then clear them all (select all, delete).
        type_into(&page, "#message", DRAFT).await;
        type_into(&page, "#message", "\u{E009}a\u{E000}\u{E003}").await;
        wait_for_js(
            &page,
            "document.getElementById('message').value === '' \
             && !document.getElementById('draft-card').hidden",
            LIVE_WAIT,
            "the rescue card after clearing the draft",
        )
        .await;
        let card = js(
            &page,
            "return document.getElementById('draft-card').innerText;",
        )
        .await;
        let card = card.as_str().unwrap_or_default().to_owned();
        // It does not claim more than is true: the room saw "is typing", never the text.
        assert!(
            card.contains("only saw that you were typing") && !card.contains("never left"),
            "{name}: {card}"
        );
        for choice in [
            "Say it out loud",
            "Who has been here before?",
            "Keep it as a draft",
        ] {
            assert!(
                card.contains(choice),
                "{name}: the card offers {choice:?}: {card}"
            );
        }
        assert_eq!(
            js(&page, "return document.getElementById('draft-ask').hidden;").await,
            serde_json::json!(false),
            "{name}: the memory finder is offered (and asked only on a click)"
        );
        shot(
            page.screenshot().await.unwrap(),
            &format!("draft-card-{name}"),
        );
        page.find(fantoccini::Locator::Id("draft-keep"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_js(
            &page,
            "document.getElementById('draft-card').hidden",
            LIVE_WAIT,
            "the card to go once a choice is made",
        )
        .await;

        // Nothing the page sent carries a word of the draft, though it did send typing frames.
        let sent: Vec<String> =
            serde_json::from_value(js(&page, "return window.__sent;").await).unwrap();
        assert!(
            sent.iter().any(|s| s.contains("\"typing\"")),
            "{name}: the recorder saw the typing frames: {sent:?}"
        );
        for word in DRAFT.split_whitespace() {
            let leaked: Vec<&String> = sent.iter().filter(|s| s.contains(word)).collect();
            assert!(
                leaked.is_empty(),
                "{name}: {word:?} left the browser: {leaked:?}"
            );
        }

        // Next time, the draft is back in the box.
        page.refresh().await.unwrap();
        browser::wait_live(&page).await;
        wait_for_js(
            &page,
            &format!(
                "document.getElementById('message').value === {}",
                js_string(DRAFT)
            ),
            LIVE_WAIT,
            "the kept draft restored into the message box",
        )
        .await;
        page.close().await.unwrap();
        app.finish().await;
    }
}
