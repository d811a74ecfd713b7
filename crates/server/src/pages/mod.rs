//! Server-rendered pages (askama) for people using a browser. Forms post back with a CSRF
//! token and redirect on success; a problem re-renders the form with the message inline.
//! Text from people is always escaped by the templates, never inserted as HTML.

mod account;
mod admin_invites;
mod admin_people;
mod admin_teams;
mod directory;
mod entry;
mod layout;
mod profile;

pub use layout::{Nav, PageError};

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::{Access, AppError, AppState};

/// A page route and who may open it; read by the authorization matrix test.
#[derive(Debug, Clone, Copy)]
pub struct PageRoute {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn page(method: &'static str, path: &'static str, access: Access) -> PageRoute {
    PageRoute {
        method,
        path,
        access,
    }
}

/// Every page route. Keep in step with [`router`]; a test checks that each one answers.
pub const PAGE_ROUTES: &[PageRoute] = &[
    page("GET", "/", Access::Public),
    page("GET", "/setup", Access::Setup),
    page("POST", "/setup", Access::Setup),
    page("GET", "/signin", Access::Public),
    page("POST", "/signin", Access::Public),
    page("POST", "/signout", Access::SignedIn),
    page("GET", "/invite/{token}", Access::Public),
    page("POST", "/invite/{token}", Access::Public),
    page("GET", "/profile", Access::SignedIn),
    page("POST", "/profile", Access::SignedIn),
    page("GET", "/people", Access::Member),
    page("GET", "/people/{id}", Access::Member),
    page("GET", "/account", Access::SignedIn),
    page("POST", "/account/password", Access::SignedIn),
    page("POST", "/account/sessions/{id}/revoke", Access::SignedIn),
    page("GET", "/account/export", Access::SignedIn),
    page("POST", "/account/delete", Access::SignedIn),
    page("GET", "/admin/teams", Access::Admin),
    page("POST", "/admin/teams", Access::Admin),
    page("POST", "/admin/teams/{id}", Access::Admin),
    page("POST", "/admin/teams/{id}/delete", Access::Admin),
    page("GET", "/admin/people", Access::Admin),
    page("POST", "/admin/people/{id}/role", Access::Admin),
    page("POST", "/admin/people/{id}/teams", Access::Admin),
    page("POST", "/admin/people/{id}/deactivate", Access::Admin),
    page("POST", "/admin/people/{id}/reactivate", Access::Admin),
    page("GET", "/admin/invites", Access::Admin),
    page("POST", "/admin/invites", Access::Admin),
    page("POST", "/admin/invites/{id}/revoke", Access::Admin),
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(entry::home))
        .route("/setup", get(entry::setup_form).post(entry::setup))
        .route("/signin", get(entry::sign_in_form).post(entry::sign_in))
        .route("/signout", post(entry::sign_out))
        .route(
            "/invite/{token}",
            get(entry::invite_form).post(entry::accept_invite),
        )
        .route("/profile", get(profile::form).post(profile::save))
        .route("/people", get(directory::list))
        .route("/people/{id}", get(directory::show))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route(
            "/account/sessions/{id}/revoke",
            post(account::revoke_session),
        )
        .route("/account/export", get(account::export))
        .route("/account/delete", post(account::delete))
        .route(
            "/admin/teams",
            get(admin_teams::list).post(admin_teams::create),
        )
        .route("/admin/teams/{id}", post(admin_teams::update))
        .route("/admin/teams/{id}/delete", post(admin_teams::remove))
        .route("/admin/people", get(admin_people::list))
        .route("/admin/people/{id}/role", post(admin_people::set_role))
        .route("/admin/people/{id}/teams", post(admin_people::set_teams))
        .route(
            "/admin/people/{id}/deactivate",
            post(admin_people::deactivate),
        )
        .route(
            "/admin/people/{id}/reactivate",
            post(admin_people::reactivate),
        )
        .route(
            "/admin/invites",
            get(admin_invites::list).post(admin_invites::create),
        )
        .route("/admin/invites/{id}/revoke", post(admin_invites::revoke))
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
