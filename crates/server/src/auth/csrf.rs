//! CSRF protection for every state change, as one middleware.
//!
//! Double-submit: a random token lives in an `HttpOnly`, `SameSite=Strict` cookie and the page
//! embeds the same token in each form (`csrf_token`) and in a `<meta>` for scripts, which send
//! it as `X-CSRF-Token`. A POST/PUT/PATCH/DELETE whose token is missing or different is refused
//! with 403, and so is one whose `Origin` names another site.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::{cookies, new_token};
use crate::{AppError, AppState};

/// The CSRF token for this request, for templates and API responses.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn is_state_change(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub(crate) fn same_origin(request: &Request) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        return true;
    };
    let Some(host) = request.headers().get(header::HOST) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or_default();
    let host = host.to_str().unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

fn refuse(request: &Request, message: &str) -> Response {
    let error = AppError::forbidden(message);
    if request.uri().path().starts_with("/api/") {
        error.into_response()
    } else {
        crate::pages::PageError(error).into_response()
    }
}

fn tokens_match(expected: &str, given: &str) -> bool {
    expected.len() == given.len() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// Reads `csrf_token` from a form body and puts the body back for the handler.
async fn form_token(request: Request, limit: usize) -> Result<(Option<String>, Request), Response> {
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return Err(AppError::PayloadTooLarge(limit).into_response()),
    };
    let token = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == "csrf_token")
        .map(|(_, value)| value.into_owned());
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

pub async fn protect(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let cookie_name = cookies::csrf_cookie_name(&state.config);
    let existing = cookies::read(request.headers(), cookie_name).filter(|t| t.len() >= 32);
    let token = existing.clone().unwrap_or_else(new_token);

    if is_state_change(request.method()) {
        if !same_origin(&request) {
            return refuse(
                &request,
                "this request came from another site (Origin mismatch)",
            );
        }
        let Some(expected) = existing.as_deref() else {
            return refuse(
                &request,
                "missing CSRF cookie: reload the page and try again",
            );
        };
        let header_token = request
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let given = match header_token {
            Some(token) => Some(token),
            None if is_form(&request) => {
                match form_token(request, state.config.max_body_bytes).await {
                    Ok((token, rebuilt)) => {
                        request = rebuilt;
                        token
                    }
                    Err(response) => return response,
                }
            }
            None => None,
        };
        match given {
            None => {
                return refuse(
                    &request,
                    "missing CSRF token: reload the page and try again",
                )
            }
            Some(given) if !tokens_match(expected, &given) => {
                return refuse(
                    &request,
                    "CSRF token does not match: reload the page and try again",
                )
            }
            Some(_) => {}
        }
    }

    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        if let Ok(value) = HeaderValue::from_str(&cookies::csrf(&state.config, &token)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn is_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}
