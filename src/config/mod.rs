//! Where the `gtmsql` command connects, and with which options: command-line flags, then the
//! environment, then a profile of the config file (flags win).
//!
//! With ZoomInfo credentials (`ZOOMINFO_CLIENT_ID` and `ZOOMINFO_CLIENT_SECRET`, or a
//! profile's `client_id` and `client_secret`) gtmsql talks to ZoomInfo (or `base_url`).
//! Without them it starts the GTM Studio emulator in-process on a loopback port, keeping its
//! data in the platform data directory; see [`Target`].
//!
//! The config file (`--config`, `GTMSQL_CONFIG`, else `<config dir>/gtmsql/config.toml`):
//!
//! ```toml
//! profile = "zoominfo"            # the profile used without --profile / GTMSQL_PROFILE
//!
//! [profiles.local]                # the in-process emulator
//! data_dir = "/srv/gtmsql"        # default: <data dir>/gtmsql/emulator
//! demo = false                    # no demo audience on first run
//!
//! [profiles.zoominfo]
//! client_id = "…"
//! client_secret_env = "ZI_SECRET" # read the secret from this variable (or client_secret = "…")
//! base_url = "https://api.zoominfo.com"
//! max_retries = 5                 # also retry_timeout, request_timeout, connect_timeout
//! format = "table"
//!
//! [profiles.zoominfo.options]     # SET gtm.<option> at start
//! page_size = 200
//! concurrency = 8
//! ```

mod file;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use file::{ConfigFile, Profile};

use crate::cli::Format;
use crate::client::{AudienceClientBuilder, ClientConfigKey};
use crate::error::{Error, Result};

/// What the command-line flags say (everything optional).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--profile`.
    pub profile: Option<String>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
    /// `--local`: the embedded emulator even when credentials are configured.
    pub local: bool,
    /// `--memory`: an embedded emulator that keeps nothing.
    pub memory: bool,
    /// `--no-demo`.
    pub no_demo: bool,
    /// `--format`.
    pub format: Option<Format>,
}

/// Where to connect.
#[derive(Debug, Clone)]
pub enum Target {
    /// ZoomInfo (or another server): a client built from these settings.
    Remote(Box<AudienceClientBuilder>),
    /// The emulator, in-process.
    Embedded {
        /// Where it keeps its data (`None`: in memory).
        data_dir: Option<PathBuf>,
        /// Whether to create the demo audience when the data is empty.
        demo: bool,
    },
}

/// The resolved settings of one `gtmsql` run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to connect.
    pub target: Target,
    /// `gtm.*` session options to set at start, as (key, value).
    pub options: Vec<(String, String)>,
    /// The output format.
    pub format: Format,
    /// The profile used, if any.
    pub profile: Option<String>,
}

/// The environment variables gtmsql reads.
pub const ENV_PROFILE: &str = "GTMSQL_PROFILE";
/// The config file to read instead of the default one.
pub const ENV_CONFIG: &str = "GTMSQL_CONFIG";
/// The embedded emulator's data directory.
pub const ENV_DATA_DIR: &str = "GTMSQL_DATA_DIR";

/// The default config file: `<config dir>/gtmsql/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("gtmsql").join("config.toml"))
}

/// The REPL's history file: `<data dir>/gtmsql/history`.
pub fn default_history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gtmsql").join("history"))
}

impl Settings {
    /// Resolves the settings from the flags, the process environment and the config file.
    ///
    /// # Errors
    /// An unreadable or invalid config file, an unknown profile, or half a credential.
    pub fn resolve(flags: &Flags) -> Result<Self> {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let path = flags
            .config
            .clone()
            .or_else(|| env.get(ENV_CONFIG).map(PathBuf::from));
        let file = match &path {
            Some(p) => Some(ConfigFile::read(p)?),
            None => match default_config_path() {
                Some(p) if p.exists() => Some(ConfigFile::read(&p)?),
                _ => None,
            },
        };
        Self::from_parts(flags, &env, file.as_ref())
    }

