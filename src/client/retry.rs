//! The retry policy (as data), the retry loop, and the one function that turns an HTTP error
//! answer into an [`Error`].
//!
//! What is retried: 5xx, 429 and 408 answers; connection failures before the request was
//! sent (always); connection failures after it was sent only for idempotent requests (GETs,
//! searches, deletes by id, and writes the caller marks idempotent). A request that is not
//! idempotent (a create) answered 500, 502 or 504 is not retried either: a gateway error may
//! come after the write committed, so its error says it may have been applied
//! ([`Error::is_maybe_committed`]) and the caller resolves it (the creates of folders,
//! audiences and columns look the name up; keyed loads look the keys up). `Retry-After` (seconds)
//! on a 429 or 503 replaces the backoff delay. A 401 `ZI0001` (expired or invalid token)
//! drops the token and re-sends at once with a new one, at most [`MAX_AUTH_REFRESHES`] times
//! per request. Retries stop after [`RetryConfig::max_retries`] or when the next delay would
//! end after [`RetryConfig::retry_timeout`]; the last answer is then returned as the error.

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::client::backoff::{Backoff, BackoffConfig};
use crate::client::error::{Error, Result, is_retryable_status, may_follow_a_commit};
use crate::client::request::{Outcome, Request, Response};
use crate::client::types::{ErrorDocument, GatewayErrorDocument, TokenErrorResponse};

/// How often a request may fetch a new token after a 401 before the 401 is returned. A 401
/// to a token that a concurrent request has already dropped does not count (one expiry
/// answers every request in flight with that token); at most four times this many 401s are
/// followed in all.
pub const MAX_AUTH_REFRESHES: usize = 2;

/// The longest part of an unparseable error body kept in an error.
const CLIP: usize = 200;

/// How failed requests are retried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryConfig {
    /// How many times a request is retried. Default 10.
    pub max_retries: usize,
    /// No retry starts once this much time has passed since the first attempt (counting the
    /// delay before it). Default 180 s.
    pub retry_timeout: Duration,
    /// The delays between retries. Default [`BackoffConfig::default`].
    pub backoff: BackoffConfig,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_retries: 10,
            retry_timeout: Duration::from_secs(180),
            backoff: BackoffConfig::default(),
        }
    }
}

/// Which endpoint answered (the token endpoint's errors are [`Error::Auth`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// The Studio API.
    Api,
    /// The OAuth token endpoint.
    Token,
}

/// The retry bookkeeping of one request.
#[derive(Debug)]
pub(crate) struct RetryState {
    config: RetryConfig,
    backoff: Backoff,
    started: Instant,
    retries: usize,
    idempotent: bool,
    method: Method,
    path: String,
}

impl RetryState {
    /// Starts the bookkeeping of a request (`path` without host or query).
    pub(crate) fn new(
        config: &RetryConfig,
        idempotent: bool,
        method: Method,
        path: String,
    ) -> Self {
        Self {
            config: *config,
            backoff: Backoff::new(&config.backoff),
            started: Instant::now(),
            retries: 0,
            idempotent,
            method,
            path,
        }
    }

    /// How long to wait before retrying after `outcome`, or `None` to give up. Counts the
    /// retry and logs it.
    pub(crate) fn next_delay(&mut self, outcome: &Outcome) -> Option<Duration> {
        let (retryable, server_wait, what) = match outcome {
            Outcome::Response {
                status, headers, ..
            } => (
                is_retryable_status(status.as_u16())
                    && (self.idempotent || !may_follow_a_commit(status.as_u16())),
                retry_after(*status, headers),
                status.to_string(),
            ),
            Outcome::Transport { error, sent } => (
                !*sent || self.idempotent,
                None,
                format!("connection error ({})", chain(error)),
            ),
        };
        if !retryable || self.retries >= self.config.max_retries {
            return None;
        }
        let delay = match server_wait {
            Some(wait) => wait + self.backoff.jitter(),
            None => self.backoff.next_delay(),
        };
        if self.started.elapsed() + delay > self.config.retry_timeout {
            tracing::debug!(
                method = %self.method,
                path = %self.path,
                "not retrying {what}: the retry timeout of {:?} would pass",
                self.config.retry_timeout
            );
            return None;
        }
        self.retries += 1;
        tracing::debug!(
            method = %self.method,
            path = %self.path,
            "retry {} of {} in {delay:?} after {what}",
            self.retries,
            self.config.max_retries
        );
        Some(delay)
    }

