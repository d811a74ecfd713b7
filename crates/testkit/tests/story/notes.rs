//! Stories about the finder's own records: "solved"/"learned" notes (authors alone edit and
//! delete, newest first, paged), the "don't suggest me" choice, and both in the export and in
//! what deleting a person removes.

use std::sync::Arc;

use hallway_domain::{NoteBody, NoteId, NoteKind, NoteTitle, PersonId};
use hallway_store::{NewNote, Note, NoteEdit, Store, StoreError};

use super::{at, each, person, tags};

pub fn new_note(author: PersonId, title: &str, body: &str) -> NewNote {
    NewNote {
        kind: NoteKind::Solved,
        title: NoteTitle::parse(title).unwrap(),
        body: NoteBody::parse(body).unwrap(),
        tags: tags(&["tls", "android"]),
        author,
        at: at(5),
    }
}

pub async fn note(store: &Arc<dyn Store>, author: PersonId, title: &str, body: &str) -> Note {
    store
        .create_note(new_note(author, title, body))
        .await
        .unwrap()
}

fn edit(title: &str) -> NoteEdit {
    NoteEdit {
        kind: NoteKind::Learned,
        title: NoteTitle::parse(title).unwrap(),
        body: NoteBody::parse("Pin the intermediate, not the leaf.").unwrap(),
        tags: tags(&["tls"]),
    }
}

#[tokio::test]
async fn notes_are_written_edited_and_deleted_by_their_authors_only() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let first = note(
            &store,
            ada.id,
            "TLS pinning on Android",
            "Use the network config.",
        )
        .await;
        assert_eq!(first.author, ada.id, "{name}");
        assert_eq!(first.tags, tags(&["tls", "android"]), "{name}");
        assert_eq!((first.created_at, first.edited_at), (at(5), None), "{name}");
        assert_eq!(store.note(first.id).await.unwrap(), first, "{name}");

        for (who, id) in [(bob.id, first.id), (ada.id, NoteId(first.id.0 + 100))] {
            let refused = store.edit_note(id, who, edit("Mine now"), at(6)).await;
            assert!(
                matches!(
                    refused,
                    Err(StoreError::NotFound(hallway_store::Missing::Note))
                ),
                "{name}"
            );
            let refused = store.delete_note(id, who).await;
            assert!(
                matches!(
                    refused,
                    Err(StoreError::NotFound(hallway_store::Missing::Note))
                ),
                "{name}"
            );
        }
        let edited = store
            .edit_note(first.id, ada.id, edit("Pinning, learned"), at(7))
            .await
            .unwrap();
        assert_eq!(edited.kind, NoteKind::Learned, "{name}");
        assert_eq!(edited.title.as_str(), "Pinning, learned", "{name}");
        assert_eq!(
            (edited.created_at, edited.edited_at),
            (at(5), Some(at(7))),
            "{name}"
        );

        store.delete_note(first.id, ada.id).await.unwrap();
        assert!(matches!(
            store.note(first.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Note))
        ));
        let nobody = store
            .create_note(new_note(PersonId(9_999), "Ghost", "Boo"))
            .await;
        assert!(
            matches!(
                nobody,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn notes_list_newest_first_in_pages() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(note(&store, ada.id, &format!("Note {i}"), "Body").await.id);
        }
        let first = store.notes(None, 2).await.unwrap();
        let titles = |page: &[Note]| -> Vec<String> {
            page.iter().map(|n| n.title.as_str().to_owned()).collect()
        };
        assert_eq!(titles(&first), ["Note 4", "Note 3"], "{name}");
        let second = store.notes(Some(first[1].id), 2).await.unwrap();
        assert_eq!(titles(&second), ["Note 2", "Note 1"], "{name}");
        let last = store.notes(Some(second[1].id), 2).await.unwrap();
        assert_eq!(titles(&last), ["Note 0"], "{name}");
        assert!(
            store.notes(Some(ids[0]), 2).await.unwrap().is_empty(),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_opt_out_is_off_by_default_and_can_be_turned_on_and_off() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        assert!(
            !store.suggestions_opted_out(ada.id).await.unwrap(),
            "{name}"
        );
        store.set_suggestions_opted_out(ada.id, true).await.unwrap();
        store.set_suggestions_opted_out(ada.id, true).await.unwrap();
        store
            .set_suggestions_opted_out(bob.id, false)
            .await
            .unwrap();
        assert!(store.suggestions_opted_out(ada.id).await.unwrap(), "{name}");
        assert_eq!(store.opted_out_people().await.unwrap(), [ada.id], "{name}");
        store
            .set_suggestions_opted_out(ada.id, false)
            .await
            .unwrap();
        assert!(store.opted_out_people().await.unwrap().is_empty(), "{name}");
        for opt_out in [true, false] {
            let unknown = store
                .set_suggestions_opted_out(PersonId(9_999), opt_out)
                .await;
            assert!(
                matches!(
                    unknown,
                    Err(StoreError::NotFound(hallway_store::Missing::Person))
                ),
                "{name}"
            );
        }
        let unknown = store.suggestions_opted_out(PersonId(9_999)).await;
        assert!(
            matches!(
                unknown,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn export_and_deletion_cover_notes_and_the_opt_out() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let older = note(&store, ada.id, "Older", "First").await;
        let newer = note(&store, ada.id, "Newer", "Second").await;
        let bobs = note(&store, bob.id, "Bob's", "Third").await;
        store.set_suggestions_opted_out(ada.id, true).await.unwrap();

        let export = store.export_person(ada.id).await.unwrap();
        assert!(export.memory.suggestions_opted_out, "{name}");
        assert_eq!(
            export.memory.notes,
            [newer.clone(), older.clone()],
            "{name}"
        );
        let json = serde_json::to_value(&export).unwrap();
        assert_eq!(json["memory"]["notes"][0]["title"], "Newer", "{name}");

        store.delete_person(ada.id).await.unwrap();
        for gone in [older.id, newer.id] {
            assert!(matches!(
                store.note(gone).await,
                Err(StoreError::NotFound(hallway_store::Missing::Note))
            ));
        }
        assert_eq!(store.notes(None, 10).await.unwrap(), [bobs], "{name}");
        assert!(store.opted_out_people().await.unwrap().is_empty(), "{name}");
    })
    .await;
}
