//! Errors turned into responses in exactly one place: RFC 9457 problem JSON for the API.
//! Pages wrap the same error in [`crate::pages::PageError`] to render HTML instead.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hallway_domain::Invalid;
use hallway_finder::FinderError;
use hallway_store::StoreError;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("{0}")]
    BadRequest(String),
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// Too many attempts for now; the caller may try again after `retry_after_seconds`.
    #[error("{detail}")]
    SlowDown {
        detail: String,
        retry_after_seconds: u64,
    },
    /// The client took too long to send its request.
    #[error("{0}")]
    RequestTimeout(String),
    /// The path exists but not for this method.
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("the database is unavailable; try again shortly")]
    Unavailable,
    /// A part of Hallway this node does not run right now (e.g. the finder).
    #[error("{0}")]
    NotReady(&'static str),
    #[error("something went wrong on our side; it has been logged")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::TooManyRequests(_) | AppError::SlowDown { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable | AppError::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short, stable name for the kind of problem (the problem JSON `type` suffix).
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid-input",
            AppError::BadRequest(_) => "bad-request",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not-found",
            AppError::Conflict(_) => "conflict",
            AppError::Gone(_) => "gone",
            AppError::TooManyRequests(_) | AppError::SlowDown { .. } => "too-many-requests",
            AppError::RequestTimeout(_) => "request-timeout",
            AppError::MethodNotAllowed(_) => "method-not-allowed",
            AppError::PayloadTooLarge(_) => "payload-too-large",
            AppError::Unavailable => "unavailable",
            AppError::NotReady(_) => "not-ready",
            AppError::Internal(_) => "internal",
        }
    }

    /// The field a validation problem is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(invalid) => Some(invalid.field),
            _ => None,
        }
    }

    /// Seconds until a refused attempt may be tried again (the `Retry-After` header).
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::SlowDown {
                retry_after_seconds,
                ..
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }

    /// Headers that go with this error's status: `Retry-After` for a refusal that passes, and
    /// `Connection: close` for a client too slow to keep.
    pub fn headers(&self) -> Vec<(axum::http::HeaderName, String)> {
        let mut headers = Vec::new();
        if let Some(seconds) = self.retry_after() {
            headers.push((axum::http::header::RETRY_AFTER, seconds.to_string()));
        }
        if matches!(self, AppError::RequestTimeout(_)) {
            headers.push((axum::http::header::CONNECTION, "close".to_owned()));
        }
        headers
    }

    /// Adds [`AppError::headers`] to a response made for this error.
    pub fn add_headers(&self, response: &mut Response) {
        for (name, value) in self.headers() {
            if let Ok(value) = axum::http::HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
    }

    /// Logs server-side failures once, with their cause chain.
    pub(crate) fn log(&self) {
        match self {
            AppError::Internal(error) => tracing::error!(error = ?error, "request failed"),
            AppError::Unavailable => tracing::warn!("database unavailable"),
            _ => {}
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(what) => AppError::NotFound(what.as_str()),
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Invalid(invalid) => AppError::Invalid(invalid),
            StoreError::Invite(problem) => AppError::Gone(problem.to_string()),
            StoreError::AlreadySetUp => AppError::Conflict(error.to_string()),
            StoreError::Unavailable(source) => {
                tracing::warn!(error = %source, "store unavailable");
                AppError::Unavailable
            }
            StoreError::Corrupt(message) => AppError::Internal(anyhow::anyhow!(message)),
        }
    }
}

impl From<FinderError> for AppError {
    fn from(error: FinderError) -> Self {
        match error {
            FinderError::EmptyQuestion => {
                AppError::Invalid(Invalid::new("question", "must not be empty"))
            }
            FinderError::QuestionTooLong { max, got } => AppError::Invalid(Invalid::new(
                "question",
                format!("must be at most {max} characters (got {got})"),
            )),
            FinderError::Store(error) => error.into(),
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let mut body = json!({
            "type": format!("https://hallway.dev/problems/{}", self.kind()),
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "detail": self.to_string(),
        });
        if let Some(field) = self.field() {
            body["field"] = json!(field);
        }
        if let Some(seconds) = self.retry_after() {
            body["retry_after_seconds"] = json!(seconds);
        }
        let mut response = (
            status,
            [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response();
        self.add_headers(&mut response);
        response
    }
}
