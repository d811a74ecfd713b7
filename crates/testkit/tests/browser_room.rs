//! How a room reads, in real Chromium. History from three days, written in the store: day
//! headings ("Today", "Yesterday", a full date) with the full date on hover; one header per
//! author group; a fenced code block as code; a long link that wraps and keeps its full stop
//! outside; Ada's first name highlighted as a mention of her; times in her 12/24-hour choice.
//! A message's replies live in its thread: "2 replies" under it, the thread beside the channel
//! (over it on a phone), and a reply written there reaches Bo live. On a phone nothing
//! scrolls sideways and the message box stays at the bottom of the screen.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;

use browser::{js, js_string, live_page, person, press, room, shot, type_into, LIVE_WAIT};
use chrono::{DateTime, Duration, Utc};
use fantoccini::{Client, Locator};
use hallway_domain::{ClientMessageId, MessageBody, MessageId, PersonId, RoomId};
use hallway_store::{NewMessage, RoomEventKind};
use hallway_testkit::{
    backends, emulate, sideways_overflow, spawn_app, wait_for_js, Browser, Screen, TestApp,
};

const LONG_URL: &str = "https://example.org/a/very/long/path/that/goes/on/and/on/without/any/\
    break/at/all/so/it/has/to/wrap/somewhere/in/the/middle?query=1234567890abcdef";

async fn say(
    app: &TestApp,
    room: RoomId,
    author: PersonId,
    body: &str,
    reply_to: Option<MessageId>,
    at: DateTime<Utc>,
) -> MessageId {
    let posted = app
        .backend
        .store
        .post_message(NewMessage {
            room,
            author,
            client_id: ClientMessageId::parse(&uuid::Uuid::new_v4().to_string()).unwrap(),
            body: MessageBody::parse(body).unwrap(),
            reply_to,
            at,
        })
        .await
        .unwrap();
    let RoomEventKind::Posted { message, .. } = posted.event.kind else {
        panic!("posting gives a posted event")
    };
    message
}

/// "Today", "Yesterday" or neither, for `at` as seen in London now.
fn day_label(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<&'static str> {
    let day = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::London).date_naive();
    if day(at) == day(now) {
        Some("Today")
    } else if day(at) == day(now).pred_opt().unwrap() {
        Some("Yesterday")
    } else {
        None
    }
}

async fn truth(page: &Client, script: &str) -> bool {
    js(page, &format!("return Boolean({script});")).await == serde_json::json!(true)
}

