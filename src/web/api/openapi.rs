//! `GET /api/v1/openapi.json`: the API's OpenAPI 3.0 document, built from the same
//! constants the handlers use (limits, languages, error codes, the current themes), so
//! it cannot describe limits the code does not enforce. Schemathesis checks the responses
//! against it in CI.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::cached;
use super::stories::MAX_LIMIT;
use crate::error::ErrorCode;
use crate::lang::Lang;
use crate::publishing::CURSOR_PATTERN;
use crate::questionnaire::question;
use crate::state::AppState;

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    })
}

fn cached_headers() -> Value {
    json!({
        "ETag": { "schema": { "type": "string" }, "description": "Strong validator; send it back in If-None-Match." },
        "Cache-Control": { "schema": { "type": "string" } },
        "Access-Control-Allow-Origin": { "schema": { "type": "string" } }
    })
}

fn ok(schema: &str, description: &str) -> Value {
    json!({
        "description": description,
        "headers": cached_headers(),
        "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } }
    })
}

fn not_modified() -> Value {
    json!({ "description": "Not modified: the If-None-Match ETag is current." })
}

/// The document, for a catalogue with these theme slugs.
pub fn document(public_url: &str, theme_slugs: &[&str]) -> Value {
    let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    // Stories stored before questionnaire v2 may hold `old_form` (see the answer migration).
    let age_bands: Vec<&str> = question("age_band")
        .map(|q| q.stored_values())
        .unwrap_or_default();
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.key()).collect();
    let mut theme_schema = json!({ "type": "string" });
    if !theme_slugs.is_empty() {
        theme_schema["enum"] = json!(theme_slugs);
    }
    let if_none_match = json!({
        "name": "If-None-Match", "in": "header", "required": false, "schema": { "type": "string" }
    });
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "kanarie API",
            "version": "1",
            "description": "Read-only access to stories that parents chose to publish and moderators approved, and to statistics in which small counts are suppressed. Open to every origin, without credentials; answers may be cached for a minute."
        },
        "servers": [{ "url": public_url }],
        "paths": {
            "/api/v1/stories": {
                "get": {
                    "operationId": "listStories",
                    "summary": "Published stories, newest first",
                    "parameters": [
                        { "name": "lang", "in": "query", "required": false, "schema": { "type": "string", "enum": langs } },
                        { "name": "theme", "in": "query", "required": false, "schema": theme_schema },
                        { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20 } },
                        { "name": "cursor", "in": "query", "required": false, "description": "next_cursor from the previous page (opaque)", "schema": { "type": "string", "pattern": CURSOR_PATTERN } },
                        if_none_match
                    ],
                    "responses": {
                        "200": ok("StoryList", "A page of stories"),
                        "304": not_modified(),
                        "400": error_response("A parameter has a value the API cannot use")
                    }
                }
            },
            "/api/v1/stories/{id}": {
                "get": {
                    "operationId": "getStory",
                    "summary": "One published story",
                    "parameters": [
                        { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                        if_none_match
                    ],
                    "responses": {
                        "200": ok("Story", "The story"),
                        "304": not_modified(),
                        "404": error_response("No published story has this id")
                    }
                }
            },
            "/api/v1/themes": {
                "get": {
                    "operationId": "listThemes",
                    "summary": "Themes stories are tagged with",
                    "parameters": [if_none_match],
                    "responses": { "200": ok("ThemeList", "The themes"), "304": not_modified() }
                }
            },
            "/api/v1/stats": {
                "get": {
                    "operationId": "getStats",
                    "summary": "Counts per answer, small cells suppressed, rounded to 5, recomputed in batches",
                    "parameters": [if_none_match],
                    "responses": {
                        "200": {
                            "description": "The latest batch of statistics",
                            "headers": cached_headers(),
                            "content": { "application/json": { "schema": { "type": "object" } } }
                        },
                        "304": not_modified()
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Theme": {
                    "type": "object",
                    "required": ["slug", "label_nl", "label_en"],
                    "properties": {
                        "slug": { "type": "string" },
                        "label_nl": { "type": "string" },
                        "label_en": { "type": "string" }
                    },
                    "additionalProperties": false
                },
                "ThemeList": {
                    "type": "object",
                    "required": ["themes"],
                    "properties": { "themes": { "type": "array", "items": { "$ref": "#/components/schemas/Theme" } } },
                    "additionalProperties": false
                },
                "Story": {
                    "type": "object",
                    "required": ["id", "title", "lang", "age_band", "published", "themes", "story", "what_should_change", "child_words"],
                    "properties": {
                        "id": { "type": "string", "description": "Random, never sequential" },
                        "title": { "type": "string" },
                        "lang": { "type": "string", "enum": langs },
                        "age_band": { "type": "string", "enum": age_bands },
                        "published": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "Month of publication" },
                        "themes": { "type": "array", "items": { "$ref": "#/components/schemas/Theme" } },
                        "story": { "type": "string" },
                        "what_should_change": { "type": "string", "nullable": true },
                        "child_words": { "type": "string", "nullable": true }
                    },
                    "additionalProperties": false
                },
                "StoryList": {
                    "type": "object",
                    "required": ["stories", "next_cursor"],
                    "properties": {
                        "stories": { "type": "array", "maxItems": MAX_LIMIT, "items": { "$ref": "#/components/schemas/Story" } },
                        "next_cursor": { "type": "string", "nullable": true, "pattern": CURSOR_PATTERN }
                    },
                    "additionalProperties": false
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": { "type": "string", "enum": codes },
                                "message": { "type": "string" }
                            },
                            "additionalProperties": false
                        }
                    },
                    "additionalProperties": false
                }
            }
        }
    })
}

pub async fn openapi(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let catalog = state.publisher.catalog();
    let slugs: Vec<&str> = catalog.themes().iter().map(|t| t.slug.as_str()).collect();
    let body = document(&state.config.public_url, &slugs).to_string();
    let etag = crate::publishing::etag_of(body.as_bytes());
    cached(&req, "application/json", body, &etag)
}
