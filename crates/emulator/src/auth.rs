//! OAuth2 for the emulator: clients, the token and authorize endpoints, bearer checks.
//!
//! Mirrors ZoomInfo's gateway: `POST /gtm/oauth/v1/token` takes form-encoded
//! `client_credentials`, `authorization_code` (PKCE S256, secret still required) and
//! `refresh_token` (single use, rotating) grants, with the client authenticated by HTTP Basic
//! (which wins) or by `client_id`/`client_secret` form fields. An omitted `scope` grants every
//! scope the client holds; asking for one it does not hold fails the whole request. Tokens are
//! opaque and expire after the configured lifetime (default 3600 s). API requests need
//! `Authorization: Bearer`, the operation's scope (`api:audience:read` or
//! `api:audience:manage`, which does not imply read unless configured) and an explicit
//! `User-Agent` that is not a default library one.
//!
//! Secrets and tokens never reach logs or `Debug` output.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::ApiError;
use crate::store::Actor;

/// `api:audience:read`.
pub const SCOPE_READ: &str = "api:audience:read";
/// `api:audience:manage`.
pub const SCOPE_MANAGE: &str = "api:audience:manage";

/// An OAuth client the emulator accepts.
#[derive(Clone)]
pub struct ClientConfig {
    /// `client_id`.
    pub id: String,
    /// `client_secret` (never printed by `Debug`).
    pub secret: String,
    /// The scopes the client holds.
    pub scopes: Vec<String>,
    /// The user id written to `createdById` / `updatedById`.
    pub user_id: u32,
    /// The user name written to `createdByName` / `updatedByName`.
    pub user_name: String,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("id", &self.id)
            .field("secret", &"[REDACTED]")
            .field("scopes", &self.scopes)
            .field("user_id", &self.user_id)
            .field("user_name", &self.user_name)
            .finish()
    }
}

impl ClientConfig {
    /// A client holding both audience scopes.
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
            scopes: vec![SCOPE_READ.to_owned(), SCOPE_MANAGE.to_owned()],
            user_id: 10001,
            user_name: "Emulator User".to_owned(),
        }
    }

    /// The same client with other scopes.
    #[must_use]
    pub fn with_scopes(mut self, scopes: &[&str]) -> Self {
        self.scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    /// Generates a client with a random id and secret.
    pub fn generate() -> Self {
        let id = format!("emu-{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        let secret = random_token(40);
        Self::new(id, secret)
    }
}

/// Who made an authenticated request.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The account (client id) rate limits are kept per.
    pub(crate) account: String,
    pub(crate) actor: Actor,
    /// The token, to expire it on an injected fault. Never printed.
    pub(crate) token: Secret,
}

/// A string that prints as `[REDACTED]`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[derive(Debug)]
struct TokenInfo {
    client: String,
    scopes: Vec<String>,
    expires_at: Instant,
}

#[derive(Debug)]
struct CodeInfo {
    client: String,
    redirect_uri: Option<String>,
    challenge: Option<String>,
    scopes: Vec<String>,
    expires_at: Instant,
}

/// Clients and issued credentials.
#[derive(Debug)]
pub(crate) struct Auth {
    clients: Vec<ClientConfig>,
    ttl: Duration,
    manage_implies_read: bool,
    tokens: Mutex<HashMap<Secret, TokenInfo>>,
    refresh: Mutex<HashMap<Secret, (String, Vec<String>)>>,
    codes: Mutex<HashMap<Secret, CodeInfo>>,
}

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Missing,
    Invalid,
    Expired,
    Scope,
}

impl Auth {
    pub(crate) fn new(
        clients: Vec<ClientConfig>,
        ttl: Duration,
        manage_implies_read: bool,
    ) -> Self {
        Self {
            clients,
            ttl,
            manage_implies_read,
            tokens: Mutex::default(),
            refresh: Mutex::default(),
            codes: Mutex::default(),
        }
    }

