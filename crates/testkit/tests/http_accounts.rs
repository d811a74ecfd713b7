//! Account stories over HTTP, on every backend: setup, invites, signing in and out,
//! passwords, sessions, deactivation, export, deletion, roles and the directory.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_domain::{PersonId, Role};
use hallway_testkit::{backends, spawn_app, Client};
use http::{
    accept, create_invite, delete, delete_with, form, get, org, post, profile_body, put,
    setup_owner, sign_in, store_invite, try_sign_in, Reply, OWNER_EMAIL, PASSWORD,
};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_owner_sets_up_once_and_setup_is_then_refused() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let anonymous = Client::new(&app.url).await;
        let first_page = get(&anonymous, "/").await;
        assert_eq!(first_page.location(), "/setup", "{}", app.name());
        let setup_page = get(&anonymous, "/setup").await;
        assert_eq!(setup_page.status, StatusCode::OK);

        let owner = setup_owner(&app).await;
        let me = get(&owner.client, "/api/v1/me").await.json();
        assert_eq!(me["role"], json!("owner"));
        assert_eq!(me["email"], json!(OWNER_EMAIL));

        let again = post(
            &anonymous,
            "/api/v1/setup",
            &json!({"email": "eve@example.org", "display_name": "Eve", "password": PASSWORD}),
        )
        .await;
        again.problem(403, "already set up");
        assert_eq!(
            get(&anonymous, "/setup").await.status,
            StatusCode::FORBIDDEN
        );
        let form_again = form(
            &anonymous,
            "/setup",
            &[
                ("email", "eve@example.org"),
                ("display_name", "Eve"),
                ("password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(
            form_again.status,
            StatusCode::FORBIDDEN,
            "{}",
            form_again.text
        );
        assert_eq!(app.backend.store.count_people().await.unwrap(), 1);
        assert_eq!(get(&anonymous, "/").await.location(), "/signin");
        app.finish().await;
    }
}

#[tokio::test]
async fn invites_are_single_use_multi_use_expire_and_can_be_revoked() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;

        // Single use: the second person is turned away and nobody is created.
        let (_, single) = create_invite(&owner.client, json!({"role": "member"})).await;
        let status = get(&owner.client, &format!("/api/v1/invites/by-token/{single}")).await;
        assert_eq!(status.json()["valid"], json!(true), "{}", status.text);
        accept(&app, &single, "first@example.org", "First").await;
        let second = Client::new(&app.url).await;
        let path = format!("/api/v1/invites/by-token/{single}/accept");
        let body =
            json!({"email": "second@example.org", "display_name": "Second", "password": PASSWORD});
        post(&second, &path, &body)
            .await
            .problem(410, "already been used");
        get(&second, &format!("/api/v1/invites/by-token/{single}"))
            .await
            .problem(410, "already been used");
        assert_eq!(app.backend.store.count_people().await.unwrap(), 2);

        // Multi use: two people, then used up.
        let (invite, multi) =
            create_invite(&owner.client, json!({"role": "guest", "max_uses": 2})).await;
        let one = accept(&app, &multi, "multi1@example.org", "Multi One").await;
        accept(&app, &multi, "multi2@example.org", "Multi Two").await;
        assert_eq!(
            get(&one.client, "/api/v1/me").await.json()["role"],
            json!("guest")
        );
        let third =
            json!({"email": "multi3@example.org", "display_name": "Three", "password": PASSWORD});
        post(
            &second,
            &format!("/api/v1/invites/by-token/{multi}/accept"),
            &third,
        )
        .await
        .problem(410, "already been used");
        let listed = get(&owner.client, "/api/v1/invites").await.json();
        let listed = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == invite["id"])
            .unwrap()
            .clone();
        assert_eq!(listed["uses"], json!(2), "{listed}");

        // Expired: made in the store with an expiry in the past.
        let (_, expired) = store_invite(&app, PersonId(owner.id), Role::Member, -1, 1).await;
        get(&second, &format!("/api/v1/invites/by-token/{expired}"))
            .await
            .problem(410, "expired");
        post(
            &second,
            &format!("/api/v1/invites/by-token/{expired}/accept"),
            &json!({"email": "late@example.org", "display_name": "Late", "password": PASSWORD}),
        )
        .await
        .problem(410, "expired");
        let page = get(&second, &format!("/invite/{expired}")).await;
        assert_eq!(page.status, StatusCode::GONE);
        assert!(page.text.contains("expired"), "{}", page.text);

        // Revoked by an admin.
        let (invite, revoked) = create_invite(&owner.client, json!({"role": "member"})).await;
        let id = invite["id"].as_i64().unwrap();
        let gone = delete(&owner.client, &format!("/api/v1/invites/{id}")).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.text);
        post(
            &second,
            &format!("/api/v1/invites/by-token/{revoked}/accept"),
            &json!({"email": "nope@example.org", "display_name": "Nope", "password": PASSWORD}),
        )
        .await
        .problem(410, "revoked");
        // An unknown token is simply not found.
        get(&second, "/api/v1/invites/by-token/not-a-real-token")
            .await
            .problem(404, "not found");
        assert_eq!(app.backend.store.count_people().await.unwrap(), 4);
        app.finish().await;
    }
}

