//! `GET /api/v1/openapi.json`: the API's OpenAPI 3.0 document, built from the same
//! constants the handlers use (limits, languages, error codes, the current themes), so
//! it cannot describe limits the code does not enforce. Schemathesis checks the responses
//! against it in CI.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::cached_body;
use super::stories::MAX_LIMIT;
use crate::error::ErrorCode;
use crate::lang::Lang;
use crate::publishing::CURSOR_PATTERN;
use crate::questionnaire::question;
use crate::state::AppState;
use crate::stats::suppression::{ROUNDING, ROUND_TO};
use crate::web::embed::{DEFAULT_WIDTH, MAX_DIMENSION};

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
    let tables: Vec<&str> = crate::stats::TABLES.to_vec();
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
            "description": "Read-only access to stories that parents chose to publish and moderators approved, and to statistics in which small counts are suppressed. Open to every origin, without credentials; answers may be cached for a minute. Every story has a page (its url) that /oembed turns into an embeddable iframe."
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
            "/oembed": {
                "get": {
                    "operationId": "getOEmbed",
                    "summary": "oEmbed 1.0 for a story page: a rich item whose html is an iframe of the story",
                    "parameters": [
                        { "name": "url", "in": "query", "required": true, "description": "A story page: the url field of a story", "schema": { "type": "string" } },
                        { "name": "format", "in": "query", "required": false, "description": "json (the default); xml is answered 501", "schema": { "type": "string", "enum": ["json"] } },
                        { "name": "maxwidth", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": MAX_DIMENSION } },
                        { "name": "maxheight", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": MAX_DIMENSION } },
                        if_none_match
                    ],
                    "responses": {
                        "200": ok("OEmbed", "The story as an oEmbed rich item"),
                        "304": not_modified(),
                        "400": error_response("A parameter has a value kanarie cannot use"),
                        "404": error_response("The url is not the page of a published story"),
                        "501": error_response("format=xml: kanarie answers JSON only")
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
                        "200": ok("Stats", "The latest batch of statistics"),
                        "304": not_modified()
                    }
                }
            },
            "/api/v1/stats.csv": {
                "get": {
                    "operationId": "getStatsCsv",
                    "summary": "The same published cells as CSV (RFC 4180, UTF-8), every table or one",
                    "description": "Columns: question, row (`answer` for a cell, `stories` for the number of stories the table rests on), option, label_nl, label_en, count (empty when suppressed), suppressed (`true`/`false`). Exactly the values of /api/v1/stats.",
                    "parameters": [
                        { "name": "table", "in": "query", "required": false, "description": "One table, by its question id", "schema": { "type": "string", "enum": tables } },
                        if_none_match
                    ],
                    "responses": {
                        "200": {
                            "description": "The tables as CSV, with a header row",
                            "headers": cached_headers(),
                            "content": { "text/csv": { "schema": { "type": "string" } } }
                        },
                        "304": not_modified(),
                        "400": error_response("No published table has this name")
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
                    "required": ["id", "url", "title", "lang", "age_band", "published", "themes", "story", "what_should_change", "child_words"],
                    "properties": {
                        "id": { "type": "string", "description": "Random, never sequential" },
                        "url": { "type": "string", "format": "uri", "description": "The story's page (HTML), in the story's language" },
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
                "OEmbed": {
                    "type": "object",
                    "required": ["version", "type", "provider_name", "provider_url", "title", "html", "width", "height", "cache_age"],
                    "properties": {
                        "version": { "type": "string", "enum": ["1.0"] },
                        "type": { "type": "string", "enum": ["rich"] },
                        "provider_name": { "type": "string" },
                        "provider_url": { "type": "string", "format": "uri" },
                        "title": { "type": "string" },
                        "html": { "type": "string", "description": "An iframe of /embed/stories/{id}" },
                        "width": { "type": "integer", "minimum": 1, "maximum": DEFAULT_WIDTH },
                        "height": { "type": "integer", "minimum": 1 },
                        "cache_age": { "type": "integer" }
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
                "Stats": {
                    "type": "object",
                    "required": ["threshold", "rounding", "computed_on", "next_batch_after", "stories", "tables"],
                    "properties": {
                        "threshold": { "type": "integer", "minimum": 5, "description": "Counts below this are suppressed" },
                        "rounding": { "type": "string", "enum": [ROUNDING] },
                        "computed_on": { "type": "string", "format": "date" },
                        "next_batch_after": { "type": "string", "format": "date" },
                        "stories": { "type": "integer", "nullable": true, "minimum": 0, "description": "Every counted story (rounded; null when fewer than the threshold). Stories parents chose to share, not a count of all thuiszitters." },
                        "tables": { "type": "array", "items": { "$ref": "#/components/schemas/StatsTable" } }
                    },
                    "additionalProperties": false
                },
                "StatsTable": {
                    "type": "object",
                    "required": ["question", "choice", "label_nl", "label_en", "total", "total_suppressed", "rests_on", "cells"],
                    "properties": {
                        "question": { "type": "string", "enum": tables },
                        "choice": { "type": "string", "enum": ["one", "several"], "description": "several: a story may count in several cells" },
                        "label_nl": { "type": "string" },
                        "label_en": { "type": "string" },
                        "total": { "type": "integer", "nullable": true, "minimum": 0 },
                        "total_suppressed": { "type": "boolean" },
                        "rests_on": { "type": "integer", "nullable": true, "minimum": 0, "description": "The stories this table rests on (those that answered its question), rounded; null when fewer than the threshold" },
                        "cells": { "type": "array", "items": { "$ref": "#/components/schemas/StatsCell" } }
                    },
                    "additionalProperties": false
                },
                "StatsCell": {
                    "type": "object",
                    "required": ["option", "label_nl", "label_en", "count", "suppressed"],
                    "properties": {
                        "option": { "type": "string" },
                        "label_nl": { "type": "string" },
                        "label_en": { "type": "string" },
                        "count": { "type": "integer", "nullable": true, "minimum": 0, "multipleOf": ROUND_TO },
                        "suppressed": { "type": "boolean" }
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
    // It names the themes, so it belongs to the catalogue version.
    let catalog = state.publisher.catalog();
    let Ok(rendered) = catalog.rendered("openapi", || {
        let slugs: Vec<&str> = catalog.themes().iter().map(|t| t.slug.as_str()).collect();
        Ok::<_, std::convert::Infallible>(document(&state.config.public_url, &slugs).to_string())
    });
    cached_body(&req, "application/json", &rendered)
}
