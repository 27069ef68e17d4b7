//! The gateway in front of every API route: request ids, counting, faults, `User-Agent`,
//! OAuth, scopes and rate limits, in the order ZoomInfo's gateway applies them.
//!
//! It runs as a route layer, after routing, so each request is known by its OpenAPI
//! operationId (see `OPERATIONS`). Unknown routes and wrong verbs never get here: they are
//! answered by `no_route` with the gateway's 404 `ZI9998` (it never sends 405).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::{self, SCOPE_MANAGE, SCOPE_READ};
use crate::error::ApiError;
use crate::faults::Injected;
use crate::rate_limit;
use crate::server::ConnectionKill;

/// One API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operation {
    /// The OpenAPI operationId.
    pub(crate) id: &'static str,
    /// The scope it needs (`None` for the token endpoint).
    pub(crate) scope: Option<&'static str>,
    /// Whether it changes state (fault rule `drop` applies to these by default).
    pub(crate) write: bool,
}

const fn op(id: &'static str, scope: Option<&'static str>, write: bool) -> Operation {
    Operation { id, scope, write }
}

const R: Option<&str> = Some(SCOPE_READ);
const M: Option<&str> = Some(SCOPE_MANAGE);

/// Base path of the Studio API.
pub(crate) const STUDIO: &str = "/gtm/studio/v1";

/// Every operation: (method, route path relative to `/gtm/studio/v1`, operation).
pub(crate) const OPERATIONS: &[(Method, &str, Operation)] = &[
    (
        Method::POST,
        "/folders",
        op("Folders_createFolder", M, true),
    ),
    (Method::GET, "/folders", op("Folders_listFolders", R, false)),
    (
        Method::GET,
        "/folders/{folderId}",
        op("Folders_getFolderById", R, false),
    ),
    (
        Method::PATCH,
        "/folders/{folderId}",
        op("Folders_updateFolder", M, true),
    ),
    (
        Method::DELETE,
        "/folders/{folderId}",
        op("Folders_deleteFolder", M, true),
    ),
    (
        Method::POST,
        "/audiences",
        op("Audiences_createAudience", M, true),
    ),
    (
        Method::GET,
        "/audiences",
        op("Audiences_listAudiences", R, false),
    ),
    (
        Method::GET,
        "/audiences/{audienceId}",
        op("Audiences_getAudience", R, false),
    ),
    (
        Method::PATCH,
        "/audiences/{audienceId}",
        op("Audiences_patchAudience", M, true),
    ),
    (
        Method::DELETE,
        "/audiences/{audienceId}",
        op("Audiences_deleteAudience", M, true),
    ),
    (
        Method::GET,
        "/audiences/{audienceId}/filter-metadata",
        op("Audiences_getAudienceFilterMetadata", R, false),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/actions/match-criteria",
        op("Audiences_upsertMatchCriteria", M, true),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/actions/enrich",
        op("Audiences_enrichAudience", M, true),
    ),
    (
        Method::GET,
        "/audiences/{audienceId}/jobs/{jobId}",
        op("Audiences_getJobStatus", R, false),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/columns/actions/bulk/create",
        op("Columns_addColumns", M, true),
    ),
    (
        Method::GET,
        "/audiences/{audienceId}/columns/data-dependencies/{tool}",
        op("Columns_getSupportedDataDependencies", R, false),
    ),
    (
        Method::PATCH,
        "/audiences/{audienceId}/columns/{columnId}",
        op("Columns_patchColumn", M, true),
    ),
    (
        Method::DELETE,
        "/audiences/{audienceId}/columns/{columnId}",
        op("Columns_deleteColumn", M, true),
    ),
    (
        Method::GET,
        "/audiences/{audienceId}/rows/{rowId}",
        op("Rows_getRowById", R, false),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/rows/actions/search",
        op("Rows_listRows", R, false),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/rows/actions/upsert",
        op("Rows_upsertRows", M, true),
    ),
    (
        Method::POST,
        "/audiences/{audienceId}/rows/actions/bulk/upsert",
        op("Rows_bulkUpsertRows", M, true),
    ),
    (
        Method::DELETE,
        "/audiences/{audienceId}/rows/actions/bulk/delete",
        op("Rows_deleteRows", M, true),
    ),
];

/// The token endpoint's pseudo-operation.
pub(crate) const TOKEN: Operation = op("Token", None, false);
/// The authorize endpoint's pseudo-operation.
pub(crate) const AUTHORIZE: Operation = op("Authorize", None, false);

/// The operation of a routed request.
pub(crate) fn operation(method: &Method, matched: &str) -> Option<Operation> {
    if matched == "/gtm/oauth/v1/token" {
        return Some(TOKEN);
    }
    if matched == "/gtm/oauth/v1/authorize" {
        return Some(AUTHORIZE);
    }
    let rel = matched.strip_prefix(STUDIO)?;
    OPERATIONS
        .iter()
        .find(|(m, p, _)| m == method && *p == rel)
        .map(|(_, _, o)| *o)
}

