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
use crate::{AppError, AppState, ServerConfig};

/// The CSRF token for this request, for templates and API responses.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn is_state_change(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a request's `Origin` (when it has one) is this server as people reach it: the
/// scheme, host and port of `public_url`. Behind a reverse proxy the `Host` header names the
/// upstream, so it is not what a browser's `Origin` is compared with. Two exceptions for a
/// server that was not given its address: a loopback `public_url` accepts any loopback name
/// (`localhost`, `127.0.0.1`, `[::1]`) on the same port, and an unspecified one (`0.0.0.0`)
/// falls back to the `Host` header.
pub(crate) fn same_origin(request: &Request, config: &ServerConfig) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        return true;
    };
    let Some(origin) = origin.to_str().ok().and_then(SiteOrigin::parse) else {
        return false;
    };
    let Some(public) = SiteOrigin::parse(config.base_url()) else {
        return false;
    };
    if origin == public {
        return true;
    }
    if public.scheme == origin.scheme && public.port == origin.port {
        if public.is_loopback() && origin.is_loopback() {
            return true;
        }
        if public.is_unspecified() {
            let host = request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .and_then(|host| SiteOrigin::parse(&format!("{}://{host}", public.scheme)));
            return host.is_some_and(|host| host == origin);
        }
    }
    false
}

/// The scheme, host and port of a URL, with default ports filled in and the host lowercased.
#[derive(Debug, PartialEq, Eq)]
struct SiteOrigin {
    scheme: String,
    host: String,
    port: u16,
}

impl SiteOrigin {
    fn parse(url: &str) -> Option<SiteOrigin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit('@').next()?;
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') && !host.is_empty() => {
                (host, port.parse().ok()?)
            }
            _ => (
                authority,
                match scheme.as_str() {
                    "http" | "ws" => 80,
                    "https" | "wss" => 443,
                    _ => return None,
                },
            ),
        };
        if host.is_empty() {
            return None;
        }
        Some(SiteOrigin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn ip(&self) -> Option<std::net::IpAddr> {
        self.host.trim_matches(['[', ']']).parse().ok()
    }

    fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.ip().is_some_and(|ip| ip.is_loopback())
    }

    fn is_unspecified(&self) -> bool {
        self.ip().is_some_and(|ip| ip.is_unspecified())
    }
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
        Err(error) => {
            let error = crate::api::too_slow(&error.to_string())
                .unwrap_or(AppError::PayloadTooLarge(limit));
            return Err(error.into_response());
        }
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
        if !same_origin(&request, &state.config) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(public_url: &str, origin: &str, host: &str) -> bool {
        let request = Request::builder()
            .header(header::ORIGIN, origin)
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        same_origin(&request, &ServerConfig::for_url(public_url))
    }

    #[test]
    fn the_origin_must_be_the_public_url_whatever_the_host_header_says() {
        let public = "https://hallway.example.org";
        assert!(allowed(
            public,
            "https://hallway.example.org",
            "127.0.0.1:8080"
        ));
        assert!(allowed(
            public,
            "https://Hallway.Example.org:443",
            "upstream"
        ));
        assert!(!allowed(
            public,
            "http://hallway.example.org",
            "hallway.example.org"
        ));
        assert!(!allowed(public, "https://evil.example", "evil.example"));
        assert!(!allowed(public, "null", "hallway.example.org"));
        assert!(allowed(
            "http://127.0.0.1:8080/",
            "http://localhost:8080",
            "localhost:8080"
        ));
        assert!(!allowed(
            "http://127.0.0.1:8080",
            "http://localhost:9090",
            "localhost:9090"
        ));
        assert!(allowed(
            "http://0.0.0.0:8080",
            "http://box.lan:8080",
            "box.lan:8080"
        ));
        assert!(!allowed(
            "http://0.0.0.0:8080",
            "http://evil:8080",
            "box.lan:8080"
        ));
    }
}