    /// The error for a final `outcome`.
    pub(crate) fn into_error(self, outcome: Outcome, endpoint: Endpoint) -> Error {
        match outcome {
            Outcome::Response {
                status,
                headers,
                body,
            } => {
                let mut error =
                    error_from_response(endpoint, status, &headers, &body, self.retries);
                if let Error::Api {
                    maybe_committed, ..
                } = &mut error
                {
                    *maybe_committed = !self.idempotent && may_follow_a_commit(status.as_u16());
                }
                error
            }
            Outcome::Transport { error, sent } => match endpoint {
                Endpoint::Token => Error::Auth {
                    message: format!("the token endpoint could not be reached: {}", chain(&error)),
                },
                Endpoint::Api => Error::Transport {
                    method: self.method.to_string(),
                    path: self.path,
                    retries: self.retries,
                    maybe_committed: sent && !self.idempotent,
                    source: error,
                },
            },
        }
    }
}

/// An error and its causes on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        out.push_str(": ");
        out.push_str(&e.to_string());
        cause = e.source();
    }
    out
}

/// `Retry-After` in seconds, honoured on 429 and 503.
pub(crate) fn retry_after(status: StatusCode, headers: &HeaderMap) -> Option<Duration> {
    if status != StatusCode::TOO_MANY_REQUESTS && status != StatusCode::SERVICE_UNAVAILABLE {
        return None;
    }
    let secs: f64 = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)))
}

/// Whether a 401 body is the gateway's token rejection (`ZI0001`, or no recognisable code).
pub(crate) fn is_token_rejection(body: &[u8]) -> bool {
    match error_from_response(
        Endpoint::Api,
        StatusCode::UNAUTHORIZED,
        &HeaderMap::new(),
        body,
        0,
    ) {
        Error::Api { code, .. } => code.is_empty() || code == "ZI0001",
        _ => true,
    }
}

/// Turns an error answer into an [`Error`]: the only place where a status gets a meaning.
///
/// The token endpoint's errors (`{"error": "invalid_client", "error_description": ...}`)
/// become [`Error::Auth`]. API errors become [`Error::Api`], decoded from the JSON:API
/// `errors[]` document, else the gateway's `error{}` document, else kept as clipped text.
pub(crate) fn error_from_response(
    endpoint: Endpoint,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    retries: usize,
) -> Error {
    if endpoint == Endpoint::Token {
        let message = match serde_json::from_slice::<TokenErrorResponse>(body) {
            Ok(e) => match e.error_description.filter(|d| !d.is_empty()) {
                Some(description) => format!("{}: {description}", e.error),
                None => e.error,
            },
            Err(_) => format!(
                "the token endpoint answered {status}: {}",
                api_detail(status, headers, body, retries)
            ),
        };
        return Error::Auth { message };
    }
    api_detail(status, headers, body, retries)
}

/// An [`Error::Api`] from either error shape.
fn api_detail(status: StatusCode, headers: &HeaderMap, body: &[u8], retries: usize) -> Error {
    let header_request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Ok(doc) = serde_json::from_slice::<ErrorDocument>(body)
        && let Some(first) = doc.errors.into_iter().next()
    {
        let source = first.source.unwrap_or_default();
        return Error::Api {
            status: status.as_u16(),
            code: first.code.unwrap_or_default(),
            title: first.title.or(doc.title),
            detail: first
                .detail
                .or(doc.detail)
                .unwrap_or_else(|| reason(status)),
            pointer: source.pointer,
            parameter: source.parameter.or(source.header),
            request_id: header_request_id,
            retries,
            maybe_committed: false,
        };
    }
    if let Ok(doc) = serde_json::from_slice::<GatewayErrorDocument>(body) {
        let e = doc.error;
        return Error::Api {
            status: status.as_u16(),
            code: e.code.unwrap_or_default(),
            title: None,
            detail: e.message.unwrap_or_else(|| reason(status)),
            pointer: None,
            parameter: None,
            request_id: e.request_id.filter(|r| !r.is_empty()).or(header_request_id),
            retries,
            maybe_committed: false,
        };
    }
    let text = clip(&String::from_utf8_lossy(body));
    Error::Api {
        status: status.as_u16(),
        code: String::new(),
        title: None,
        detail: if text.is_empty() {
            reason(status)
        } else {
            text
        },
        pointer: None,
        parameter: None,
        request_id: header_request_id,
        retries,
        maybe_committed: false,
    }
}