/// The gateway middleware.
pub(crate) async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let request_id = format!("req_{}", uuid::Uuid::new_v4().simple());
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let Some(operation) = operation(req.method(), &matched) else {
        return finish(no_route_response(req.uri().path()), &request_id, None);
    };
    state.stats.count(operation.id);
    if state.requests.enabled() {
        req = match record_body(&state, operation.id, req).await {
            Ok(req) => req,
            Err(response) => return finish(response, &request_id, None),
        };
    }
    let decision = state.faults.decide(operation.id, operation.write);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let Some(scope) = operation.scope else {
        // The OAuth endpoints: no bearer token, no rate limit; injected errors still apply.
        if let Some(injected) = decision.reject {
            return finish(injected_response(injected), &request_id, None);
        }
        return finish(next.run(req).await, &request_id, None);
    };
    if auth::blocked_user_agent(req.headers()) {
        return finish(ApiError::no_access().into_response(), &request_id, None);
    }
    let caller = match state.auth.check(req.headers(), scope) {
        Ok(c) => c,
        Err(refusal) => {
            let e = auth::refusal_error(refusal, req.uri().path());
            return finish(e.into_response(), &request_id, None);
        }
    };
    if decision.expire {
        state.auth.expire(&caller.token);
        let e = auth::refusal_error(auth::Refusal::Expired, req.uri().path());
        let quota = state.limiter.peek(&caller.account);
        return finish(e.into_response(), &request_id, Some(&quota));
    }
    if let Some(injected) = decision.reject {
        let quota = state.limiter.peek(&caller.account);
        return finish(injected_response(injected), &request_id, Some(&quota));
    }
    let verdict = state.limiter.check(&caller.account);
    if let Some(secs) = verdict.retry_after {
        let mut r = ApiError::rate_limited().into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return finish(r, &request_id, Some(&verdict));
    }
    let kill = req.extensions().get::<Arc<ConnectionKill>>().cloned();
    req.extensions_mut().insert(caller);
    let response = next.run(req).await;
    if decision.drop_after
        && response.status().is_success()
        && let Some(kill) = kill
    {
        tracing::info!(
            operation = operation.id,
            "fault: dropping the connection after commit"
        );
        kill.fire();
        // The connection task drops this request's future with the socket.
        std::future::pending::<()>().await;
    }
    finish(response, &request_id, Some(&verdict))
}

/// Records the body in the request log and hands the request on with the same body.
async fn record_body(
    state: &AppState,
    operation: &'static str,
    req: Request,
) -> Result<Request, Response> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| {
        ApiError::invalid_body(format!("the body could not be read: {e}")).into_response()
    })?;
    state.requests.record(operation, &bytes);
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn injected_response(injected: Injected) -> Response {
    match injected {
        Injected::ServerError(StatusCode::INTERNAL_SERVER_ERROR) => {
            ApiError::internal("Injected fault: internal server error").into_response()
        }
        Injected::ServerError(StatusCode::GATEWAY_TIMEOUT) => {
            ApiError::gateway_timeout().into_response()
        }
        Injected::ServerError(StatusCode::BAD_GATEWAY) => {
            let mut r = ApiError::service_unavailable().into_response();
            *r.status_mut() = StatusCode::BAD_GATEWAY;
            r
        }
        Injected::ServerError(_) => ApiError::service_unavailable().into_response(),
        Injected::TooMany { retry_after } => {
            let mut r = ApiError::rate_limited().into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            r.headers_mut().insert(
                "x-ratelimit-rejected-bucket",
                HeaderValue::from_static("second"),
            );
            r
        }
    }
}

/// Adds the request id (header and gateway body) and rate-limit headers.
fn finish(
    mut response: Response,
    request_id: &str,
    verdict: Option<&rate_limit::Verdict>,
) -> Response {
    if let Some(err) = response.extensions().get::<ApiError>().cloned()
        && matches!(err, ApiError::Gateway { .. })
    {
        let status = response.status();
        let headers = response.headers().clone();
        response = Response::new(Body::from(err.body(request_id).to_string()));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    if let Some(v) = verdict {
        rate_limit::apply(response.headers_mut(), v);
    }
    response
}

fn no_route_response(path: &str) -> Response {
    ApiError::no_route(path).into_response()
}

/// Fallback for unknown routes and wrong verbs: the gateway's 404 `ZI9998`.
pub(crate) async fn no_route(req: Request) -> Response {
    let request_id = format!("req_{}", uuid::Uuid::new_v4().simple());
    finish(no_route_response(req.uri().path()), &request_id, None)
}
