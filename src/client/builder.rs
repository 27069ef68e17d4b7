//! [`AudienceClientBuilder`]: typed setters, string keys and environment variables, all
//! checked at [`build`](AudienceClientBuilder::build).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::HeaderValue;

use crate::client::AudienceClient;
use crate::client::credential::{Secret, TokenProvider};
use crate::client::error::{Error, Result};
use crate::client::pacing::Pacer;
use crate::client::request::{ClientInner, TOKEN_PATH};
use crate::client::retry::RetryConfig;
use crate::client::stats::ClientStats;

/// The server root used when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.zoominfo.com";
/// The per-request timeout used when none is configured.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The connect timeout used when none is configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The `User-Agent` every request carries (the gateway refuses default library agents).
pub const USER_AGENT: &str = concat!("gtmsql/", env!("CARGO_PKG_VERSION"));

/// A configuration key of [`AudienceClientBuilder::with_config`].
///
/// Parsed case-insensitively from its name or its environment variable's name (`client_id`
/// or `zoominfo_client_id`, `max_retries` or `gtmsql_max_retries`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientConfigKey {
    /// The OAuth client id (`ZOOMINFO_CLIENT_ID`).
    ClientId,
    /// The OAuth client secret (`ZOOMINFO_CLIENT_SECRET`).
    ClientSecret,
    /// The server root (`GTMSQL_BASE_URL`).
    BaseUrl,
    /// [`RetryConfig::max_retries`] (`GTMSQL_MAX_RETRIES`).
    MaxRetries,
    /// [`RetryConfig::retry_timeout`] (`GTMSQL_RETRY_TIMEOUT`).
    RetryTimeout,
    /// The per-request timeout (`GTMSQL_REQUEST_TIMEOUT`).
    RequestTimeout,
    /// The connect timeout (`GTMSQL_CONNECT_TIMEOUT`).
    ConnectTimeout,
}

impl ClientConfigKey {
    /// Every key.
    pub const ALL: [Self; 7] = [
        Self::ClientId,
        Self::ClientSecret,
        Self::BaseUrl,
        Self::MaxRetries,
        Self::RetryTimeout,
        Self::RequestTimeout,
        Self::ConnectTimeout,
    ];

    /// The key's name (`client_id`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::ClientId => "client_id",
            Self::ClientSecret => "client_secret",
            Self::BaseUrl => "base_url",
            Self::MaxRetries => "max_retries",
            Self::RetryTimeout => "retry_timeout",
            Self::RequestTimeout => "request_timeout",
            Self::ConnectTimeout => "connect_timeout",
        }
    }

    /// The environment variable [`AudienceClientBuilder::from_env`] reads it from.
    pub fn env_var(&self) -> &'static str {
        match self {
            Self::ClientId => "ZOOMINFO_CLIENT_ID",
            Self::ClientSecret => "ZOOMINFO_CLIENT_SECRET",
            Self::BaseUrl => "GTMSQL_BASE_URL",
            Self::MaxRetries => "GTMSQL_MAX_RETRIES",
            Self::RetryTimeout => "GTMSQL_RETRY_TIMEOUT",
            Self::RequestTimeout => "GTMSQL_REQUEST_TIMEOUT",
            Self::ConnectTimeout => "GTMSQL_CONNECT_TIMEOUT",
        }
    }
}

impl fmt::Display for ClientConfigKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClientConfigKey {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| wanted == k.as_str() || wanted == k.env_var().to_ascii_lowercase())
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(Self::as_str).collect();
                Error::config(
                    s,
                    format!(
                        "unknown configuration key; expected one of {}",
                        known.join(", ")
                    ),
                )
            })
    }
}

/// A value given as a string, parsed at `build()`.
#[derive(Debug, Clone)]
enum ConfigValue<T> {
    Parsed(T),
    Deferred(String),
}

