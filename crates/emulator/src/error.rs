//! `ApiError`: every failure the emulator answers with, in the real API's two error shapes.
//!
//! GTM Studio has two error layers. The gateway answers authentication, scope, rate-limit and
//! routing failures with `{"error": {code, message, status, requestId, retryable}}` (codes
//! `ZI0001`–`ZI0004`, `ZI9998`). The Studio service answers validation, not-found, payment and
//! server failures with the JSON:API document `{"title", "detail", "errors": [...]}` (codes
//! `PFAPI*`), where each error has an `id`, a `code`, the status *as a string*, a `title`, a
//! `detail` and, for validation errors, a `source.pointer` into the request body or a
//! `source.parameter` naming the offending query or path parameter.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The media type of every JSON:API response.
pub(crate) const JSON_API: &str = "application/vnd.api+json";

/// Which part of the request an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorSource {
    /// An RFC 6901 pointer into the request body.
    Pointer(String),
    /// A path or query parameter's name.
    Parameter(String),
}

/// A failure answered to the client.
#[derive(Debug, Clone)]
pub(crate) enum ApiError {
    /// A Studio service error, in the JSON:API shape.
    Service {
        /// HTTP status.
        status: StatusCode,
        /// `PFAPI*` code.
        code: &'static str,
        /// The error's title.
        title: &'static str,
        /// What exactly went wrong.
        detail: String,
        /// The part of the request at fault.
        source: Option<ErrorSource>,
    },
    /// A gateway error, in the `{"error": {...}}` shape.
    Gateway {
        /// HTTP status.
        status: StatusCode,
        /// `ZI*` code.
        code: &'static str,
        /// The message.
        message: String,
        /// Whether retrying may succeed.
        retryable: bool,
    },
}

