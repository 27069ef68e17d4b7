//! The API's routes and what handlers share: JSON:API responses, query parameters, lookups.

pub(crate) mod audiences;
pub(crate) mod columns;
pub(crate) mod folders;
pub(crate) mod jobs;
pub(crate) mod rows;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post};
use serde::Serialize;

use crate::error::{ApiError, ApiResult, JSON_API};
use crate::store::audiences::Audience;
use crate::{AppState, auth, gateway, stats};

/// The emulator's router: the Studio API and OAuth behind the gateway, plus `/_emulator/*`.
pub(crate) fn router(state: AppState) -> Router {
    let s = |p: &str| format!("{}{p}", gateway::STUDIO);
    let api = Router::new()
        .route(&s("/folders"), post(folders::create).get(folders::list))
        .route(
            &s("/folders/{folderId}"),
            get(folders::get)
                .patch(folders::update)
                .delete(folders::remove),
        )
        .route(
            &s("/audiences"),
            post(audiences::create).get(audiences::list),
        )
        .route(
            &s("/audiences/{audienceId}"),
            get(audiences::get)
                .patch(audiences::update)
                .delete(audiences::remove),
        )
        .route(
            &s("/audiences/{audienceId}/filter-metadata"),
            get(audiences::filter_metadata),
        )
        .route(
            &s("/audiences/{audienceId}/actions/match-criteria"),
            post(audiences::match_criteria),
        )
        .route(
            &s("/audiences/{audienceId}/actions/enrich"),
            post(jobs::enrich),
        )
        .route(
            &s("/audiences/{audienceId}/jobs/{jobId}"),
            get(jobs::status),
        )
        .route(
            &s("/audiences/{audienceId}/columns/actions/bulk/create"),
            post(columns::create),
        )
        .route(
            &s("/audiences/{audienceId}/columns/data-dependencies/{tool}"),
            get(columns::data_dependencies),
        )
        .route(
            &s("/audiences/{audienceId}/columns/{columnId}"),
            patch(columns::update).delete(columns::remove),
        )
        .route(&s("/audiences/{audienceId}/rows/{rowId}"), get(rows::get))
        .route(
            &s("/audiences/{audienceId}/rows/actions/search"),
            post(rows::search),
        )
        .route(
            &s("/audiences/{audienceId}/rows/actions/upsert"),
            post(rows::upsert),
        )
        .route(
            &s("/audiences/{audienceId}/rows/actions/bulk/upsert"),
            post(rows::bulk_upsert),
        )
        .route(
            &s("/audiences/{audienceId}/rows/actions/bulk/delete"),
            delete(rows::bulk_delete),
        )
        .route("/gtm/oauth/v1/token", post(auth::token))
        .route("/gtm/oauth/v1/authorize", get(auth::authorize))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            gateway::layer,
        ));
    Router::new()
        .merge(api)
        .route("/_emulator/stats", get(stats::get).delete(stats::reset))
        .route("/_emulator/health", get(|| async { "ok" }))
        .fallback(gateway::no_route)
        .method_not_allowed_fallback(gateway::no_route)
        .with_state(state)
}

/// A JSON:API response.
pub(crate) fn json(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_API))],
            bytes,
        )
            .into_response(),
        Err(e) => ApiError::internal(format!("could not encode the response: {e}")).into_response(),
    }
}

/// 204 No Content.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Loads an audience or answers 404.
pub(crate) fn require_audience(conn: &rusqlite::Connection, id: &str) -> ApiResult<Audience> {
    crate::store::audiences::get(conn, id)?
        .ok_or_else(|| ApiError::not_found("audienceId", "Audience", id))
}

/// Decoded query parameters (bracketed names may arrive raw or percent-encoded).
#[derive(Debug, Default)]
pub(crate) struct QueryParams {
    raw: String,
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Parses a raw query string.
    pub(crate) fn parse(raw: Option<String>) -> Self {
        let raw = raw.unwrap_or_default();
        let pairs = form_urlencoded::parse(raw.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Self { raw, pairs }
    }

    /// The raw query string.
    pub(crate) fn raw(&self) -> &str {
        &self.raw
    }

    /// The last value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A comma-separated list parameter (`explode: false`).
    pub(crate) fn list(&self, name: &str) -> Option<Vec<String>> {
        self.get(name).map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
    }

    /// A boolean parameter.
    pub(crate) fn bool(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(Some(true)),
                "false" | "0" | "" => Ok(Some(false)),
                _ => Err(ApiError::invalid_parameter(
                    name,
                    format!("{name} must be true or false, not '{v}'"),
                )),
            },
        }
    }

    /// `page[number]` (default 1) and `page[size]` (default 25, at most `max`).
    pub(crate) fn page(&self, max: u32) -> ApiResult<(u32, u32)> {
        let number = self.int("page[number]", 1, u32::MAX)?;
        let size = self.int("page[size]", 25, max)?;
        Ok((number, size))
    }

    fn int(&self, name: &str, default: u32, max: u32) -> ApiResult<u32> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.trim().parse::<i64>() {
            Ok(n) if n >= 1 && n <= i64::from(max) => Ok(n as u32),
            Ok(n) if n < 1 => Err(ApiError::invalid_parameter(
                name,
                format!("{name} must be at least 1, not {n}"),
            )),
            Ok(n) => Err(ApiError::invalid_parameter(
                name,
                format!("{name} must be at most {max}, not {n}"),
            )),
            Err(_) => Err(ApiError::invalid_parameter(
                name,
                format!("{name} must be a whole number, not '{v}'"),
            )),
        }
    }

    /// A `sort` parameter: (key, descending).
    pub(crate) fn sort(&self) -> Option<(String, bool)> {
        self.get("sort").map(|s| {
            let s = s.trim();
            match s.strip_prefix('-') {
                Some(rest) => (rest.to_owned(), true),
                None => (s.strip_prefix('+').unwrap_or(s).to_owned(), false),
            }
        })
    }
}

/// The absolute URL of the request without its query, for paging links.
pub(crate) fn self_url(headers: &HeaderMap, path: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}{path}")
}