impl<T: Copy> ConfigValue<T> {
    fn get(
        &self,
        key: ClientConfigKey,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<T> {
        match self {
            Self::Parsed(v) => Ok(*v),
            Self::Deferred(s) => parse(s).map_err(|message| Error::config(key.as_str(), message)),
        }
    }
}

/// Builds an [`AudienceClient`].
///
/// Three equal ways in: typed `with_*` setters, [`with_config`](Self::with_config) with a
/// string key and value, and [`from_env`](Self::from_env). The last value set wins; strings
/// are checked only by [`build`](Self::build), which names the key at fault.
///
/// Defaults: base URL [`DEFAULT_BASE_URL`] (`https://api.zoominfo.com`), retries
/// [`RetryConfig::default`] (10 retries within 180 s, backoff 100 ms doubling to 15 s),
/// request timeout 60 s, connect timeout 10 s, `User-Agent` [`USER_AGENT`]. The client id and
/// secret have no default.
///
/// ```no_run
/// # async fn demo() -> Result<(), gtmsql::client::Error> {
/// use gtmsql::client::AudienceClient;
///
/// let client = AudienceClient::builder()
///     .with_client_id("my-client")
///     .with_client_secret("my-secret")
///     .build()?;
/// for audience in client.list_audiences().await? {
///     println!("{} ({} rows)", audience.name, audience.record_count);
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct AudienceClientBuilder {
    client_id: Option<String>,
    client_secret: Option<Secret>,
    base_url: Option<String>,
    retry: RetryConfig,
    max_retries: Option<String>,
    retry_timeout: Option<String>,
    request_timeout: Option<ConfigValue<Duration>>,
    connect_timeout: Option<ConfigValue<Duration>>,
    user_agent_suffix: Option<String>,
}

impl AudienceClientBuilder {
    /// A builder with every default and no credentials.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder configured from the environment (unset or empty variables are skipped):
    ///
    /// | variable | key | default |
    /// |---|---|---|
    /// | `ZOOMINFO_CLIENT_ID` | `client_id` | none (required) |
    /// | `ZOOMINFO_CLIENT_SECRET` | `client_secret` | none (required) |
    /// | `GTMSQL_BASE_URL` | `base_url` | `https://api.zoominfo.com` |
    /// | `GTMSQL_MAX_RETRIES` | `max_retries` | 10 |
    /// | `GTMSQL_RETRY_TIMEOUT` | `retry_timeout` | 180 s |
    /// | `GTMSQL_REQUEST_TIMEOUT` | `request_timeout` | 60 s |
    /// | `GTMSQL_CONNECT_TIMEOUT` | `connect_timeout` | 10 s |
    ///
    /// Durations are a number of seconds (`30`, `1.5`) or a number with a unit (`500ms`,
    /// `30s`, `2m`, `1h`).
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) over any variable lookup.
    pub(crate) fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Self {
        ClientConfigKey::ALL
            .into_iter()
            .fold(Self::new(), |builder, key| match lookup(key.env_var()) {
                Some(v) if !v.trim().is_empty() => builder.with_config(key, v),
                _ => builder,
            })
    }

    /// Sets a value by key; it is checked by [`build`](Self::build).
    ///
    /// # See Also
    /// [`ClientConfigKey`] for the keys and [`from_env`](Self::from_env) for value formats.
    #[must_use]
    pub fn with_config(self, key: ClientConfigKey, value: impl Into<String>) -> Self {
        let value = value.into();
        match key {
            ClientConfigKey::ClientId => self.with_client_id(value),
            ClientConfigKey::ClientSecret => self.with_client_secret(value),
            ClientConfigKey::BaseUrl => self.with_base_url(value),
            ClientConfigKey::MaxRetries => Self {
                max_retries: Some(value),
                ..self
            },
            ClientConfigKey::RetryTimeout => Self {
                retry_timeout: Some(value),
                ..self
            },
            ClientConfigKey::RequestTimeout => Self {
                request_timeout: Some(ConfigValue::Deferred(value)),
                ..self
            },
            ClientConfigKey::ConnectTimeout => Self {
                connect_timeout: Some(ConfigValue::Deferred(value)),
                ..self
            },
        }
    }