    fn client(&self, id: &str) -> Option<&ClientConfig> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// Checks `Authorization: Bearer …` for an operation needing `scope`.
    pub(crate) fn check(&self, headers: &HeaderMap, scope: &str) -> Result<Caller, Refusal> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, rest) = v.split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|t| !t.is_empty())
            .ok_or(Refusal::Missing)?;
        let token = Secret(token.to_owned());
        let tokens = lock(&self.tokens);
        let info = tokens.get(&token).ok_or(Refusal::Invalid)?;
        if info.expires_at <= Instant::now() {
            return Err(Refusal::Expired);
        }
        let has = |s: &str| info.scopes.iter().any(|x| x == s);
        let allowed =
            has(scope) || (self.manage_implies_read && scope == SCOPE_READ && has(SCOPE_MANAGE));
        if !allowed {
            return Err(Refusal::Scope);
        }
        let client = self.client(&info.client).ok_or(Refusal::Invalid)?;
        Ok(Caller {
            account: client.id.clone(),
            actor: Actor {
                id: client.user_id,
                name: client.user_name.clone(),
            },
            token: token.clone(),
        })
    }

    /// Expires a token now (fault injection: "token expiry mid-stream").
    pub(crate) fn expire(&self, token: &Secret) {
        if let Some(info) = lock(&self.tokens).get_mut(token) {
            info.expires_at = Instant::now();
        }
    }

    fn issue(&self, client: &str, scopes: Vec<String>, with_refresh: bool) -> serde_json::Value {
        let access = random_token(48);
        let scope_text = scopes.join(" ");
        let mut tokens = lock(&self.tokens);
        let now = Instant::now();
        tokens.retain(|_, t| t.expires_at + Duration::from_secs(3600) > now);
        tokens.insert(
            Secret(access.clone()),
            TokenInfo {
                client: client.to_owned(),
                scopes: scopes.clone(),
                expires_at: now + self.ttl,
            },
        );
        drop(tokens);
        let mut body = json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.ttl.as_secs(),
            "scope": scope_text,
        });
        if with_refresh {
            let refresh = random_token(48);
            lock(&self.refresh).insert(Secret(refresh.clone()), (client.to_owned(), scopes));
            body["refresh_token"] = json!(refresh);
            body["id_token"] = json!(fake_id_token(client));
        }
        body
    }

    fn scopes_for(
        &self,
        client: &ClientConfig,
        requested: Option<&str>,
    ) -> Result<Vec<String>, OAuthError> {
        match requested.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(client.scopes.clone()),
            Some(req) => {
                let mut out = Vec::new();
                for s in req.split_whitespace() {
                    if !client.scopes.iter().any(|c| c == s) {
                        return Err(OAuthError::new(
                            StatusCode::BAD_REQUEST,
                            "invalid_scope",
                            format!("The client does not hold the scope '{s}'"),
                        ));
                    }
                    if !out.iter().any(|o| o == s) {
                        out.push(s.to_owned());
                    }
                }
                Ok(out)
            }
        }
    }
}

/// An RFC 6749 error response.
#[derive(Debug)]
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut r = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            json!({"error": self.error, "error_description": self.description}).to_string(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Basic realm=\"gtm\""),
            );
        }
        r
    }
}

/// The token request's form fields.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenForm {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<Secret>,
    scope: Option<String>,
    code: Option<Secret>,
    code_verifier: Option<Secret>,
    redirect_uri: Option<String>,
    refresh_token: Option<Secret>,
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// `POST /gtm/oauth/v1/token`.
pub(crate) async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let form: TokenForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    match token_inner(&state.auth, &headers, form) {
        Ok(body) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body.to_string(),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

fn token_inner(
    auth: &Auth,
    headers: &HeaderMap,
    form: TokenForm,
) -> Result<serde_json::Value, OAuthError> {
    // Basic credentials win over form fields.
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            // Authentication schemes are case-insensitive (RFC 9110 §11.1).
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then_some(rest)
        })
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            let (id, secret) = s.split_once(':')?;
            Some((decode_form(id), Secret(decode_form(secret))))
        });
    let (id, secret) = match basic {
        Some(pair) => pair,
        None => (
            form.client_id.clone().unwrap_or_default(),
            form.client_secret.clone().unwrap_or(Secret(String::new())),
        ),
    };
    let invalid_client = || {
        OAuthError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        )
    };
    let client = auth.client(&id).ok_or_else(invalid_client)?;
    if !constant_time_eq(client.secret.as_bytes(), secret.0.as_bytes()) {
        return Err(invalid_client());
    }
    match form.grant_type.as_deref() {
        Some("client_credentials") => {
            let scopes = auth.scopes_for(client, form.scope.as_deref())?;
            Ok(auth.issue(&client.id, scopes, false))
        }
        Some("authorization_code") => {
            let code = form.code.ok_or_else(|| {
                OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "code is required",
                )
            })?;
            let info = lock(&auth.codes).remove(&code).ok_or_else(|| {
                OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code is invalid or was used",
                )
            })?;
            let bad = |why: &str| {
                OAuthError::new(StatusCode::BAD_REQUEST, "invalid_grant", why.to_owned())
            };
            if info.client != client.id || info.expires_at <= Instant::now() {
                return Err(bad("The authorization code is invalid or expired"));
            }
            if info.redirect_uri.is_some() && info.redirect_uri != form.redirect_uri {
                return Err(bad("redirect_uri does not match the authorization request"));
            }
            if let Some(challenge) = info.challenge {
                let verifier = form
                    .code_verifier
                    .ok_or_else(|| bad("code_verifier is required"))?;
                let digest = Sha256::digest(verifier.0.as_bytes());
                let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
                if computed != challenge {
                    return Err(bad("code_verifier does not match the code_challenge"));
                }
            }
            Ok(auth.issue(&client.id, info.scopes, true))
        }
        Some("refresh_token") => {
            let token = form.refresh_token.ok_or_else(|| {
                OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "refresh_token is required",
                )
            })?;
            // Single use: the presented refresh token is spent whatever happens next.
            let (owner, scopes) = lock(&auth.refresh).remove(&token).ok_or_else(|| {
                OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token is invalid or was already used",
                )
            })?;
            if owner != client.id {
                return Err(OAuthError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token belongs to another client",
                ));
            }
            Ok(auth.issue(&client.id, scopes, true))
        }
        Some(other) => Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!("grant_type '{other}' is not supported"),
        )),
        None => Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type is required",
        )),
    }
}

