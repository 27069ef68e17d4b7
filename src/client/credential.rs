//! OAuth client credentials: secrets that never print, and the cached access token.
//!
//! The token comes from the client-credentials grant (`POST {root}/gtm/oauth/v1/token`, a
//! form body, the client authenticated with HTTP Basic). It is cached and fetched again
//! shortly before it expires: 60 s early, or at half its lifetime when that is shorter. A
//! `tokio::sync::Mutex` around the fetch makes concurrent requests share one refresh; a 401
//! from the API drops the token it was sent with, so the next request fetches a new one.

use std::fmt;
use std::sync::{Arc, Mutex as StdMutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::{Deserialize, Deserializer};
use tokio::sync::Mutex;

use crate::client::error::{Error, Result};
use crate::client::request::{ClientInner, Outcome};
use crate::client::retry::{Endpoint, RetryState};
use crate::client::types::TokenResponse;

/// A secret string (client secret, access token): `Debug` prints `[REDACTED]` and there is
/// no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Arc::from(secret.into()))
    }

    /// The secret itself. Keep it out of logs and messages.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::new)
    }
}

/// The lifetime assumed when a token response has no `expires_in`.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);
/// How early a token is refreshed (at most; short-lived tokens refresh at half-life).
const REFRESH_EARLY: Duration = Duration::from_secs(60);

/// Characters escaped in the Basic credentials (RFC 6749 §2.3.1 form-encodes id and secret).
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'*');

#[derive(Clone)]
struct CachedToken {
    token: Secret,
    refresh_at: Instant,
}

/// The client's credentials and its cached access token.
pub(crate) struct TokenProvider {
    client_id: String,
    client_secret: Secret,
    cached: StdMutex<Option<CachedToken>>,
    fetching: Mutex<()>,
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenProvider")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("has_token", &self.current().is_some())
            .finish()
    }
}

impl TokenProvider {
    /// Credentials for the client-credentials grant.
    pub(crate) fn new(client_id: String, client_secret: Secret) -> Self {
        Self {
            client_id,
            client_secret,
            cached: StdMutex::new(None),
            fetching: Mutex::new(()),
        }
    }

    /// The client id.
    #[cfg(test)]
    pub(crate) fn client_id(&self) -> &str {
        &self.client_id
    }

    fn current(&self) -> Option<Secret> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|c| Instant::now() < c.refresh_at)
            .map(|c| c.token.clone())
    }

    /// A valid access token, fetched if there is none or it is about to expire. Concurrent
    /// callers share one fetch.
    pub(crate) async fn token(&self, inner: &ClientInner) -> Result<Secret> {
        if let Some(token) = self.current() {
            return Ok(token);
        }
        let _fetching = self.fetching.lock().await;
        // Another caller may have fetched one while this one waited.
        if let Some(token) = self.current() {
            return Ok(token);
        }
        // Boxed: the fetch (a whole retried request) is rare, and would otherwise make every
        // API request's future as large as two requests.
        let fetched = Box::pin(self.fetch(inner)).await?;
        let token = fetched.token.clone();
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(fetched);
        Ok(token)
    }

    /// Forgets `rejected` (the API answered 401 to it), unless it was already replaced.
    /// Returns whether it was the current token: `false` means a concurrent request already
    /// dropped it (and perhaps fetched a new one), so this 401 is not a new rejection.
    pub(crate) fn invalidate(&self, rejected: &Secret) -> bool {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.as_ref().is_some_and(|c| &c.token == rejected) {
            *cached = None;
            return true;
        }
        false
    }

    /// Runs the client-credentials grant, retrying like any idempotent request.
    async fn fetch(&self, inner: &ClientInner) -> Result<CachedToken> {
        let basic = format!(
            "{}:{}",
            utf8_percent_encode(&self.client_id, FORM),
            utf8_percent_encode(self.client_secret.expose(), FORM)
        );
        let mut authorization = HeaderValue::from_str(&format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(basic)
        ))
        .map_err(|_| Error::config("client_id", "contains characters not allowed in a header"))?;
        authorization.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let body = Bytes::from_static(b"grant_type=client_credentials");
        let url = inner.token_url();
        let path = url.path().to_owned();
        let mut state = RetryState::new(&inner.retry, true, Method::POST, path);
        loop {
            let started = Instant::now();
            let outcome = inner
                .attempt(
                    Method::POST,
                    url.clone(),
                    headers.clone(),
                    Some(body.clone()),
                    "Token",
                )
                .await;
            if let Outcome::Response { status, body, .. } = &outcome
                && status.is_success()
            {
                let response: TokenResponse = serde_json::from_slice(body)
                    .map_err(|e| Error::decode("the token response", e))?;
                let lifetime = response
                    .expires_in
                    .map_or(DEFAULT_LIFETIME, Duration::from_secs);
                let early = REFRESH_EARLY.min(lifetime / 2);
                tracing::debug!(lifetime_s = lifetime.as_secs(), "fetched an access token");
                return Ok(CachedToken {
                    token: response.access_token,
                    refresh_at: started + lifetime.saturating_sub(early),
                });
            }
            match state.next_delay(&outcome) {
                Some(delay) => {
                    inner.stats.record_retry();
                    tokio::time::sleep(delay).await;
                }
                None => return Err(state.into_error(outcome, Endpoint::Token)),
            }
        }
    }
}
