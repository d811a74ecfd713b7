//! What every page shares: the navigation, the CSRF token, and the error page.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use hallway_domain::Availability;

use super::faces;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::AppError;

/// The header of every page: who is signed in, which sections they may open, and their
/// status for the header's compact status control.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub signed_in: bool,
    pub name: String,
    pub sees_directory: bool,
    pub is_admin: bool,
    pub csrf: String,
    pub me: i64,
    pub initials: String,
    pub hue: String,
    pub availability: &'static str,
    pub availability_label: &'static str,
    pub working_on: String,
    pub choices: Vec<(&'static str, &'static str)>,
}

impl Nav {
    pub fn new(viewer: Option<&Viewer>, csrf: &CsrfToken) -> Self {
        match viewer {
            Some(viewer) => {
                let name = viewer.person.profile.display_name.to_string();
                let availability = viewer.status.effective(chrono::Utc::now());
                Nav {
                    signed_in: true,
                    initials: faces::initials(&name),
                    hue: faces::hue_class(viewer.person.id.0),
                    name,
                    sees_directory: viewer.role().sees_directory(),
                    is_admin: viewer.role().is_admin(),
                    csrf: csrf.0.clone(),
                    me: viewer.person.id.0,
                    availability: availability.as_str(),
                    availability_label: availability.label(),
                    working_on: viewer.status.working_on.clone(),
                    choices: Availability::ALL
                        .iter()
                        .map(|a| (a.as_str(), a.label()))
                        .collect(),
                }
            }
            None => Nav {
                csrf: csrf.0.clone(),
                ..Nav::default()
            },
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: Nav,
    status: u16,
    title: String,
    detail: String,
}

/// An [`AppError`] shown as an HTML page with the right status.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(error: AppError) -> Self {
        PageError(error)
    }
}

impl From<hallway_store::StoreError> for PageError {
    fn from(error: hallway_store::StoreError) -> Self {
        PageError(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        let status = self.0.status();
        let page = ErrorPage {
            nav: Nav::default(),
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            detail: self.0.to_string(),
        };
        let html = page
            .render()
            .unwrap_or_else(|_| format!("{} {}", status.as_u16(), self.0));
        let mut response = (status, Html(html)).into_response();
        self.0.add_headers(&mut response);
        response
    }
}

pub type PageResult = Result<Response, PageError>;

/// A form body whose failures become an HTML error page naming the problem.
pub struct PageForm<T>(pub T);

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<crate::AppState> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(
        request: axum::extract::Request,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(PageForm(value)),
            Err(rejection) => Err(PageError(
                crate::api::too_slow(&rejection.body_text()).unwrap_or_else(|| {
                    AppError::BadRequest(format!(
                        "the form could not be read: {}",
                        rejection.body_text()
                    ))
                }),
            )),
        }
    }
}

/// Where a person lands after signing in.
pub fn landing_path() -> &'static str {
    "/"
}