    /// The OAuth client id. No default.
    #[must_use]
    pub fn with_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The OAuth client secret (kept in a [`Secret`]). No default.
    #[must_use]
    pub fn with_client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.client_secret = Some(Secret::new(client_secret));
        self
    }

    /// The server root: the token endpoint is `{root}/gtm/oauth/v1/token` and the API
    /// `{root}/gtm/studio/v1`. Default `https://api.zoominfo.com`.
    #[must_use]
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The retry policy. Default [`RetryConfig::default`]. Replaces `max_retries` and
    /// `retry_timeout` values set earlier.
    #[must_use]
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self.max_retries = None;
        self.retry_timeout = None;
        self
    }

    /// The time one HTTP request may take, from connecting to the end of the body.
    /// Default 60 s.
    #[must_use]
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(ConfigValue::Parsed(timeout));
        self
    }

    /// The time connecting may take. Default 10 s.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(ConfigValue::Parsed(timeout));
        self
    }

    /// Appended to the `User-Agent` after a space (`gtmsql/0.1.0 <suffix>`). Default none.
    #[must_use]
    pub fn with_user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    /// [`Error::Config`] naming the key: a missing client id or secret, a base URL that is
    /// not an `http(s)` URL (or carries credentials, a query or a fragment), a value that
    /// does not parse.
    pub fn build(self) -> Result<AudienceClient> {
        let client_id = self
            .client_id
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| {
                Error::config(
                    "client_id",
                    "no client id: set ZOOMINFO_CLIENT_ID or call with_client_id",
                )
            })?;
        let client_secret = self
            .client_secret
            .filter(|s| !s.expose().trim().is_empty())
            .ok_or_else(|| {
                Error::config(
                    "client_secret",
                    "no client secret: set ZOOMINFO_CLIENT_SECRET or call with_client_secret",
                )
            })?;
        let root = parse_root(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let token_url = Url::parse(&format!("{root}{TOKEN_PATH}"))
            .map_err(|e| Error::config("base_url", e.to_string()))?;
        let mut retry = self.retry;
        if let Some(v) = &self.max_retries {
            retry.max_retries = v.trim().parse().map_err(|_| {
                Error::config(
                    "max_retries",
                    format!("'{v}' is not a whole number of retries"),
                )
            })?;
        }
        if let Some(v) = &self.retry_timeout {
            retry.retry_timeout =
                parse_duration(v).map_err(|m| Error::config("retry_timeout", m))?;
        }
        let request_timeout = self
            .request_timeout
            .map(|v| v.get(ClientConfigKey::RequestTimeout, parse_duration))
            .transpose()?
            .unwrap_or(DEFAULT_REQUEST_TIMEOUT);
        let connect_timeout = self
            .connect_timeout
            .map(|v| v.get(ClientConfigKey::ConnectTimeout, parse_duration))
            .transpose()?
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let user_agent = match self.user_agent_suffix.as_deref().map(str::trim) {
            Some(suffix) if !suffix.is_empty() => format!("{USER_AGENT} {suffix}"),
            _ => USER_AGENT.to_owned(),
        };
        HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::config(
                "user_agent_suffix",
                "contains characters not allowed in a header",
            )
        })?;
        let http = reqwest::Client::builder()
            .user_agent(user_agent.clone())
            .timeout(request_timeout)
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|e| Error::config("http_client", e.to_string()))?;
        Ok(AudienceClient {
            inner: Arc::new(ClientInner {
                root,
                token_url,
                http,
                credentials: TokenProvider::new(client_id, client_secret),
                retry,
                pacer: Pacer::default(),
                stats: ClientStats::default(),
                user_agent,
                request_timeout,
                connect_timeout,
            }),
        })
    }
}