#[tokio::test]
async fn a_room_reads_compactly_with_days_code_mentions_and_threads() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let (_ada, ada_token) = person(&app, "Ada Lovelace", "Europe/London").await;
        let (bo, bo_token) = person(&app, "Bo Tanaka", "Asia/Tokyo").await;
        let (cy, _) = person(&app, "Cy Okafor", "America/New_York").await;
        let kitchen = room(&app, "Kitchen", "coffee and whatever").await;
        let now = Utc::now();
        let early = now - Duration::days(3);
        let yesterday = now - Duration::days(1);
        let today = now - Duration::minutes(20);
        say(
            &app,
            kitchen,
            cy,
            "Old news from earlier this week",
            None,
            early,
        )
        .await;
        say(
            &app,
            kitchen,
            bo,
            "A thought from yesterday",
            None,
            yesterday,
        )
        .await;
        let question = say(
            &app,
            kitchen,
            bo,
            "Morning! Ada, could you look at the deploy?",
            None,
            today,
        )
        .await;
        let log = say(
            &app,
            kitchen,
            bo,
            "Here is the log:\n```\nerror: cache miss\n  at step 2\n```",
            None,
            today + Duration::seconds(30),
        )
        .await;
        let link = say(
            &app,
            kitchen,
            bo,
            &format!("Details: {LONG_URL}."),
            None,
            today + Duration::seconds(50),
        )
        .await;
        let help = say(
            &app,
            kitchen,
            cy,
            "@Bo Tanaka I can help, `cargo build` works for me",
            None,
            today + Duration::minutes(5),
        )
        .await;
        let first_reply = say(
            &app,
            kitchen,
            cy,
            "Seen it too",
            Some(question),
            today + Duration::minutes(6),
        )
        .await;
        say(
            &app,
            kitchen,
            bo,
            "Thanks Cy",
            Some(question),
            today + Duration::minutes(7),
        )
        .await;

        let path = format!("/rooms/{kitchen}");
        let ada = live_page(&browser, &app, &ada_token, &path, &[]).await;

        // Day headings, each with its full date on hover.
        let labels = js(
            &ada,
            "return [...document.querySelectorAll('#message-list > li.day-divider time')]\
             .map(t => [t.textContent, t.title]);",
        )
        .await;
        let labels = labels.as_array().unwrap();
        let mut expected: Vec<Option<&str>> = Vec::new();
        for at in [early, yesterday, today] {
            let label = day_label(at, now);
            if expected.last() != Some(&label) {
                expected.push(label);
            }
        }
        assert_eq!(
            labels.len(),
            expected.len(),
            "{name}: one heading per day: {labels:?}"
        );
        for (shown, wanted) in labels.iter().zip(&expected) {
            let text = shown[0].as_str().unwrap();
            let title = shown[1].as_str().unwrap();
            match wanted {
                Some(word) => assert_eq!(text, *word, "{name}: {labels:?}"),
                None => assert!(
                    text.contains(&early.format("%Y").to_string())
                        && text != title.replace(' ', ""),
                    "{name}: an older day shows its full date: {text}"
                ),
            }
            assert!(
                title.contains(&now.format("%Y").to_string()),
                "{name}: {title}"
            );
        }

        // One header per author group: Bo's three lines share one; Cy's line starts another.
        for (id, continued) in [(question, false), (log, true), (link, true), (help, false)] {
            assert_eq!(
                truth(
                    &ada,
                    &format!("document.getElementById('m-{id}').classList.contains('continued')")
                )
                .await,
                continued,
                "{name}: message {id} continued = {continued}"
            );
        }
        assert!(
            truth(
                &ada,
                &format!(
                    "document.querySelector('#m-{log} .meta').getBoundingClientRect().height <= 1"
                )
            )
            .await,
            "{name}: a following line shows no second header"
        );
        let title = js(
            &ada,
            &format!("return document.querySelector('#m-{question} .meta time').title;"),
        )
        .await;
        assert!(
            title
                .as_str()
                .unwrap()
                .contains(&now.format("%Y").to_string()),
            "{name}: full time on hover: {title}"
        );

        // A code block, inline code, the link and the mention.
        let code = js(
            &ada,
            &format!("return document.querySelector('#m-{log} pre code').textContent;"),
        )
        .await;
        assert_eq!(
            code,
            serde_json::json!("error: cache miss\n  at step 2"),
            "{name}"
        );
        assert_eq!(
            js(
                &ada,
                &format!("return document.querySelector('#m-{help} .body code').textContent;")
            )
            .await,
            serde_json::json!("cargo build")
        );
        let anchor = js(
            &ada,
            &format!(
                "const a = document.querySelector('#m-{link} .body a'); \
                 return [a.href, a.textContent, a.nextSibling && a.nextSibling.textContent];"
            ),
        )
        .await;
        assert_eq!(
            anchor[1],
            serde_json::json!(LONG_URL),
            "{name}: the whole link is linked"
        );
        assert!(
            anchor[2].as_str().unwrap_or_default().starts_with('.'),
            "{name}: the full stop stays outside: {anchor}"
        );
        assert_eq!(
            js(&ada, &format!("return [...document.querySelectorAll('#m-{question} .mention.me')].map(m => m.textContent);")).await,
            serde_json::json!(["Ada"]),
            "{name}: Ada's first name is a mention of her"
        );
        assert!(
            truth(
                &ada,
                &format!(
                    "document.getElementById('m-{question}').classList.contains('mentions-me')"
                )
            )
            .await
        );
        assert!(
            truth(
                &ada,
                &format!("!document.getElementById('m-{help}').classList.contains('mentions-me')")
            )
            .await,
            "{name}: a mention of Bo is not one of Ada"
        );

        // Replies live in the thread: the channel shows "2 replies" instead.
        assert!(
            truth(
                &ada,
                &format!("document.getElementById('m-{first_reply}').hidden")
            )
            .await,
            "{name}"
        );
        let summary = format!("document.querySelector('#m-{question} .thread-summary button')");
        assert_eq!(
            js(&ada, &format!("return {summary}.textContent;")).await,
            serde_json::json!("2 replies")
        );

        // Bo watches the same room while Ada replies in the thread.
        let bo_page = live_page(&browser, &app, &bo_token, &path, &[]).await;
        ada.find(Locator::Css(&format!(
            "#m-{question} .thread-summary button"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        wait_for_js(
            &ada,
            "document.querySelectorAll('#thread .thread-messages li.message').length === 3",
            LIVE_WAIT,
            "the thread with the question and its two replies",
        )
        .await;
        assert!(
            truth(&ada, "document.activeElement.id === 'thread-heading'").await,
            "{name}: focus moves to the thread"
        );
        type_into(&ada, "#thread-message", "On it now\u{E007}").await;
        wait_for_js(
            &ada,
            &format!(
                "document.querySelectorAll('#thread .thread-messages li.message:not(.pending)').length === 4 \
                 && {summary}.textContent === '3 replies'"
            ),
            LIVE_WAIT,
            "Ada's reply in the thread and \"3 replies\"",
        )
        .await;
        wait_for_js(
            &bo_page,
            &format!("{summary}.textContent === '3 replies'"),
            LIVE_WAIT,
            "\"3 replies\" on Bo's page, live",
        )
        .await;
        assert!(
            truth(
                &bo_page,
                &format!("[...document.querySelectorAll('#message-list > li.message')].filter(li => li.getClientRects().length > 0).every(li => li.bodyText !== {})", js_string("On it now"))
            )
            .await,
            "{name}: the reply is in the thread, not in Bo's channel"
        );
        shot(
            ada.screenshot().await.unwrap(),
            &format!("room-thread-{name}"),
        );

        // The clock: 12-hour when chosen, 24-hour when chosen.
        for (choice, pattern) in [("12", "/(AM|PM)/i"), ("24", "/^\\d{1,2}:\\d{2}$/")] {
            js(
                &ada,
                &format!("localStorage.setItem('hallway.clock', '{choice}'); return true;"),
            )
            .await;
            ada.refresh().await.unwrap();
            browser::wait_live(&ada).await;
            assert!(
                truth(&ada, &format!("{pattern}.test(document.querySelector('#m-{question} .meta time').textContent)")).await,
                "{name}: the {choice}-hour clock"
            );
        }

        // A phone: nothing scrolls sideways, the box is at the bottom, the thread covers the room.
        emulate(&ada, Screen::NARROW).await;
        ada.refresh().await.unwrap();
        browser::wait_live(&ada).await;
        let (over, wide) = sideways_overflow(&ada).await;
        assert_eq!(
            over, 0,
            "{name}: the room scrolls sideways at 360 px: {wide:?}"
        );
        for scroll in ["0", "document.scrollingElement.scrollHeight"] {
            js(
                &ada,
                &format!("document.scrollingElement.scrollTop = {scroll}; return true;"),
            )
            .await;
            let bottom = js(&ada, "return [document.getElementById('composer').getBoundingClientRect().bottom, window.innerHeight];").await;
            assert!(
                (bottom[0].as_f64().unwrap() - bottom[1].as_f64().unwrap()).abs() <= 2.0,
                "{name}: the message box sits at the bottom of the screen (scrolled to {scroll}): {bottom}"
            );
        }
        shot(
            ada.screenshot().await.unwrap(),
            &format!("room-phone-{name}"),
        );
        ada.find(Locator::Css(&format!(
            "#m-{question} .thread-summary button"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        wait_for_js(
            &ada,
            "!document.getElementById('thread').hidden",
            LIVE_WAIT,
            "the thread on a phone",
        )
        .await;
        assert!(
            truth(&ada, "(r => r.left === 0 && r.top === 0 && r.width === window.innerWidth)(document.getElementById('thread').getBoundingClientRect())").await,
            "{name}: on a phone the thread takes the whole screen"
        );
        assert!(
            truth(&ada, "document.getElementById('thread-composer').getBoundingClientRect().bottom <= window.innerHeight").await,
            "{name}: the thread's box is on screen"
        );
        shot(
            ada.screenshot().await.unwrap(),
            &format!("room-thread-phone-{name}"),
        );
        press(&ada, "\u{E00C}").await;
        assert!(
            truth(&ada, "document.getElementById('thread').hidden").await,
            "{name}: Escape closes the thread"
        );

        ada.close().await.unwrap();
        bo_page.close().await.unwrap();
        app.finish().await;
    }
}
