//! The notes pages on every backend: writing a note through the form (bad input re-renders the
//! form naming the field and writes nothing), the list newest first, a note with its author and
//! tags, changes by its author only, and a fresh note making its author findable.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_testkit::{backends, spawn_app};
use http::{form, get, org, post};
use serde_json::json;

const BODY: &str = "Pin the intermediate certificate, not the leaf: it survives rotations.";

fn note_form<'a>(kind: &'a str, title: &'a str, tags: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("title", title),
        ("body", BODY),
        ("tags", tags),
    ]
}

/// The id in a `/notes/{id}` redirect.
fn note_id(location: &str) -> i64 {
    location
        .strip_prefix("/notes/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a note's address: {location:?}"))
}

#[tokio::test]
async fn notes_are_written_read_and_changed_through_the_pages() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let member = &org.member.client;

        // Bad input: the form comes back naming the field, keeping what was typed; nothing is written.
        let empty_title = form(member, "/notes", &note_form("solved", "  ", "tls")).await;
        assert_eq!(empty_title.status, 422, "{name}: {}", empty_title.text);
        assert!(empty_title.text.contains("id=\"form-error\""), "{name}");
        assert!(empty_title.text.contains("title"), "{name}");
        assert!(
            empty_title.text.contains(
                "id=\"title\" name=\"title\" maxlength=\"120\" value=\"  \" aria-invalid=\"true\""
            ),
            "{name}: the title field is marked: {}",
            empty_title.text
        );
        assert!(empty_title.text.contains(BODY), "{name}: the body is kept");
        let bad_kind = form(member, "/notes", &note_form("howto", "Pinning", "tls")).await;
        assert_eq!(bad_kind.status, 422, "{name}");
        assert!(bad_kind.text.contains("solved or learned"), "{name}");
        let long_tag = format!("android, {}", "x".repeat(41));
        let bad_tag = form(member, "/notes", &note_form("solved", "Pinning", &long_tag)).await;
        assert_eq!(bad_tag.status, 422, "{name}: {}", bad_tag.text);
        assert!(bad_tag.text.contains("tag"), "{name}");
        let none = app.backend.store.notes(None, 10).await.unwrap();
        assert!(none.is_empty(), "{name}: nothing written: {none:?}");

        // A good note leads to its page, with author and tags; text is escaped.
        let title = "Pinning <b>certificates</b> on Android";
        let written = form(
            member,
            "/notes",
            &note_form("solved", title, "android, TLS, tls"),
        )
        .await;
        assert_eq!(written.status, 303, "{name}: {}", written.text);
        let id = note_id(written.location());
        let page = get(member, &format!("/notes/{id}")).await;
        assert_eq!(page.status, 200, "{name}");
        assert!(
            page.text.contains("Pinning ") && page.text.contains("certificates"),
            "{name}"
        );
        assert!(
            !page.text.contains("<b>certificates"),
            "{name}: never as HTML"
        );
        assert!(page.text.contains("Mo Member"), "{name}: the author");
        assert!(page.text.contains(">android</span>") && page.text.contains(">tls</span>"));
        assert!(
            page.text.contains("id=\"note-edit\""),
            "{name}: its author may change it"
        );

        // Another member reads it but may not change or delete it.
        let admin = &org.admin.client;
        let seen = get(admin, &format!("/notes/{id}")).await;
        assert_eq!(seen.status, 200, "{name}");
        assert!(
            !seen.text.contains("id=\"note-edit\""),
            "{name}: no edit for others"
        );
        let refused = form(
            admin,
            &format!("/notes/{id}"),
            &note_form("learned", "Mine", ""),
        )
        .await;
        assert_eq!(refused.status, 403, "{name}: {}", refused.text);
        assert!(refused.text.contains("only its author"), "{name}");
        assert_eq!(get(admin, &format!("/notes/{id}/edit")).await.status, 403);
        assert_eq!(
            form(admin, &format!("/notes/{id}/delete"), &[])
                .await
                .status,
            403
        );
        let kept = app
            .backend
            .store
            .note(hallway_domain::NoteId(id))
            .await
            .unwrap();
        assert_eq!(kept.title.as_str(), title, "{name}: unchanged");
        assert_eq!(
            get(&org.guest.client, "/notes").await.status,
            403,
            "{name}: not guests"
        );

        // The list is newest first.
        let second = form(admin, "/notes", &note_form("learned", "Rotating keys", "")).await;
        assert_eq!(second.status, 303, "{name}");
        let list = get(member, "/notes").await;
        let newer = list.text.find("Rotating keys").expect("the newer note");
        let older = list.text.find("Pinning ").expect("the older note");
        assert!(newer < older, "{name}: newest first");
        assert!(list.text.contains("href=\"/notes/new\""), "{name}");

        // The author changes it: the form comes filled in, a bad change names the field.
        let edit = get(member, &format!("/notes/{id}/edit")).await;
        assert!(
            edit.text.contains("value=\"android, tls\""),
            "{name}: {}",
            edit.text
        );
        let bad = form(
            member,
            &format!("/notes/{id}"),
            &note_form("solved", "", ""),
        )
        .await;
        assert_eq!(bad.status, 422, "{name}");
        let changed = form(
            member,
            &format!("/notes/{id}"),
            &note_form("learned", "Pinning, again", "tls"),
        )
        .await;
        assert_eq!(changed.status, 303, "{name}: {}", changed.text);
        let page = get(member, &format!("/notes/{id}")).await;
        assert!(
            page.text.contains("Pinning, again") && page.text.contains("(changed "),
            "{name}"
        );

        // A fresh note is evidence: another member asking finds its author, linked to the note.
        app.finder.sync().await.unwrap();
        let asked = post(
            admin,
            "/api/v1/ask",
            &json!({"question": "how to pin an intermediate certificate"}),
        )
        .await;
        let people = asked.json()["people"].clone();
        assert_eq!(people[0]["name"], "Mo Member", "{name}: {}", asked.text);
        assert_eq!(
            people[0]["evidence"][0]["link"],
            format!("/notes/{id}"),
            "{name}"
        );

        // The author deletes it.
        let deleted = form(member, &format!("/notes/{id}/delete"), &[]).await;
        assert_eq!(deleted.status, 303, "{name}");
        assert_eq!(deleted.location(), "/notes");
        assert_eq!(
            get(member, &format!("/notes/{id}")).await.status,
            404,
            "{name}"
        );
        app.finish().await;
    }
}
