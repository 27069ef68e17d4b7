//! The shared client state, one HTTP exchange, and the request builder the operations use.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::credential::{Secret, TokenProvider};
use crate::client::error::{Error, Result};
use crate::client::pacing::Pacer;
use crate::client::retry::{self, RetryConfig};
use crate::client::stats::ClientStats;

/// The media type of JSON:API documents.
pub(crate) const JSON_API: &str = "application/vnd.api+json";
/// The Studio API's path under the server root.
pub(crate) const API_PATH: &str = "/gtm/studio/v1";
/// The token endpoint's path under the server root.
pub(crate) const TOKEN_PATH: &str = "/gtm/oauth/v1/token";

/// Characters escaped in a path segment (ids are UUIDs, so normally none).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters escaped in query keys and values: brackets (`page[number]`) and commas
/// (`columns=a,b`, the contract's `explode: false` lists) stay as they are.
const QUERY: &AsciiSet = &SEGMENT.remove(b'[').remove(b']').remove(b',');

/// A path segment, percent-encoded.
pub(crate) fn segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Appends `k=v` pairs to a query string.
fn encode_query<K: AsRef<str>, V: AsRef<str>>(out: &mut String, pairs: &[(K, V)]) {
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(k.as_ref(), QUERY));
        out.push('=');
        out.extend(utf8_percent_encode(v.as_ref(), QUERY));
    }
}

/// The result of one HTTP exchange.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// An answer, any status, with its whole body.
    Response {
        /// The status.
        status: StatusCode,
        /// The headers.
        headers: HeaderMap,
        /// The body.
        body: Bytes,
    },
    /// No (complete) answer.
    Transport {
        /// The cause, without its URL.
        error: reqwest::Error,
        /// Whether the request may have reached the server (anything but a connect error).
        sent: bool,
    },
}

/// A successful answer.
#[derive(Debug)]
pub(crate) struct Response {
    /// The status (2xx, or 404 for a delete whose earlier attempt succeeded).
    pub(crate) status: StatusCode,
    /// The body.
    pub(crate) body: Bytes,
}

impl Response {
    /// Decodes the body.
    pub(crate) fn decode<T: DeserializeOwned>(&self, what: &str) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| Error::decode(what, e))
    }
}

/// What every clone of a client shares.
pub(crate) struct ClientInner {
    /// The server root, without a trailing slash.
    pub(crate) root: String,
    /// `{root}/gtm/oauth/v1/token`.
    pub(crate) token_url: Url,
    pub(crate) http: reqwest::Client,
    pub(crate) credentials: TokenProvider,
    pub(crate) retry: RetryConfig,
    pub(crate) pacer: Pacer,
    pub(crate) stats: ClientStats,
    pub(crate) user_agent: String,
    pub(crate) request_timeout: Duration,
    pub(crate) connect_timeout: Duration,
}

impl fmt::Debug for ClientInner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AudienceClient")
            .field("base_url", &self.root)
            .field("credentials", &self.credentials)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("request_timeout", &self.request_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("rate_limit", &self.pacer.status())
            .field("stats", &self.stats.snapshot())
            .finish_non_exhaustive()
    }
}

impl ClientInner {
    /// The token endpoint.
    pub(crate) fn token_url(&self) -> Url {
        self.token_url.clone()
    }

    /// One HTTP exchange, counted in the stats. The body is read completely.
    pub(crate) async fn attempt(
        &self,
        method: Method,
        url: Url,
        headers: HeaderMap,
        body: Option<Bytes>,
        operation: &'static str,
    ) -> Outcome {
        self.stats
            .record_request(operation, body.as_ref().map_or(0, Bytes::len));
        let mut builder = self.http.request(method, url).headers(headers);
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let response = match builder.send().await {
            Ok(r) => r,
            Err(error) => {
                let sent = !error.is_connect();
                return Outcome::Transport {
                    error: error.without_url(),
                    sent,
                };
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        match response.bytes().await {
            Ok(body) => {
                self.stats.record_received(body.len());
                Outcome::Response {
                    status,
                    headers,
                    body,
                }
            }
            Err(error) => Outcome::Transport {
                error: error.without_url(),
                sent: true,
            },
        }
    }

    /// Starts an API request; `path` is relative to the API base (`/audiences/...`).
    pub(crate) fn request(
        &self,
        method: Method,
        operation: &'static str,
        path: impl fmt::Display,
    ) -> Request<'_> {
        let idempotent = matches!(method, Method::GET | Method::HEAD | Method::DELETE);
        Request {
            inner: self,
            method,
            operation,
            path: format!("{API_PATH}{path}"),
            query: String::new(),
            body: None,
            idempotent,
            done_if_gone: false,
        }
    }
}

/// An API request being built.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    inner: &'a ClientInner,
    method: Method,
    operation: &'static str,
    /// The path from the server root.
    path: String,
    /// The encoded query string (without `?`).
    query: String,
    body: Option<Bytes>,
    idempotent: bool,
    done_if_gone: bool,
}

impl<'a> Request<'a> {
    /// Adds query parameters.
    pub(crate) fn query<K: AsRef<str>, V: AsRef<str>>(mut self, pairs: &[(K, V)]) -> Self {
        encode_query(&mut self.query, pairs);
        self
    }

    /// Sets a JSON:API body.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::invalid_argument(format!("the request body cannot be encoded: {e}"))
        })?;
        self.body = Some(Bytes::from(bytes));
        Ok(self)
    }

    /// Marks the request safe (or not) to send twice. GET, HEAD and DELETE are by default.
    pub(crate) fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    /// A 404 after an attempt that may have been applied means done (deletes by id).
    pub(crate) fn done_if_gone(mut self) -> Self {
        self.done_if_gone = true;
        self
    }

    /// Sends it, with retries.
    pub(crate) async fn send(self) -> Result<Response> {
        retry::send(&self).await
    }

    /// Sends it and decodes the answer.
    pub(crate) async fn send_decode<T: DeserializeOwned>(self, what: &str) -> Result<T> {
        self.send().await?.decode(what)
    }

    pub(crate) fn inner(&self) -> &'a ClientInner {
        self.inner
    }

    pub(crate) fn method(&self) -> &Method {
        &self.method
    }

    pub(crate) fn operation(&self) -> &'static str {
        self.operation
    }

    /// The path from the server root, without the query (what errors show).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn body(&self) -> Option<Bytes> {
        self.body.clone()
    }

    pub(crate) fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    pub(crate) fn is_done_if_gone(&self) -> bool {
        self.done_if_gone
    }

    /// The full URL.
    pub(crate) fn url(&self) -> Result<Url> {
        let mut url = format!("{}{}", self.inner.root, self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        Url::parse(&url)
            .map_err(|e| Error::invalid_argument(format!("bad request URL for {}: {e}", self.path)))
    }

    /// The headers of an attempt with `token`.
    pub(crate) fn headers(&self, token: &Secret) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        let mut bearer =
            HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                Error::Auth {
                    message: "the token endpoint returned a token that is not a valid header value"
                        .to_owned(),
                }
            })?;
        bearer.set_sensitive(true);
        headers.insert(AUTHORIZATION, bearer);
        headers.insert(ACCEPT, HeaderValue::from_static(JSON_API));
        if self.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_API));
        }
        Ok(headers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_keeps_brackets_and_commas() {
        let mut s = String::new();
        encode_query(
            &mut s,
            &[
                ("page[number]", "2"),
                ("columns", "a b,c&d"),
                ("sort", "-x"),
            ],
        );
        assert_eq!(s, "page[number]=2&columns=a%20b,c%26d&sort=-x");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }
}
