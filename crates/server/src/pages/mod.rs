//! Server-rendered pages (askama) for people using a browser. Forms post back with a CSRF
//! token and redirect on success; a problem re-renders the form with the message inline.
//! Text from people is always escaped by the templates, never inserted as HTML.

mod account;
mod admin_invites;
mod admin_people;
mod admin_teams;
pub(crate) mod circle_actions;
pub(crate) mod circles;
mod directory;
mod entry;
pub(crate) mod faces;
mod hallway;
pub(crate) mod invitations;
mod layout;
mod named;
mod notes;
mod profile;
mod pulse;
mod room;
mod room_new;

pub use layout::{Nav, PageError};

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;

use crate::{Access, AppError, AppState};

/// A page route and who may open it; read by the authorization matrix test.
#[derive(Debug, Clone, Copy)]
pub struct PageRoute {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// Every page route with its handler; the router and the authorization tests read this table.
pub fn routes() -> Vec<(PageRoute, MethodRouter<AppState>)> {
    use Access::*;
    let page = |method, path, access| PageRoute {
        method,
        path,
        access,
    };
    vec![
        (page("GET", "/", Public), get(entry::home)),
        (page("GET", "/hallway", SignedIn), get(hallway::show)),
        (page("GET", "/rooms/new", Member), get(room_new::form)),
        (page("POST", "/rooms", Member), post(room_new::create)),
        (page("GET", "/rooms/{id}", SignedIn), get(room::show)),
        (
            page("POST", "/rooms/{id}/members", Member),
            post(room::invite),
        ),
        (page("GET", "/circles", Member), get(circles::list)),
        (page("POST", "/circles", Member), post(circles::create)),
        (page("GET", "/circles/{id}", Member), get(circles::show)),
        (
            page("POST", "/circles/{id}/membership", Member),
            post(circle_actions::membership),
        ),
        (
            page("POST", "/circles/{id}/exclusions", Member),
            post(circle_actions::exclude),
        ),
        (
            page("POST", "/circles/{id}/rounds", Member),
            post(circle_actions::run),
        ),
        (
            page("POST", "/invitations/{id}", SignedIn),
            post(invitations::answer),
        ),
        (
            page("GET", "/invitations/{id}/invite.ics", SignedIn),
            get(invitations::calendar_file),
        ),
        (page("GET", "/notes", Member), get(notes::list)),
        (page("GET", "/notes/new", Member), get(notes::new_form)),
        (page("POST", "/notes", Member), post(notes::create)),
        (page("GET", "/notes/{id}", Member), get(notes::show)),
        (
            page("GET", "/notes/{id}/edit", Member),
            get(notes::edit_form),
        ),
        (page("POST", "/notes/{id}", Member), post(notes::update)),
        (
            page("POST", "/notes/{id}/delete", Member),
            post(notes::remove),
        ),
        (page("GET", "/setup", Setup), get(entry::setup_form)),
        (page("POST", "/setup", Setup), post(entry::setup)),
        (page("GET", "/signin", Public), get(entry::sign_in_form)),
        (page("POST", "/signin", Public), post(entry::sign_in)),
        (page("POST", "/signout", SignedIn), post(entry::sign_out)),
        (
            page("GET", "/invite/{token}", Public),
            get(entry::invite_form),
        ),
        (
            page("POST", "/invite/{token}", Public),
            post(entry::accept_invite),
        ),
        (page("GET", "/profile", SignedIn), get(profile::form)),
        (page("POST", "/profile", SignedIn), post(profile::save)),
        (page("GET", "/people", Member), get(directory::list)),
        (page("GET", "/people/{id}", Member), get(directory::show)),
        (page("GET", "/account", SignedIn), get(account::show)),
        (
            page("POST", "/account/pulse", SignedIn),
            post(pulse::set_choice),
        ),
        (page("GET", "/pulse", Member), get(pulse::show)),
        (page("GET", "/admin/pulse", Admin), get(pulse::admin)),
        (page("POST", "/admin/pulse", Admin), post(pulse::switch)),
        (
            page("POST", "/account/password", SignedIn),
            post(account::change_password),
        ),
        (
            page("POST", "/account/sessions/{id}/revoke", SignedIn),
            post(account::revoke_session),
        ),
        (
            page("GET", "/account/export", SignedIn),
            get(account::export),
        ),
        (
            page("POST", "/account/delete", SignedIn),
            post(account::delete),
        ),
        (page("GET", "/admin/teams", Admin), get(admin_teams::list)),
        (
            page("POST", "/admin/teams", Admin),
            post(admin_teams::create),
        ),
        (
            page("POST", "/admin/teams/{id}", Admin),
            post(admin_teams::update),
        ),
        (
            page("POST", "/admin/teams/{id}/delete", Admin),
            post(admin_teams::remove),
        ),
        (page("GET", "/admin/people", Admin), get(admin_people::list)),
        (
            page("POST", "/admin/people/{id}/role", Admin),
            post(admin_people::set_role),
        ),
        (
            page("POST", "/admin/people/{id}/teams", Admin),
            post(admin_people::set_teams),
        ),
        (
            page("POST", "/admin/people/{id}/deactivate", Admin),
            post(admin_people::deactivate),
        ),
        (
            page("POST", "/admin/people/{id}/reactivate", Admin),
            post(admin_people::reactivate),
        ),
        (
            page("GET", "/admin/invites", Admin),
            get(admin_invites::list),
        ),
        (
            page("POST", "/admin/invites", Admin),
            post(admin_invites::create),
        ),
        (
            page("POST", "/admin/invites/{id}/revoke", Admin),
            post(admin_invites::revoke),
        ),
    ]
}

/// Just the page routes and their access, for tests and documentation.
pub fn page_routes() -> Vec<PageRoute> {
    routes().into_iter().map(|(route, _)| route).collect()
}

/// The page router; each route's access is enforced from the table (see `crate::access`).
pub fn router(state: &AppState) -> Router<AppState> {
    let entries = routes()
        .into_iter()
        .map(|(route, handler)| (route.path, route.access, handler))
        .collect();
    crate::access::table_router(entries, state)
}

/// Renders a template, turning a template failure into a logged 500.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => PageError(AppError::Internal(anyhow::anyhow!(
            "rendering a page: {error}"
        )))
        .into_response(),
    }
}

/// The fallback for unknown paths.
pub async fn not_found() -> Response {
    PageError(AppError::NotFound("page")).into_response()
}