fn reason(status: StatusCode) -> String {
    status
        .canonical_reason()
        .unwrap_or("unexpected status")
        .to_owned()
}

/// The first [`CLIP`] characters of a body, on one line.
fn clip(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= CLIP {
        one_line
    } else {
        let mut clipped: String = one_line.chars().take(CLIP).collect();
        clipped.push('…');
        clipped
    }
}

/// Sends an API request with retries, token refreshes and pacing.
pub(crate) async fn send(request: &Request<'_>) -> Result<Response> {
    let inner = request.inner();
    let url = request.url()?;
    let mut state = RetryState::new(
        &inner.retry,
        request.is_idempotent(),
        request.method().clone(),
        request.path().to_owned(),
    );
    let mut refreshes = 0;
    // Every 401 seen, its own or not (a hard bound on the loop).
    let mut rejections = 0;
    // Whether an earlier attempt may have been applied although it got no answer.
    let mut uncertain = false;
    loop {
        let token = inner.credentials.token(inner).await?;
        let headers = request.headers(&token)?;
        let permit = inner.pacer.acquire(&inner.stats).await;
        let outcome = inner
            .attempt(
                request.method().clone(),
                url.clone(),
                headers,
                request.body(),
                request.operation(),
            )
            .await;
        permit.finish(match &outcome {
            Outcome::Response {
                status, headers, ..
            } => Some((*status, headers)),
            Outcome::Transport { .. } => None,
        });
        let outcome = match outcome {
            Outcome::Response { status, body, .. } if status.is_success() => {
                return Ok(Response { status, body });
            }
            Outcome::Response {
                status: StatusCode::UNAUTHORIZED,
                ref body,
                ..
            } if refreshes < MAX_AUTH_REFRESHES
                && rejections < 4 * MAX_AUTH_REFRESHES
                && is_token_rejection(body) =>
            {
                rejections += 1;
                // A token another request already replaced does not count against this
                // request's budget: under concurrency one expiry answers several requests.
                if inner.credentials.invalidate(&token) {
                    refreshes += 1;
                }
                inner.stats.record_retry();
                tracing::debug!(
                    method = %request.method(),
                    path = request.path(),
                    "the token was rejected (401); fetching a new one"
                );
                continue;
            }
            Outcome::Response {
                status: StatusCode::NOT_FOUND,
                body,
                ..
            } if uncertain && request.is_done_if_gone() => {
                // An earlier attempt deleted it but its answer was lost.
                return Ok(Response {
                    status: StatusCode::NOT_FOUND,
                    body,
                });
            }
            other => other,
        };
        if matches!(outcome, Outcome::Transport { sent: true, .. }) {
            uncertain = true;
        }
        match state.next_delay(&outcome) {
            Some(delay) => {
                if let Outcome::Response {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    headers,
                    ..
                } = &outcome
                    && let Some(wait) = retry_after(StatusCode::TOO_MANY_REQUESTS, headers)
                {
                    inner.pacer.pause_for(wait);
                }
                inner.stats.record_retry();
                tokio::time::sleep(delay).await;
            }
            None => return Err(state.into_error(outcome, Endpoint::Api)),
        }
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn api(status: u16, body: &str) -> Error {
        error_from_response(
            Endpoint::Api,
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
            0,
        )
    }

    #[test]
    fn json_api_errors_keep_code_detail_and_pointer() {
        let e = api(
            400,
            r#"{"title":"Bad Request","detail":"One or more fields have validation errors",
               "errors":[{"id":"e1","code":"PFAPI0002","status":"400","title":"Validation Error",
               "detail":"data[1].attributes.values[1].value: a INTEGER column expects a whole number, not the string 'abc'",
               "source":{"pointer":"/data/1/attributes/values/1/value"}}]}"#,
        );
        assert_eq!(
            e.to_string(),
            "400 PFAPI0002: data[1].attributes.values[1].value: a INTEGER column expects a whole number, not the string 'abc' (at /data/1/attributes/values/1/value)"
        );
        assert_eq!(e.status(), Some(400));
        assert_eq!(e.code(), Some("PFAPI0002"));
        assert!(!e.is_retryable());
    }

    #[test]
    fn gateway_errors_keep_code_and_request_id() {
        let e = api(
            429,
            r#"{"error":{"code":"ZI0004","message":"You have exceeded the rate limit for this resource. Please try again later.","status":429,"requestId":"req_1","retryable":true}}"#,
        );
        let Error::Api {
            code, request_id, ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!(code, "ZI0004");
        assert_eq!(request_id.as_deref(), Some("req_1"));
        assert!(e.is_retryable());
        assert!(e.to_string().starts_with("429 ZI0004: You have exceeded"));
    }

    #[test]
    fn unparseable_bodies_are_clipped() {
        let html = format!("<html>\n<body>{}</body></html>", "x".repeat(1000));
        let e = api(502, &html);
        let Error::Api { code, detail, .. } = &e else {
            panic!("{e:?}")
        };
        assert!(code.is_empty());
        assert!(detail.starts_with("<html> <body>xxx"));
        assert!(detail.chars().count() <= CLIP + 1);
        assert!(e.to_string().starts_with("502: <html>"));
        let empty = api(503, "");
        assert_eq!(empty.to_string(), "503: Service Unavailable");
    }

    #[test]
    fn token_errors_are_auth_errors() {
        let e = error_from_response(
            Endpoint::Token,
            StatusCode::UNAUTHORIZED,
            &HeaderMap::new(),
            br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
            0,
        );
        assert_eq!(
            e.to_string(),
            "authentication failed: invalid_client: Client authentication failed"
        );
    }

    #[test]
    fn retry_after_only_on_429_and_503() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(
            retry_after(StatusCode::TOO_MANY_REQUESTS, &h),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after(StatusCode::SERVICE_UNAVAILABLE, &h),
            Some(Duration::from_secs(2))
        );
        assert_eq!(retry_after(StatusCode::BAD_GATEWAY, &h), None);
    }

    #[test]
    fn the_policy_decides_from_status_idempotency_and_budget() {
        let config = RetryConfig {
            max_retries: 2,
            retry_timeout: Duration::from_secs(60),
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(2),
                base: 2.0,
            },
        };
        let response = |status: u16| Outcome::Response {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: bytes::Bytes::new(),
        };
        let mut s = RetryState::new(&config, false, Method::POST, "/x".to_owned());
        assert!(s.next_delay(&response(400)).is_none());
        assert!(s.next_delay(&response(503)).is_some());
        assert!(s.next_delay(&response(408)).is_some());
        // The budget of two retries is spent.
        assert!(s.next_delay(&response(429)).is_none());

        // A create answered 500, 502 or 504 may have been applied: not re-sent, and said so.
        for status in [500, 502, 504] {
            let mut s = RetryState::new(&config, false, Method::POST, "/x".to_owned());
            assert!(s.next_delay(&response(status)).is_none(), "{status}");
            let e = s.into_error(response(status), Endpoint::Api);
            assert!(e.is_maybe_committed() && !e.is_retryable(), "{e:?}");
            assert!(
                e.to_string().contains("may or may not have been applied"),
                "{e}"
            );
            let mut read = RetryState::new(&config, true, Method::GET, "/x".to_owned());
            assert!(read.next_delay(&response(status)).is_some(), "{status}");
        }

        let tight = RetryConfig {
            retry_timeout: Duration::ZERO,
            ..config
        };
        let mut s = RetryState::new(&tight, true, Method::GET, "/x".to_owned());
        assert!(s.next_delay(&response(503)).is_none());
    }
}
