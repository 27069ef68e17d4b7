//! The client's error type: what failed, in terms a caller can act on.

use std::fmt::Write as _;
use std::time::Duration;

/// A boxed error, for causes of several kinds.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The client's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to GTM Studio.
///
/// Messages are one line and never contain secrets, tokens, hosts or query strings: request
/// URLs are reduced to their path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status. Decoded from either error shape (JSON:API
    /// `errors[]` or the gateway's `error{}`); a body in neither shape is kept, clipped, as
    /// the `detail` with an empty `code`.
    #[error("{}", api_message(*.status, .code, .detail, .pointer.as_deref(), .parameter.as_deref(), *.retries, *.maybe_committed))]
    Api {
        /// The HTTP status.
        status: u16,
        /// The error code (`PFAPI0002`, `ZI0004`, ...); empty if the body had none.
        code: String,
        /// The error's title.
        title: Option<String>,
        /// What went wrong.
        detail: String,
        /// An RFC 6901 pointer to the part of the request body at fault.
        pointer: Option<String>,
        /// The path or query parameter at fault.
        parameter: Option<String>,
        /// The request id (`X-Request-Id` or the gateway's `requestId`), for support.
        request_id: Option<String>,
        /// How many times the request was retried before this answer.
        retries: usize,
        /// Whether the request may have been applied anyway: a 500, 502 or 504 answer to a
        /// request that is not safe to send twice (a gateway or server error can come after
        /// the write committed), which is therefore not retried.
        maybe_committed: bool,
    },
    /// The OAuth token could not be obtained (bad client id or secret, missing scope, ...).
    #[error("authentication failed: {message}")]
    Auth {
        /// The token endpoint's error and description.
        message: String,
    },
    /// The connection failed. When `maybe_committed` is true the request had been sent and
    /// was not idempotent: the server may or may not have applied it.
    #[error("{}", transport_message(.method, .path, *.retries, *.maybe_committed, .source))]
    Transport {
        /// The HTTP method.
        method: String,
        /// The request path (no host, no query).
        path: String,
        /// How many times the request was retried.
        retries: usize,
        /// Whether the request may have been applied although no answer arrived.
        maybe_committed: bool,
        /// The cause (without its URL).
        source: reqwest::Error,
    },
    /// Something did not finish in time (e.g. a job within its polling deadline).
    #[error("{what} did not finish within {elapsed:?}")]
    Timeout {
        /// What was waited for.
        what: String,
        /// How long was waited.
        elapsed: Duration,
    },
    /// A response could not be decoded.
    #[error("could not decode {what}: {source}")]
    Decode {
        /// What was being decoded.
        what: String,
        /// Why it failed.
        source: BoxError,
    },
    /// The client is misconfigured.
    #[error("invalid configuration for {key}: {message}")]
    Config {
        /// The configuration key (e.g. `client_id`, `max_retries`).
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A call's arguments were rejected before anything was sent (e.g. more than 500 rows).
    #[error("invalid argument: {message}")]
    InvalidArgument {
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The HTTP status of an [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's error code (`PFAPI0002`, `ZI0001`, ...) of an [`Error::Api`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    /// Whether the API said the resource does not exist (404, except the gateway's
    /// `ZI9998` for an unknown route).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Api { status: 404, code, .. } if code != "ZI9998")
    }

    /// Whether trying again later may succeed: 5xx, 429 and 408 answers, and transport
    /// failures that did not leave the outcome unknown.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api {
                status,
                maybe_committed,
                ..
            } => is_retryable_status(*status) && !maybe_committed,
            Self::Transport {
                maybe_committed, ..
            } => !maybe_committed,
            Self::Timeout { .. } => true,
            _ => false,
        }
    }

    /// Whether the failed request may have been applied although it did not succeed: a
    /// non-idempotent request whose connection failed after it was sent, or that was answered
    /// 500, 502 or 504. Such a request is never re-sent blindly.
    pub fn is_maybe_committed(&self) -> bool {
        matches!(
            self,
            Self::Api {
                maybe_committed: true,
                ..
            } | Self::Transport {
                maybe_committed: true,
                ..
            }
        )
    }

    /// An [`Error::Decode`].
    pub(crate) fn decode(what: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Self::Decode {
            what: what.into(),
            source: source.into(),
        }
    }

    /// An [`Error::Config`].
    pub(crate) fn config(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Config {
            key: key.into(),
            message: message.into(),
        }
    }

    /// An [`Error::InvalidArgument`].
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Self {
        Self::InvalidArgument {
            message: message.into(),
        }
    }
}

/// Whether a status is worth retrying: 5xx, 429 and 408.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    status >= 500 || status == 429 || status == 408
}

/// Whether an error status may come after the request was applied: 500 (the server failed
/// somewhere, perhaps after the commit), 502 and 504 (a gateway lost or timed out on the
/// upstream's answer). 503, 429 and 408 say the request was not taken.
pub(crate) fn may_follow_a_commit(status: u16) -> bool {
    matches!(status, 500 | 502 | 504)
}

fn api_message(
    status: u16,
    code: &str,
    detail: &str,
    pointer: Option<&str>,
    parameter: Option<&str>,
    retries: usize,
    maybe_committed: bool,
) -> String {
    let mut out = status.to_string();
    if !code.is_empty() {
        let _ = write!(out, " {code}");
    }
    let _ = write!(out, ": {detail}");
    match (pointer, parameter) {
        (Some(p), _) if !p.is_empty() => {
            let _ = write!(out, " (at {p})");
        }
        (_, Some(p)) if !p.is_empty() => {
            let _ = write!(out, " (parameter {p})");
        }
        _ => {}
    }
    if maybe_committed {
        out.push_str(
            " (the request was not safe to re-send, and it may or may not have been applied)",
        );
    }
    if retries > 0 {
        let _ = write!(out, " [after {retries} {}]", plural(retries, "retry"));
    }
    out
}

fn transport_message(
    method: &str,
    path: &str,
    retries: usize,
    maybe_committed: bool,
    source: &reqwest::Error,
) -> String {
    let mut out = format!("{method} {path}: ");
    if maybe_committed {
        out.push_str(
            "the connection failed after the request was sent, so it may or may not have been applied",
        );
    } else {
        out.push_str("the connection failed");
    }
    if retries > 0 {
        let _ = write!(out, " (after {retries} {})", plural(retries, "retry"));
    }
    // The causes, innermost last, on the same line.
    let mut cause: Option<&dyn std::error::Error> = Some(source);
    while let Some(e) = cause {
        let _ = write!(out, ": {e}");
        cause = e.source();
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, w) => w.to_owned(),
        (_, "retry") => "retries".to_owned(),
        (_, w) => format!("{w}s"),
    }
}