#[tokio::test]
async fn people_sign_in_and_out_and_wrong_passwords_are_refused() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let owner = setup_owner(&app).await;
        let client = Client::new(&app.url).await;
        assert_eq!(
            get(&client, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        try_sign_in(&client, OWNER_EMAIL, "not the password")
            .await
            .problem(400, "wrong email or password");
        try_sign_in(&client, "nobody@example.org", PASSWORD)
            .await
            .problem(400, "wrong email or password");
        let signed_in = try_sign_in(&client, &OWNER_EMAIL.to_uppercase(), PASSWORD).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text);
        assert_eq!(signed_in.json()["person"]["id"], json!(owner.id));
        assert_eq!(get(&client, "/api/v1/me").await.status, StatusCode::OK);

        let out = delete(&client, "/api/v1/session").await;
        assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text);
        assert!(out.set_cookies().iter().any(|c| c.contains("Max-Age=0")));
        assert_eq!(
            get(&client, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        // The other session (from setup) is untouched.
        assert_eq!(
            get(&owner.client, "/api/v1/me").await.status,
            StatusCode::OK
        );

        // The same through the pages.
        let page = Client::new(&app.url).await;
        let wrong = form(
            &page,
            "/signin",
            &[("email", OWNER_EMAIL), ("password", "nope nope nope")],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(
            wrong.text.contains("wrong email or password"),
            "{}",
            wrong.text
        );
        let right = form(
            &page,
            "/signin",
            &[("email", OWNER_EMAIL), ("password", PASSWORD)],
        )
        .await;
        assert!(right.status.is_redirection(), "{}", right.status);
        assert_eq!(right.location(), "/");
        assert_eq!(get(&page, "/people").await.status, StatusCode::OK);
        let out = form(&page, "/signout", &[]).await;
        assert_eq!(out.location(), "/signin");
        assert_eq!(get(&page, "/people").await.location(), "/signin");
        app.finish().await;
    }
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let here = &org.member.client;
        let elsewhere = sign_in(&app, &org.member.email, PASSWORD).await;

        put(
            here,
            "/api/v1/me/password",
            &json!({"current_password": "not my password", "new_password": "a brand new secret"}),
        )
        .await
        .problem(422, "not your current password");
        assert_eq!(get(&elsewhere, "/api/v1/me").await.status, StatusCode::OK);

        let changed = put(
            here,
            "/api/v1/me/password",
            &json!({"current_password": PASSWORD, "new_password": "a brand new secret"}),
        )
        .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
        assert_eq!(get(here, "/api/v1/me").await.status, StatusCode::OK);
        assert_eq!(
            get(&elsewhere, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        let fresh = Client::new(&app.url).await;
        try_sign_in(&fresh, &org.member.email, PASSWORD)
            .await
            .problem(400, "wrong email or password");
        let ok = try_sign_in(&fresh, &org.member.email, "a brand new secret").await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn people_list_and_revoke_their_own_sessions() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let here = &org.member.client;
        let elsewhere = sign_in(&app, &org.member.email, PASSWORD).await;

        let sessions = get(here, "/api/v1/me/sessions").await.json();
        let sessions = sessions.as_array().unwrap();
        assert_eq!(sessions.len(), 2, "{sessions:?}");
        assert_eq!(
            sessions
                .iter()
                .filter(|s| s["current"] == json!(true))
                .count(),
            1
        );
        assert!(sessions.iter().all(|s| s.get("token_hash").is_none()));
        let other = sessions
            .iter()
            .find(|s| s["current"] == json!(false))
            .unwrap()["id"]
            .as_i64()
            .unwrap();

        // Someone else's session is not theirs to end.
        delete(&org.admin.client, &format!("/api/v1/me/sessions/{other}"))
            .await
            .problem(404, "not found");
        assert_eq!(get(&elsewhere, "/api/v1/me").await.status, StatusCode::OK);

        let revoked = delete(here, &format!("/api/v1/me/sessions/{other}")).await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text);
        assert_eq!(
            get(&elsewhere, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(get(here, "/api/v1/me").await.status, StatusCode::OK);
        let left = get(here, "/api/v1/me/sessions").await.json();
        assert_eq!(left.as_array().unwrap().len(), 1, "{left}");

        // The account page lists the session and revokes it too.
        let third = sign_in(&app, &org.member.email, PASSWORD).await;
        let page = get(here, "/account").await;
        assert_eq!(page.status, StatusCode::OK);
        let sessions = get(here, "/api/v1/me/sessions").await.json();
        let third_id = sessions
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["current"] == json!(false))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let done = form(here, &format!("/account/sessions/{third_id}/revoke"), &[]).await;
        assert_eq!(done.location(), "/account?done=revoked");
        assert_eq!(
            get(&third, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn deactivation_ends_every_session_of_that_person() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let elsewhere = sign_in(&app, &org.member.email, PASSWORD).await;
        let id = org.member.id;

        let done = post(
            &org.admin.client,
            &format!("/api/v1/people/{id}/deactivate"),
            &json!({}),
        )
        .await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.text);
        for client in [&org.member.client, &elsewhere] {
            get(client, "/api/v1/me")
                .await
                .problem(401, "sign in first");
        }
        let fresh = Client::new(&app.url).await;
        try_sign_in(&fresh, &org.member.email, PASSWORD)
            .await
            .problem(400, "wrong email or password");
        let listed = get(&org.admin.client, "/api/v1/people").await.json();
        assert!(
            listed
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["id"] != json!(id)),
            "an inactive person is listed: {listed}"
        );
        // Members no longer find them; admins still do.
        let seen = get(&org.owner.client, &format!("/api/v1/people/{id}")).await;
        assert_eq!(seen.json()["active"], json!(false), "{}", seen.text);
        get(&org.guest.client, &format!("/api/v1/people/{id}"))
            .await
            .problem(403, "guests");

        let back = post(
            &org.admin.client,
            &format!("/api/v1/people/{id}/reactivate"),
            &json!({}),
        )
        .await;
        assert_eq!(back.status, StatusCode::NO_CONTENT, "{}", back.text);
        let ok = try_sign_in(&fresh, &org.member.email, PASSWORD).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn the_export_holds_my_profile_and_sessions_and_no_secrets() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let me = &org.member;
        let reply = get(&me.client, "/api/v1/me/export").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert!(reply.header("content-type").starts_with("application/json"));
        assert!(
            reply
                .header("content-disposition")
                .starts_with("attachment"),
            "{}",
            reply.header("content-disposition")
        );
        let export = reply.json();
        assert_eq!(export["format"], json!("hallway-export/1"));
        assert_eq!(export["data"]["person"]["email"], json!(me.email));
        assert_eq!(
            export["data"]["person"]["profile"]["display_name"],
            json!("Mo Member")
        );
        assert_eq!(export["data"]["sessions"].as_array().unwrap().len(), 1);

        let store = &app.backend.store;
        let hash = store.password_hash(PersonId(me.id)).await.unwrap();
        assert!(hash.starts_with("$argon2"), "{hash}");
        let sessions = store.sessions_of(PersonId(me.id)).await.unwrap();
        for secret in [hash.as_str(), sessions[0].token_hash.as_str()] {
            assert!(!reply.text.contains(secret), "the export leaks a secret");
        }
        for word in ["password", "token_hash", "$argon2"] {
            assert!(!reply.text.contains(word), "the export mentions {word}");
        }
        // The page download is the same document.
        let page = get(&me.client, "/account/export").await;
        assert_eq!(page.json()["data"]["person"], export["data"]["person"]);
        app.finish().await;
    }
}

#[tokio::test]
async fn deleting_my_account_needs_my_password_and_then_removes_me() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let me = &org.member;
        let wrong = delete_with(
            &me.client,
            "/api/v1/me",
            &json!({"password": "not my password"}),
        )
        .await;
        let problem = wrong.problem(422, "nothing was deleted");
        assert_eq!(problem["field"], json!("password"));
        assert_eq!(get(&me.client, "/api/v1/me").await.status, StatusCode::OK);
        assert!(app.backend.store.person(PersonId(me.id)).await.is_ok());

        let page = form(&me.client, "/account/delete", &[("password", "nope nope")]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.text.contains("role=\"alert\"") || page.text.contains("nothing was deleted"));

        let gone = delete_with(&me.client, "/api/v1/me", &json!({"password": PASSWORD})).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.text);
        assert_eq!(
            get(&me.client, "/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert!(app.backend.store.person(PersonId(me.id)).await.is_err());
        let fresh = Client::new(&app.url).await;
        try_sign_in(&fresh, &me.email, PASSWORD)
            .await
            .problem(400, "wrong email or password");
        get(&org.owner.client, &format!("/api/v1/people/{}", me.id))
            .await
            .problem(404, "not found");
        app.finish().await;
    }
}

#[tokio::test]
async fn the_last_owner_cannot_leave_or_step_down() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let owner = &org.owner;
        delete_with(&owner.client, "/api/v1/me", &json!({"password": PASSWORD}))
            .await
            .problem(409, "only owner");
        put(
            &owner.client,
            &format!("/api/v1/people/{}/role", owner.id),
            &json!({"role": "admin"}),
        )
        .await
        .problem(409, "last owner");
        assert_eq!(
            get(&owner.client, "/api/v1/me").await.json()["role"],
            json!("owner")
        );

        // With a second owner, the first may step down.
        let promoted = put(
            &owner.client,
            &format!("/api/v1/people/{}/role", org.admin.id),
            &json!({"role": "owner"}),
        )
        .await;
        assert_eq!(promoted.json()["role"], json!("owner"), "{}", promoted.text);
        let stepped = put(
            &owner.client,
            &format!("/api/v1/people/{}/role", owner.id),
            &json!({"role": "admin"}),
        )
        .await;
        assert_eq!(stepped.json()["role"], json!("admin"), "{}", stepped.text);
        app.finish().await;
    }
}

