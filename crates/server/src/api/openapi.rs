//! The OpenAPI 3.1 document, generated from the route table so it cannot drift from the router.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::extract::{ok_json, ApiResult};
use crate::Access;

fn operation(route: &super::ApiRoute) -> Value {
    let mut op = json!({
        "summary": route.summary,
        "x-hallway-access": route.access,
        "responses": {
            "2XX": {"description": "Success"},
            "default": {
                "description": "A problem (RFC 9457)",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
            }
        }
    });
    if route.access != Access::Public && route.access != Access::Setup {
        op["security"] = json!([{"session": []}]);
    }
    let params: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|part| part.strip_prefix('{').and_then(|p| p.strip_suffix('}')))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect();
    if !params.is_empty() {
        op["parameters"] = Value::Array(params);
    }
    if let Some(example) = route.example {
        let example: Value = serde_json::from_str(example).unwrap_or(Value::Null);
        op["requestBody"] = json!({
            "required": true,
            "content": {"application/json": {"schema": {"type": "object"}, "example": example}}
        });
    }
    op
}

/// Builds the document.
pub fn build() -> Value {
    let mut paths: BTreeMap<&str, serde_json::Map<String, Value>> = BTreeMap::new();
    for (route, _) in super::routes() {
        paths
            .entry(route.path)
            .or_default()
            .insert(route.method.to_lowercase(), operation(&route));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Hallway API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Sessions use the session cookie. Every state change needs the X-CSRF-Token header with the token from GET /api/v1/csrf (also returned on sign-in)."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "hallway_session"}},
            "schemas": {"Problem": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"}, "title": {"type": "string"},
                    "status": {"type": "integer"}, "detail": {"type": "string"},
                    "field": {"type": "string"}
                }
            }}
        }
    })
}

/// `GET /api/v1/openapi.json`
pub async fn document() -> ApiResult {
    ok_json(build())
}