/// The crate's result type for handlers.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// 400 `PFAPI0002`: a field of the body has the wrong shape or value.
    pub(crate) fn validation(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Service {
            status: StatusCode::BAD_REQUEST,
            code: "PFAPI0002",
            title: "Validation Error",
            detail: detail.into(),
            source: Some(ErrorSource::Pointer(pointer.into())),
        }
    }

    /// 400 `PFAPI0003`: the body is not JSON, or not the right document.
    pub(crate) fn invalid_body(detail: impl Into<String>) -> Self {
        Self::Service {
            status: StatusCode::BAD_REQUEST,
            code: "PFAPI0003",
            title: "Invalid request body",
            detail: detail.into(),
            source: Some(ErrorSource::Pointer(String::new())),
        }
    }

    /// 400 `PFAPI0006`: a path or query parameter is invalid.
    pub(crate) fn invalid_parameter(parameter: &str, detail: impl Into<String>) -> Self {
        Self::Service {
            status: StatusCode::BAD_REQUEST,
            code: "PFAPI0006",
            title: "Invalid Parameter",
            detail: detail.into(),
            source: Some(ErrorSource::Parameter(parameter.to_owned())),
        }
    }

    /// 404: the resource named by a path parameter does not exist.
    pub(crate) fn not_found(parameter: &str, what: &str, id: &str) -> Self {
        Self::Service {
            status: StatusCode::NOT_FOUND,
            code: "PFAPI0006",
            title: "Not Found",
            detail: format!("{what} '{id}' does not exist"),
            source: Some(ErrorSource::Parameter(parameter.to_owned())),
        }
    }

    /// 402 `PFAPI0011`: the account has no credits left.
    pub(crate) fn credit_limit(detail: impl Into<String>) -> Self {
        Self::Service {
            status: StatusCode::PAYMENT_REQUIRED,
            code: "PFAPI0011",
            title: "Credit Limit Reached",
            detail: detail.into(),
            source: None,
        }
    }

    /// 500 `PFAPI0007`.
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        Self::Service {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "PFAPI0007",
            title: "Internal Server Error",
            detail: detail.into(),
            source: None,
        }
    }

    /// 504 `PFAPI0010`.
    pub(crate) fn gateway_timeout() -> Self {
        Self::Service {
            status: StatusCode::GATEWAY_TIMEOUT,
            code: "PFAPI0010",
            title: "Gateway Timeout Exception",
            detail: "The upstream service did not answer in time".to_owned(),
            source: None,
        }
    }

    /// 401 `ZI0001`.
    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        Self::Gateway {
            status: StatusCode::UNAUTHORIZED,
            code: "ZI0001",
            message: message.into(),
            retryable: true,
        }
    }

    /// 403 `ZI0002`: the token lacks the operation's scope.
    pub(crate) fn missing_scope(resource: &str) -> Self {
        Self::Gateway {
            status: StatusCode::FORBIDDEN,
            code: "ZI0002",
            message: format!(
                "This application does not have the required scope to access the requested resource '{resource}'."
            ),
            retryable: false,
        }
    }

    /// 403 `ZI0003`: the gateway refuses the caller (e.g. no or a default `User-Agent`).
    pub(crate) fn no_access() -> Self {
        Self::Gateway {
            status: StatusCode::FORBIDDEN,
            code: "ZI0003",
            message: "You do not have permission to access the ZoomInfo API.".to_owned(),
            retryable: false,
        }
    }

    /// 429 `ZI0004`.
    pub(crate) fn rate_limited() -> Self {
        Self::Gateway {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "ZI0004",
            message: "You have exceeded the rate limit for this resource. Please try again later."
                .to_owned(),
            retryable: true,
        }
    }

    /// 503 from the gateway (an injected fault).
    pub(crate) fn service_unavailable() -> Self {
        Self::Gateway {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "ZI0005",
            message: "The service is temporarily unavailable. Please try again later.".to_owned(),
            retryable: true,
        }
    }

    /// 404 `ZI9998`: no route (unknown path or wrong verb; the gateway never sends 405).
    pub(crate) fn no_route(path: &str) -> Self {
        Self::Gateway {
            status: StatusCode::NOT_FOUND,
            code: "ZI9998",
            message: format!("No static resource {}.", path.trim_start_matches('/')),
            retryable: false,
        }
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::Service { status, .. } | Self::Gateway { status, .. } => *status,
        }
    }

    /// The error's one-line description, for logs.
    pub(crate) fn detail(&self) -> &str {
        match self {
            Self::Service { detail, .. } => detail,
            Self::Gateway { message, .. } => message,
        }
    }

    /// The response body.
    pub(crate) fn body(&self, request_id: &str) -> Value {
        match self {
            Self::Service {
                status,
                code,
                title,
                detail,
                source,
            } => {
                let mut error = json!({
                    "id": uuid::Uuid::new_v4().to_string(),
                    "code": code,
                    "status": status.as_u16().to_string(),
                    "title": title,
                    "detail": detail,
                });
                if let Some(source) = source {
                    error["source"] = match source {
                        ErrorSource::Pointer(p) => json!({ "pointer": p }),
                        ErrorSource::Parameter(p) => json!({ "parameter": p }),
                    };
                }
                let summary = if *status == StatusCode::BAD_REQUEST {
                    "One or more fields have validation errors"
                } else {
                    title
                };
                json!({ "title": status.canonical_reason().unwrap_or("Error"), "detail": summary, "errors": [error] })
            }
            Self::Gateway {
                status,
                code,
                message,
                retryable,
            } => json!({
                "error": {
                    "code": code,
                    "message": message,
                    "status": status.as_u16(),
                    "requestId": request_id,
                    "retryable": retryable,
                }
            }),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The request id is filled in by the outer middleware (see `pipeline`), which rewrites
        // gateway bodies that were produced without one.
        let body = self.body("");
        let content_type = match self {
            Self::Service { .. } => JSON_API,
            Self::Gateway { .. } => "application/json",
        };
        let mut response = (self.status(), body.to_string()).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response.extensions_mut().insert(self);
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status(), self.detail())
    }
}

impl std::error::Error for ApiError {}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!(error = %e, "store error");
        Self::internal(format!("store error: {e}"))
    }
}