#[tokio::test]
async fn admins_cannot_touch_owners_or_make_admins() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let admin = &org.admin.client;
        let owner_id = org.owner.id;
        let member_id = org.member.id;
        put(
            admin,
            &format!("/api/v1/people/{owner_id}/role"),
            &json!({"role": "member"}),
        )
        .await
        .problem(403, "may not");
        post(
            admin,
            &format!("/api/v1/people/{owner_id}/deactivate"),
            &json!({}),
        )
        .await
        .problem(403, "may not deactivate");
        put(
            admin,
            &format!("/api/v1/people/{owner_id}/profile"),
            &profile_body("Hijacked", "UTC", &[]),
        )
        .await
        .problem(403, "own profile");
        put(
            admin,
            &format!("/api/v1/people/{member_id}/role"),
            &json!({"role": "admin"}),
        )
        .await
        .problem(403, "may not");
        post(admin, "/api/v1/invites", &json!({"role": "admin"}))
            .await
            .problem(403, "only owners");
        let page = form(
            admin,
            &format!("/admin/people/{member_id}/role"),
            &[("role", "owner")],
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        // Nothing changed.
        let owner = app.backend.store.person(PersonId(owner_id)).await.unwrap();
        assert_eq!(owner.role, Role::Owner);
        assert!(owner.active);
        assert_eq!(owner.profile.display_name.to_string(), "Olive Owner");
        let member = app.backend.store.person(PersonId(member_id)).await.unwrap();
        assert_eq!(member.role, Role::Member);

        // What admins may do: manage members and guests.
        let demoted = put(
            admin,
            &format!("/api/v1/people/{member_id}/role"),
            &json!({"role": "guest"}),
        )
        .await;
        assert_eq!(demoted.json()["role"], json!("guest"), "{}", demoted.text);
        let (invite, _) = create_invite(admin, json!({"role": "guest"})).await;
        assert_eq!(invite["role"], json!("guest"));
        app.finish().await;
    }
}