/// Checks a server root and drops its trailing slashes.
fn parse_root(s: &str) -> Result<String> {
    let bad = |message: String| Error::config("base_url", message);
    let trimmed = s.trim().trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| bad(format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(format!(
            "the scheme must be http or https, not '{}'",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("the URL has no host".to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "the URL must not carry credentials; use client_id and client_secret".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("the URL must not have a query or a fragment".to_owned()));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Parses `30`, `1.5` (seconds), `500ms`, `30s`, `2m` or `1h`.
fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let t = s.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (e.g. 30, 500ms, 30s, 2m)"))?;
    let seconds = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "s" | "sec" | "secs" => n,
        "ms" => n / 1000.0,
        "m" | "min" | "mins" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!("'{s}': unknown unit '{other}' (use ms, s, m or h)"));
        }
    };
    if seconds.is_finite() && (0.0..=1e9).contains(&seconds) {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(format!("'{s}' is not a valid duration"))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn credentials() -> AudienceClientBuilder {
        AudienceClientBuilder::new()
            .with_client_id("id")
            .with_client_secret("s3cret")
    }

    fn config_error(b: AudienceClientBuilder) -> (String, String) {
        match b.build() {
            Err(Error::Config { key, message }) => (key, message),
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn keys_parse_case_insensitively_with_aliases() {
        for (text, key) in [
            ("client_id", ClientConfigKey::ClientId),
            ("ZOOMINFO_CLIENT_ID", ClientConfigKey::ClientId),
            ("Client_Secret", ClientConfigKey::ClientSecret),
            ("zoominfo_client_secret", ClientConfigKey::ClientSecret),
            ("BASE_URL", ClientConfigKey::BaseUrl),
            ("gtmsql_base_url", ClientConfigKey::BaseUrl),
            ("max_retries", ClientConfigKey::MaxRetries),
            ("retry_timeout", ClientConfigKey::RetryTimeout),
            ("request_timeout", ClientConfigKey::RequestTimeout),
            ("connect_timeout", ClientConfigKey::ConnectTimeout),
        ] {
            assert_eq!(text.parse::<ClientConfigKey>().unwrap(), key, "{text}");
        }
        let err = "colour".parse::<ClientConfigKey>().unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }

    #[test]
    fn missing_credentials_are_config_errors() {
        let (key, message) = config_error(AudienceClientBuilder::new());
        assert_eq!(key, "client_id");
        assert!(message.contains("ZOOMINFO_CLIENT_ID"));
        let (key, _) = config_error(AudienceClientBuilder::new().with_client_id("x"));
        assert_eq!(key, "client_secret");
    }

    #[test]
    fn bad_values_name_their_key_at_build() {
        let b = credentials().with_config(ClientConfigKey::MaxRetries, "many");
        assert_eq!(config_error(b).0, "max_retries");
        let b = credentials().with_config(ClientConfigKey::RetryTimeout, "soon");
        assert_eq!(config_error(b).0, "retry_timeout");
        let b = credentials().with_config(ClientConfigKey::RequestTimeout, "5 fortnights");
        assert_eq!(config_error(b).0, "request_timeout");
        let b = credentials().with_config(ClientConfigKey::ConnectTimeout, "-1");
        assert_eq!(config_error(b).0, "connect_timeout");
        for url in [
            "ftp://example.com",
            "not a url",
            "https://user:pw@example.com",
            "https://example.com/?x=1",
        ] {
            let (key, message) = config_error(credentials().with_base_url(url));
            assert_eq!(key, "base_url", "{url}");
            assert!(!message.contains("pw@"), "{message}");
        }
    }

    #[test]
    fn defaults_and_overrides() {
        let client = credentials().build().unwrap();
        assert_eq!(client.base_url(), "https://api.zoominfo.com");
        assert_eq!(client.inner.retry, RetryConfig::default());
        assert_eq!(client.inner.request_timeout, DEFAULT_REQUEST_TIMEOUT);
        assert_eq!(client.inner.user_agent, USER_AGENT);
        assert!(USER_AGENT.starts_with("gtmsql/"));

        let client = credentials()
            .with_base_url("http://127.0.0.1:8787/")
            .with_config(ClientConfigKey::MaxRetries, "3")
            .with_config(ClientConfigKey::RetryTimeout, "2m")
            .with_config(ClientConfigKey::RequestTimeout, "1500ms")
            .with_connect_timeout(Duration::from_secs(2))
            .with_user_agent_suffix("repl")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:8787");
        assert_eq!(client.inner.retry.max_retries, 3);
        assert_eq!(client.inner.retry.retry_timeout, Duration::from_secs(120));
        assert_eq!(client.inner.request_timeout, Duration::from_millis(1500));
        assert_eq!(client.inner.connect_timeout, Duration::from_secs(2));
        assert_eq!(client.inner.user_agent, format!("{USER_AGENT} repl"));
        assert_eq!(
            client.inner.token_url.as_str(),
            "http://127.0.0.1:8787/gtm/oauth/v1/token"
        );

        // The last value wins: with_retry replaces an earlier string value.
        let client = credentials()
            .with_config(ClientConfigKey::MaxRetries, "not a number")
            .with_retry(RetryConfig {
                max_retries: 1,
                ..RetryConfig::default()
            })
            .build()
            .unwrap();
        assert_eq!(client.inner.retry.max_retries, 1);
    }

    #[test]
    fn from_env_reads_every_variable() {
        let vars: HashMap<&str, &str> = [
            ("ZOOMINFO_CLIENT_ID", "env-id"),
            ("ZOOMINFO_CLIENT_SECRET", "env-secret"),
            ("GTMSQL_BASE_URL", "http://localhost:9999"),
            ("GTMSQL_MAX_RETRIES", "4"),
            ("GTMSQL_RETRY_TIMEOUT", "30"),
            ("GTMSQL_REQUEST_TIMEOUT", "5s"),
            ("GTMSQL_CONNECT_TIMEOUT", ""),
        ]
        .into_iter()
        .collect();
        let client = AudienceClientBuilder::from_vars(|k| vars.get(k).map(|v| (*v).to_owned()))
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://localhost:9999");
        assert_eq!(client.inner.credentials.client_id(), "env-id");
        assert_eq!(client.inner.retry.max_retries, 4);
        assert_eq!(client.inner.retry.retry_timeout, Duration::from_secs(30));
        assert_eq!(client.inner.request_timeout, Duration::from_secs(5));
        assert_eq!(client.inner.connect_timeout, DEFAULT_CONNECT_TIMEOUT);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1h").unwrap(), Duration::from_secs(3600));
        assert!(parse_duration("1d").is_err());
        assert!(parse_duration("").is_err());
    }
}