    /// Resolves the settings from explicit parts (for tests).
    ///
    /// # Errors
    /// As [`Settings::resolve`].
    pub fn from_parts(
        flags: &Flags,
        env: &BTreeMap<String, String>,
        file: Option<&ConfigFile>,
    ) -> Result<Self> {
        let var = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
        let profile_name = flags
            .profile
            .clone()
            .or_else(|| var(ENV_PROFILE))
            .or_else(|| file.and_then(|f| f.profile.clone()));
        let profile = match (&profile_name, file) {
            (None, _) => Profile::default(),
            (Some(name), Some(file)) => file.profiles.get(name).cloned().ok_or_else(|| {
                Error::Invalid(format!(
                    "no profile '{name}' in the config file; it has {}",
                    names(file)
                ))
            })?,
            (Some(name), None) => {
                return Err(Error::Invalid(format!(
                    "profile '{name}' was asked for, but there is no config file (create {})",
                    default_config_path().map_or_else(
                        || "a config file and pass --config".to_owned(),
                        |p| p.display().to_string()
                    )
                )));
            }
        };
        let secret = match (&profile.client_secret, &profile.client_secret_env) {
            (Some(secret), _) => Some(secret.clone()),
            (None, Some(name)) => Some(var(name).ok_or_else(|| {
                Error::Invalid(format!(
                    "the profile reads its client secret from ${name}, which is not set"
                ))
            })?),
            (None, None) => None,
        };
        let client_id = var(ClientConfigKey::ClientId.env_var()).or(profile.client_id.clone());
        let client_secret = var(ClientConfigKey::ClientSecret.env_var()).or(secret);
        let format = flags.format.or(profile.format).unwrap_or_default();
        let options = profile
            .options
            .iter()
            .map(|(k, v)| {
                let key = if k.starts_with("gtm.") {
                    k.clone()
                } else {
                    format!("gtm.{k}")
                };
                (key, v.clone())
            })
            .collect();
        let embedded = flags.local
            || flags.memory
            || profile.local
            || (client_id.is_none() && client_secret.is_none());
        let target = if embedded {
            let data_dir = if flags.memory {
                None
            } else {
                flags
                    .data_dir
                    .clone()
                    .or_else(|| var(ENV_DATA_DIR).map(PathBuf::from))
                    .or(profile.data_dir.clone())
                    .or_else(gtmsql_emulator::serve::default_data_dir)
            };
            Target::Embedded {
                data_dir,
                demo: !flags.no_demo && profile.demo.unwrap_or(true),
            }
        } else {
            let (Some(id), Some(secret)) = (client_id, client_secret) else {
                return Err(Error::Invalid(
                    "half a credential: set both ZOOMINFO_CLIENT_ID and ZOOMINFO_CLIENT_SECRET (or neither, for the local emulator)".to_owned(),
                ));
            };
            let mut builder = AudienceClientBuilder::new();
            for (key, value) in &profile.client {
                builder = builder.with_config(*key, value.clone());
            }
            // The environment's retry and timeout settings over the profile's.
            for key in [
                ClientConfigKey::MaxRetries,
                ClientConfigKey::RetryTimeout,
                ClientConfigKey::RequestTimeout,
                ClientConfigKey::ConnectTimeout,
            ] {
                if let Some(value) = var(key.env_var()) {
                    builder = builder.with_config(key, value);
                }
            }
            if let Some(url) = flags
                .base_url
                .clone()
                .or_else(|| var(ClientConfigKey::BaseUrl.env_var()))
                .or(profile.base_url.clone())
            {
                builder = builder.with_base_url(url);
            }
            Target::Remote(Box::new(
                builder.with_client_id(id).with_client_secret(secret),
            ))
        };
        Ok(Self {
            target,
            options,
            format,
            profile: profile_name,
        })
    }
}

fn names(file: &ConfigFile) -> String {
    if file.profiles.is_empty() {
        "no profiles".to_owned()
    } else {
        file.profiles
            .keys()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests;