/// The authorize request's query.
#[derive(Debug, Deserialize)]
pub(crate) struct AuthorizeQuery {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    state: Option<String>,
    scope: Option<String>,
}

/// `GET /gtm/oauth/v1/authorize`: consents at once and redirects with a code.
pub(crate) async fn authorize(
    State(state): State<AppState>,
    Query(q): Query<AuthorizeQuery>,
) -> Response {
    let auth = &state.auth;
    let Some(client) = q.client_id.as_deref().and_then(|id| auth.client(id)) else {
        return OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "Unknown client_id",
        )
        .into_response();
    };
    if q.response_type.as_deref() != Some("code") {
        return OAuthError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_response_type",
            "response_type must be 'code'",
        )
        .into_response();
    }
    if q.code_challenge.is_some() && q.code_challenge_method.as_deref().unwrap_or("S256") != "S256"
    {
        return OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code_challenge_method must be S256",
        )
        .into_response();
    }
    let Some(redirect) = q.redirect_uri.clone() else {
        return OAuthError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "redirect_uri is required",
        )
        .into_response();
    };
    let scopes = match auth.scopes_for(client, q.scope.as_deref()) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let code = random_token(32);
    lock(&auth.codes).insert(
        Secret(code.clone()),
        CodeInfo {
            client: client.id.clone(),
            redirect_uri: q.redirect_uri,
            challenge: q.code_challenge,
            scopes,
            expires_at: Instant::now() + Duration::from_secs(600),
        },
    );
    let mut target = format!(
        "{redirect}{}code={code}",
        if redirect.contains('?') { '&' } else { '?' }
    );
    if let Some(s) = q.state {
        let encoded: String = form_urlencoded::byte_serialize(s.as_bytes()).collect();
        target.push_str(&format!("&state={encoded}"));
    }
    Redirect::to(&target).into_response()
}

/// The gateway's answer to a refused bearer token.
pub(crate) fn refusal_error(refusal: Refusal, resource: &str) -> ApiError {
    match refusal {
        Refusal::Missing => ApiError::unauthorized(
            "The Authorization token is required and cannot be left blank. Please provide a valid token and try again.",
        ),
        Refusal::Invalid => ApiError::unauthorized(
            "The token provided is invalid. Please provide a valid token and try again.",
        ),
        Refusal::Expired => ApiError::unauthorized(
            "Your session has expired. Please provide a valid token and try again.",
        ),
        Refusal::Scope => ApiError::missing_scope(resource),
    }
}

/// Whether a `User-Agent` is missing or a default library one (the gateway answers 403).
pub(crate) fn blocked_user_agent(headers: &HeaderMap) -> bool {
    const DEFAULTS: &[&str] = &[
        "python-requests",
        "python-urllib",
        "python-httpx",
        "aiohttp",
        "go-http-client",
        "java/",
        "apache-httpclient",
        "okhttp",
        "node-fetch",
        "axios",
        "undici",
        "libwww-perl",
        "wget",
        "reqwest",
        "hyper/",
    ];
    match headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
    {
        None => true,
        Some(ua) => {
            let ua = ua.trim().to_ascii_lowercase();
            ua.is_empty() || DEFAULTS.iter().any(|d| ua.starts_with(d))
        }
    }
}

fn fake_id_token(client: &str) -> String {
    let enc = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    format!(
        "{}.{}.{}",
        enc(json!({"alg": "none", "typ": "JWT"})),
        enc(json!({"iss": "gtmsql-emulator", "aud": client, "sub": "emulator-user"})),
        "emulator"
    )
}

/// A random URL-safe token of `len` characters.
pub(crate) fn random_token(len: usize) -> String {
    let mut out = String::with_capacity(len + 32);
    while out.len() < len {
        out.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    out.truncate(len);
    out
}

fn decode_form(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