#[tokio::test]
async fn guests_see_only_themselves() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let guest = &org.guest.client;
        get(guest, "/api/v1/people")
            .await
            .problem(403, "guests cannot see this");
        get(guest, "/api/v1/teams")
            .await
            .problem(403, "guests cannot see this");
        get(guest, &format!("/api/v1/people/{}", org.member.id))
            .await
            .problem(403, "guests cannot see this");
        let me = get(guest, &format!("/api/v1/people/{}", org.guest.id)).await;
        assert_eq!(me.json()["role"], json!("guest"), "{}", me.text);
        let page = get(guest, "/people").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(!page.text.contains("Mo Member"), "the directory leaked");
        assert_eq!(get(guest, "/profile").await.status, StatusCode::OK);
        app.finish().await;
    }
}

#[tokio::test]
async fn invites_per_hour_are_limited() {
    for backend in backends().await {
        let app = spawn_app(backend, |config| config.invites_per_hour = 2).await;
        let owner = setup_owner(&app).await;
        for _ in 0..2 {
            create_invite(&owner.client, json!({"role": "member"})).await;
        }
        post(&owner.client, "/api/v1/invites", &json!({"role": "member"}))
            .await
            .problem(429, "the limit is 2");
        let page = form(
            &owner.client,
            "/admin/invites",
            &[
                ("role", "member"),
                ("expires_in_hours", "24"),
                ("max_uses", "1"),
            ],
        )
        .await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(page.text.contains("the limit is 2"), "{}", page.text);
        let listed = get(&owner.client, "/api/v1/invites").await.json();
        assert_eq!(listed.as_array().unwrap().len(), 2);
        app.finish().await;
    }
}

