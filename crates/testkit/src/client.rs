//! An HTTP client that keeps cookies and sends the CSRF token, as a page's script would.

use reqwest::{Method, Response};
use serde_json::Value;

/// A cookie-keeping client bound to one server.
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    csrf: String,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Client {
    /// A fresh client (no session) that has fetched its CSRF token.
    pub async fn new(base: &str) -> Client {
        Self::connecting_from(base, None).await
    }

    /// A fresh client whose connections start from `local` (e.g. `127.0.0.2`, so a proxy on
    /// loopback sees a client address of its own) and that sends `Origin: <base>` with every
    /// request, as a browser on the page would.
    pub async fn from_address(base: &str, local: std::net::IpAddr) -> Client {
        Self::connecting_from(base, Some(local)).await
    }

    async fn connecting_from(base: &str, local: Option<std::net::IpAddr>) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let mut headers = reqwest::header::HeaderMap::new();
        if local.is_some() {
            headers.insert(
                reqwest::header::ORIGIN,
                base.parse().expect("the base URL as an Origin"),
            );
        }
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .local_address(local)
            .build()
            .expect("building an HTTP client");
        let mut client = Client {
            base: base.to_owned(),
            http,
            csrf: String::new(),
            jar,
        };
        let body: Value = client
            .get("/api/v1/csrf")
            .await
            .json()
            .await
            .expect("csrf JSON");
        client.csrf = body["csrf_token"]
            .as_str()
            .expect("a csrf_token")
            .to_owned();
        client
    }

    /// The `Cookie` header this client would send to its server (session and CSRF cookies).
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = reqwest::Url::parse(&self.base).expect("the base URL");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Adds a cookie (e.g. `hallway_session=<token>`) as if the server had set it.
    pub fn add_cookie(&self, cookie: &str) {
        let url = reqwest::Url::parse(&self.base).expect("the base URL");
        self.jar.add_cookie_str(cookie, &url);
    }

    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// Sends JSON (or no body) with the CSRF header.
    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Response {
        let mut request = self
            .http
            .request(method, self.url(path))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.send(Method::DELETE, path, None).await
    }

    /// Posts a form as a page would, with `csrf_token` added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.http
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST form")
    }
}
