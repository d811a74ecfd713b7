//! The JSON API under `/api/v1`. Every route is declared once in [`routes`] with who may call
//! it; the router, the OpenAPI document and the authorization matrix test all read that table.

mod ask;
mod chats;
mod circles;
mod extract;
mod invites;
mod me;
mod notes;
mod openapi;
mod people;
mod pulse;
mod rooms;
mod session;
mod teams;

pub(crate) use extract::too_slow;
pub use extract::ApiJson;
pub use me::export as export_response;
pub(crate) use notes::NoteInput;
pub use people::people_query;
pub use session::user_agent as session_user_agent;
pub(crate) use session::{device_cookie, sign_in_cookies};

use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;

use crate::{Access, AppState};

/// One API operation: its method, path, summary, who may call it and its JSON body, if any.
#[derive(Debug, Clone, Copy)]
pub struct ApiRoute {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub access: Access,
    /// An example request body, shown in the OpenAPI document.
    pub example: Option<&'static str>,
}

const fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    summary: &'static str,
) -> ApiRoute {
    ApiRoute {
        method,
        path,
        summary,
        access,
        example: None,
    }
}

const fn with_body(mut route: ApiRoute, example: &'static str) -> ApiRoute {
    route.example = Some(example);
    route
}

/// Every API route with its handler.
pub fn routes() -> Vec<(ApiRoute, MethodRouter<AppState>)> {
    let mut all = core_routes();
    all.extend(chats::routes());
    all.extend(circles::routes());
    all
}