fn ids(reply: &Reply) -> Vec<i64> {
    let people = reply.json();
    let mut ids: Vec<i64> = people
        .as_array()
        .unwrap_or_else(|| panic!("a list: {people}"))
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn the_directory_finds_people_by_name_team_and_tag() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let owner = &org.owner.client;
        let team = post(
            owner,
            "/api/v1/teams",
            &json!({"name": "Platform", "description": "Runs the servers"}),
        )
        .await;
        assert_eq!(team.status, StatusCode::CREATED, "{}", team.text);
        let team = team.json()["id"].as_i64().unwrap();
        let joined = put(
            owner,
            &format!("/api/v1/people/{}/teams", org.member.id),
            &json!({"teams": [team]}),
        )
        .await;
        assert_eq!(joined.status, StatusCode::OK, "{}", joined.text);
        let saved = put(
            &org.member.client,
            "/api/v1/me/profile",
            &profile_body("Mo Rustacean", "Asia/Tokyo", &["rust", "postgres"]),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        assert_eq!(saved.json()["profile"]["time_zone"], json!("Asia/Tokyo"));

        let by_name = get(&org.admin.client, "/api/v1/people?q=rustacean").await;
        assert_eq!(ids(&by_name), vec![org.member.id], "{}", by_name.text);
        let by_email = get(&org.admin.client, "/api/v1/people?q=ada.admin").await;
        assert_eq!(ids(&by_email), vec![org.admin.id]);
        let by_team = get(&org.admin.client, &format!("/api/v1/people?team={team}")).await;
        assert_eq!(ids(&by_team), vec![org.member.id], "{}", by_team.text);
        let by_tag = get(&org.member.client, "/api/v1/people?tag=postgres").await;
        assert_eq!(ids(&by_tag), vec![org.member.id], "{}", by_tag.text);
        let nobody = get(&org.member.client, "/api/v1/people?tag=cobol").await;
        assert!(ids(&nobody).is_empty());
        let everyone = get(&org.member.client, "/api/v1/people").await;
        assert_eq!(ids(&everyone).len(), 4);

        let page = get(&org.admin.client, "/people").await;
        assert_eq!(page.status, StatusCode::OK);
        for text in ["Mo Rustacean", "Platform", "postgres", "Asia/Tokyo"] {
            assert!(page.text.contains(text), "/people lacks {text}");
        }
        let filtered = get(&org.admin.client, "/people?tag=rust").await;
        assert!(filtered.text.contains("Mo Rustacean"));
        assert!(!filtered
            .text
            .contains(&format!("data-person=\"{}\"", org.admin.id)));
        let filtered = get(&org.admin.client, "/people?q=olive").await;
        assert!(!filtered.text.contains("Mo Rustacean"));
        let person = get(&org.owner.client, &format!("/people/{}", org.member.id)).await;
        assert!(person.text.contains("Mo Rustacean"));
        app.finish().await;
    }
}
