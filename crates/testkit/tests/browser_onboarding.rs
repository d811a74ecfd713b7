//! In real Chromium: owner setup → create an invite → a second person accepts it and is signed
//! in → edits their profile → the owner's directory shows the change. Runs on every backend and
//! saves a screenshot of the directory under `test-output/browser/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fantoccini::{Client, Locator};
use hallway_testkit::{backends, output_dir, spawn_app, Browser};

async fn fill(page: &Client, id: &str, value: &str) {
    let field = page
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("no field #{id}"));
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

async fn submit(page: &Client, form_css: &str) {
    page.find(Locator::Css(&format!("{form_css} button[type=submit]")))
        .await
        .unwrap_or_else(|_| panic!("no submit button in {form_css}"))
        .click()
        .await
        .unwrap();
}

async fn path_of(page: &Client) -> String {
    page.current_url().await.unwrap().path().to_owned()
}

/// Waits for the page at `path` to have loaded (navigation after a form post).
async fn wait_for_path(page: &Client, path: &str) {
    page.wait()
        .for_url(&url::Url::parse(&format!("{}{path}", origin(page).await)).unwrap())
        .await
        .unwrap_or_else(|_| panic!("never reached {path}"));
}

async fn origin(page: &Client) -> String {
    let url = page.current_url().await.unwrap();
    format!("{}://{}", url.scheme(), url.host_str().unwrap())
        + &url.port().map(|p| format!(":{p}")).unwrap_or_default()
}

#[tokio::test]
async fn a_new_colleague_joins_and_the_directory_shows_their_profile() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();

        // The owner opens Hallway for the first time and is sent to setup.
        let owner = browser.session().await;
        owner.goto(&app.url).await.unwrap();
        assert_eq!(
            path_of(&owner).await,
            "/setup",
            "{name}: first visit offers owner setup"
        );
        fill(&owner, "display_name", "Ada Lovelace").await;
        fill(&owner, "email", "ada@example.org").await;
        fill(&owner, "password", "analytical engine 1843").await;
        fill(&owner, "time_zone", "Europe/London").await;
        submit(&owner, "form[action='/setup']").await;
        wait_for_path(&owner, "/").await;

        // The owner creates an invite link.
        owner
            .goto(&format!("{}/admin/invites", app.url))
            .await
            .unwrap();
        fill(&owner, "note", "for Grace").await;
        submit(&owner, "#invite-form").await;
        // The form posts back and the next page shows the link: wait for that page.
        let link = owner
            .wait()
            .for_element(Locator::Id("invite-url"))
            .await
            .expect("the new invite link is shown");
        let invite_url = link.prop("value").await.unwrap().expect("a link value");
        assert!(
            invite_url.starts_with(&format!("{}/invite/", app.url)),
            "{name}: {invite_url}"
        );

        // Grace, in her own browser, accepts it and is signed in.
        let grace = browser.session().await;
        grace.goto(&invite_url).await.unwrap();
        fill(&grace, "display_name", "Grace Hopper").await;
        fill(&grace, "email", "grace@example.org").await;
        fill(&grace, "password", "cobol compiler 1959").await;
        fill(&grace, "time_zone", "America/New_York").await;
        submit(&grace, "form[action^='/invite/']").await;
        wait_for_path(&grace, "/").await;

        // She edits her profile.
        grace.goto(&format!("{}/profile", app.url)).await.unwrap();
        fill(&grace, "pronouns", "she/her").await;
        fill(&grace, "time_zone", "Asia/Tokyo").await;
        fill(&grace, "hours-mon", "09:00-12:00, 13:00-17:30").await;
        fill(&grace, "tags", "compilers, accessibility").await;
        fill(&grace, "bio", "Taught machines to read English.").await;
        submit(&grace, "#profile-form").await;
        grace
            .wait()
            .for_element(Locator::Id("saved"))
            .await
            .expect("the profile saves");

        // The owner's directory, filtered by her new tag, shows the change.
        owner
            .goto(&format!("{}/people?tag=accessibility", app.url))
            .await
            .unwrap();
        let cards = owner.find_all(Locator::Css("#people .card")).await.unwrap();
        assert_eq!(cards.len(), 1, "{name}: exactly Grace has the tag");
        let text = cards[0].text().await.unwrap();
        for expected in [
            "Grace Hopper",
            "she/her",
            "Asia/Tokyo",
            "compilers",
            "Taught machines to read English.",
        ] {
            assert!(
                text.contains(expected),
                "{name}: directory card lacks {expected:?}: {text}"
            );
        }
        let png = owner.screenshot().await.unwrap();
        std::fs::write(
            output_dir("browser").join(format!("directory-{name}.png")),
            png,
        )
        .unwrap();

        owner.close().await.unwrap();
        grace.close().await.unwrap();
        app.finish().await;
    }
}

#[tokio::test]
async fn the_demo_team_appears_in_the_directory() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    for backend in backends().await {
        let org = hallway_seed::demo_org().unwrap();
        let hash =
            hallway_server::auth::password::hash_blocking(hallway_seed::DEMO_PASSWORD).unwrap();
        hallway::demo::seed(backend.store.as_ref(), &org, &hash)
            .await
            .unwrap();
        let app = spawn_app(backend, |_| {}).await;

        let page = browser.session().await;
        page.goto(&format!("{}/signin", app.url)).await.unwrap();
        fill(&page, "email", hallway_seed::DEMO_OWNER_EMAIL).await;
        fill(&page, "password", hallway_seed::DEMO_PASSWORD).await;
        submit(&page, "form[action='/signin']").await;
        wait_for_path(&page, "/").await;
        page.goto(&format!("{}/people", app.url)).await.unwrap();
        page.wait()
            .for_element(Locator::Id("result-count"))
            .await
            .expect("the directory loads");
        let cards = page.find_all(Locator::Css("#people .card")).await.unwrap();
        assert_eq!(
            cards.len(),
            org.people.len(),
            "{}: every demo person is listed",
            app.name()
        );
        let body = page
            .find(Locator::Id("people"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for person in org.people.iter().take(5) {
            assert!(
                body.contains(person.profile.display_name.as_str()),
                "{} missing",
                person.profile.display_name
            );
        }
        let png = page.screenshot().await.unwrap();
        std::fs::write(
            output_dir("browser").join(format!("demo-directory-{}.png", app.name())),
            png,
        )
        .unwrap();
        page.close().await.unwrap();
        app.finish().await;
    }
}