fn core_routes() -> Vec<(ApiRoute, MethodRouter<AppState>)> {
    use Access::*;
    vec![
        (
            route("GET", "/api/v1/openapi.json", Public, "This document"),
            get(openapi::document),
        ),
        (
            route(
                "GET",
                "/api/v1/csrf",
                Public,
                "A CSRF token (also set as a cookie) to send as X-CSRF-Token",
            ),
            get(session::csrf),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/setup",
                    Setup,
                    "Create the owner on first start and sign in",
                ),
                r#"{"email":"ada@example.org","display_name":"Ada","password":"a long secret","time_zone":"Europe/London"}"#,
            ),
            post(session::setup),
        ),
        (
            with_body(
                route("POST", "/api/v1/session", Public, "Sign in"),
                r#"{"email":"ada@example.org","password":"a long secret"}"#,
            ),
            post(session::sign_in),
        ),
        (
            route(
                "DELETE",
                "/api/v1/session",
                SignedIn,
                "Sign out of this session",
            ),
            delete(session::sign_out),
        ),
        (
            route(
                "GET",
                "/api/v1/live",
                SignedIn,
                "The live WebSocket (protocol v1, see docs/protocol.md)",
            ),
            get(crate::live::socket),
        ),
        (
            route("GET", "/api/v1/me", SignedIn, "The signed-in person"),
            get(me::show),
        ),
        (
            with_body(
                route("PUT", "/api/v1/me/profile", SignedIn, "Replace my profile"),
                r#"{"display_name":"Ada","pronouns":"she/her","time_zone":"Europe/London","working_hours":{"mon":["09:00-17:00"]},"ask_me_about":["rust"],"bio":""}"#,
            ),
            put(me::update_profile),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/me/password",
                    SignedIn,
                    "Change my password (ends my other sessions)",
                ),
                r#"{"current_password":"old secret","new_password":"a new long secret"}"#,
            ),
            put(me::change_password),
        ),
        (
            route("GET", "/api/v1/me/sessions", SignedIn, "My sessions"),
            get(me::sessions),
        ),
        (
            route(
                "DELETE",
                "/api/v1/me/sessions/{id}",
                SignedIn,
                "End one of my sessions",
            ),
            delete(me::revoke_session),
        ),
        (
            route(
                "GET",
                "/api/v1/me/export",
                SignedIn,
                "Everything stored about me, as JSON",
            ),
            get(me::export),
        ),
        (
            with_body(
                route("DELETE", "/api/v1/me", SignedIn, "Delete my account"),
                r#"{"password":"my secret"}"#,
            ),
            delete(me::delete_account),
        ),
        (
            route(
                "GET",
                "/api/v1/people",
                Member,
                "The directory; filters: q, team, tag",
            ),
            get(people::search),
        ),
        (
            route(
                "GET",
                "/api/v1/people/{id}",
                SignedIn,
                "One person (guests: only themself)",
            ),
            get(people::show),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/people/{id}/profile",
                    Admin,
                    "Replace someone's profile",
                ),
                r#"{"display_name":"Grace","time_zone":"America/New_York","working_hours":{"mon":["09:00-17:00"]}}"#,
            ),
            put(people::update_profile),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/people/{id}/role",
                    Admin,
                    "Change someone's role",
                ),
                r#"{"role":"admin"}"#,
            ),
            put(people::set_role),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/people/{id}/teams",
                    Admin,
                    "Replace someone's teams",
                ),
                r#"{"teams":[1,2]}"#,
            ),
            put(people::set_teams),
        ),
        (
            route(
                "POST",
                "/api/v1/people/{id}/deactivate",
                Admin,
                "Deactivate someone and end their sessions",
            ),
            post(people::deactivate),
        ),
        (
            route(
                "POST",
                "/api/v1/people/{id}/reactivate",
                Admin,
                "Reactivate someone",
            ),
            post(people::reactivate),
        ),
        (
            route(
                "GET",
                "/api/v1/teams",
                Member,
                "All teams with member counts",
            ),
            get(teams::list),
        ),
        (
            with_body(
                route("POST", "/api/v1/teams", Admin, "Create a team"),
                r#"{"name":"Platform","description":"Runs the servers"}"#,
            ),
            post(teams::create),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/teams/{id}",
                    Admin,
                    "Rename or describe a team",
                ),
                r#"{"name":"Platform","description":""}"#,
            ),
            put(teams::update),
        ),
        (
            route("DELETE", "/api/v1/teams/{id}", Admin, "Delete a team"),
            delete(teams::remove),
        ),
        (
            route(
                "GET",
                "/api/v1/rooms",
                SignedIn,
                "The rooms I may enter, with kind, topic and newest sequence number",
            ),
            get(rooms::list),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/rooms",
                    Member,
                    "Create a room (team rooms: that team's members or admins)",
                ),
                r#"{"name":"Kitchen","topic":"coffee and whatever","kind":"open","overhearable":true}"#,
            ),
            post(rooms::create),
        ),
        (
            route(
                "GET",
                "/api/v1/rooms/{id}",
                SignedIn,
                "One room I may enter, with the people invited into it",
            ),
            get(rooms::show),
        ),
        (
            route(
                "GET",
                "/api/v1/rooms/{id}/messages",
                SignedIn,
                "Scroll-back: messages before ?before=SEQ, at most ?limit=N (1-200, default 50)",
            ),
            get(rooms::messages),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/rooms/{id}/members",
                    Member,
                    "Invite someone into a room I may enter",
                ),
                r#"{"person":1}"#,
            ),
            post(rooms::invite),
        ),
        (
            route(
                "DELETE",
                "/api/v1/rooms/{id}/members/{person}",
                SignedIn,
                "Take back an invitation (my own, or anyone's as the room's creator or an admin)",
            ),
            delete(rooms::uninvite),
        ),
        (
            route("GET", "/api/v1/invites", Admin, "All invites"),
            get(invites::list),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/invites",
                    Admin,
                    "Create an invite link (the URL is shown once)",
                ),
                r#"{"role":"member","expires_in_hours":168,"max_uses":1,"teams":[],"note":"for Grace"}"#,
            ),
            post(invites::create),
        ),
        (
            route("DELETE", "/api/v1/invites/{id}", Admin, "Revoke an invite"),
            delete(invites::revoke),
        ),
        (
            route(
                "GET",
                "/api/v1/invites/by-token/{token}",
                Public,
                "Whether an invite link can be used",
            ),
            get(invites::status),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/ask",
                    SignedIn,
                    "Who has been here before? People with evidence, within what I may read",
                ),
                r#"{"question":"who knows about certificate pinning on Android?","limit":3}"#,
            ),
            post(ask::ask),
        ),
        (
            route(
                "GET",
                "/api/v1/me/suggestions",
                SignedIn,
                "Whether I opted out of being suggested by the finder",
            ),
            get(ask::show_choice),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/me/suggestions",
                    SignedIn,
                    "Opt out of (or back into) being suggested by the finder",
                ),
                r#"{"opted_out":true}"#,
            ),
            put(ask::set_choice),
        ),
        (
            route(
                "GET",
                "/api/v1/notes",
                Member,
                "Solved and learned notes, newest first; paging: before, limit",
            ),
            get(notes::list),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/notes",
                    Member,
                    "Write a solved or learned note",
                ),
                r#"{"kind":"solved","title":"Certificate pinning on Android","body":"Pin the intermediate, not the leaf.","tags":["android","tls"]}"#,
            ),
            post(notes::create),
        ),
        (
            route("GET", "/api/v1/notes/{id}", Member, "One note"),
            get(notes::show),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/notes/{id}",
                    Member,
                    "Replace one of my notes",
                ),
                r#"{"kind":"learned","title":"Pinning, revisited","body":"Pin the intermediate.","tags":["tls"]}"#,
            ),
            put(notes::update),
        ),
        (
            route(
                "DELETE",
                "/api/v1/notes/{id}",
                Member,
                "Delete one of my notes",
            ),
            delete(notes::remove),
        ),
        (
            with_body(
                route(
                    "POST",
                    "/api/v1/invites/by-token/{token}/accept",
                    Public,
                    "Accept an invite: create the account and sign in",
                ),
                r#"{"email":"grace@example.org","display_name":"Grace","password":"a long secret","time_zone":"America/New_York"}"#,
            ),
            post(invites::accept),
        ),
    ]
    .into_iter()
    .chain(pulse::routes())
    .collect()
}

/// The API router; each route's access is enforced from the table (see `crate::access`).
pub fn router(state: &AppState) -> Router<AppState> {
    let entries = routes()
        .into_iter()
        .map(|(route, handler)| (route.path, route.access, handler))
        .collect();
    crate::access::table_router(entries, state)
        .route("/api/{*rest}", axum::routing::any(unknown_route))
}

async fn unknown_route() -> crate::AppError {
    crate::AppError::NotFound("API route")
}
