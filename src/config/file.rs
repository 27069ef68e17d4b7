//! The config file: TOML with named profiles (see the parent module for its shape).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::Format;
use crate::client::ClientConfigKey;
use crate::error::{Error, Result};

/// A parsed config file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    /// The default profile.
    pub profile: Option<String>,
    /// The profiles by name.
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile.
#[derive(Clone, Default, PartialEq)]
pub struct Profile {
    /// The OAuth client id.
    pub client_id: Option<String>,
    /// The OAuth client secret (prefer `client_secret_env`).
    pub client_secret: Option<String>,
    /// The environment variable holding the client secret.
    pub client_secret_env: Option<String>,
    /// The server root.
    pub base_url: Option<String>,
    /// Retry and timeout settings of the client (`max_retries`, `retry_timeout`,
    /// `request_timeout`, `connect_timeout`).
    pub client: Vec<(ClientConfigKey, String)>,
    /// Use the embedded emulator even with credentials.
    pub local: bool,
    /// The embedded emulator's data directory.
    pub data_dir: Option<PathBuf>,
    /// Whether to create the demo audience on an empty data directory (default true).
    pub demo: Option<bool>,
    /// The output format.
    pub format: Option<Format>,
    /// `gtm.*` session options.
    pub options: BTreeMap<String, String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("client_secret_env", &self.client_secret_env)
            .field("base_url", &self.base_url)
            .field("local", &self.local)
            .field("data_dir", &self.data_dir)
            .field("demo", &self.demo)
            .field("format", &self.format)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl ConfigFile {
    /// Reads and parses a config file.
    ///
    /// # Errors
    /// The file cannot be read, is not TOML, or has unknown or mistyped keys (named with
    /// the file and profile).
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Invalid(format!(
                "cannot read the config file {}: {e}",
                path.display()
            ))
        })?;
        Self::parse(&text)
            .map_err(|e| Error::Invalid(format!("config file {}: {e}", path.display())))
    }

    /// Parses config file text.
    ///
    /// # Errors
    /// A message naming the key at fault.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| e.message().to_owned())?;
        let mut file = Self::default();
        for (key, value) in table {
            match key.as_str() {
                "profile" => file.profile = Some(string(&key, &value)?),
                "profiles" => {
                    let toml::Value::Table(profiles) = value else {
                        return Err("profiles must be a table of [profiles.<name>]".to_owned());
                    };
                    for (name, profile) in profiles {
                        let toml::Value::Table(profile) = profile else {
                            return Err(format!("profiles.{name} must be a table"));
                        };
                        let parsed = Profile::parse(&profile)
                            .map_err(|e| format!("profile '{name}': {e}"))?;
                        file.profiles.insert(name, parsed);
                    }
                }
                other => {
                    return Err(format!(
                        "unknown key '{other}' (the top level has 'profile' and [profiles.<name>])"
                    ));
                }
            }
        }
        if let Some(name) = &file.profile
            && !file.profiles.contains_key(name)
        {
            return Err(format!("profile = '{name}' names no [profiles.{name}]"));
        }
        Ok(file)
    }
}

impl Profile {
    fn parse(table: &toml::Table) -> std::result::Result<Self, String> {
        let mut profile = Self::default();
        for (key, value) in table {
            match key.as_str() {
                "client_id" => profile.client_id = Some(string(key, value)?),
                "client_secret" => profile.client_secret = Some(string(key, value)?),
                "client_secret_env" => profile.client_secret_env = Some(string(key, value)?),
                "base_url" => profile.base_url = Some(string(key, value)?),
                "max_retries" | "retry_timeout" | "request_timeout" | "connect_timeout" => {
                    let config_key = match key.as_str() {
                        "max_retries" => ClientConfigKey::MaxRetries,
                        "retry_timeout" => ClientConfigKey::RetryTimeout,
                        "request_timeout" => ClientConfigKey::RequestTimeout,
                        _ => ClientConfigKey::ConnectTimeout,
                    };
                    profile.client.push((config_key, scalar(key, value)?));
                }
                "local" => profile.local = boolean(key, value)?,
                "data_dir" => profile.data_dir = Some(PathBuf::from(string(key, value)?)),
                "demo" => profile.demo = Some(boolean(key, value)?),
                "format" => {
                    profile.format = Some(string(key, value)?.parse::<Format>()?);
                }
                "options" => {
                    let toml::Value::Table(options) = value else {
                        return Err("options must be a table: [profiles.<name>.options]".to_owned());
                    };
                    for (option, value) in options {
                        profile
                            .options
                            .insert(option.clone(), scalar(&format!("options.{option}"), value)?);
                    }
                }
                other => {
                    return Err(format!(
                        "unknown key '{other}'; a profile has client_id, client_secret, client_secret_env, base_url, max_retries, retry_timeout, request_timeout, connect_timeout, local, data_dir, demo, format and [options]"
                    ));
                }
            }
        }
        Ok(profile)
    }
}

fn string(key: &str, value: &toml::Value) -> std::result::Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{key} must be a string, not {}", value.type_str()))
}

fn boolean(key: &str, value: &toml::Value) -> std::result::Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| format!("{key} must be true or false, not {}", value.type_str()))
}

/// A string, number or boolean as text.
fn scalar(key: &str, value: &toml::Value) -> std::result::Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        other => Err(format!(
            "{key} must be a string, number or boolean, not {}",
            other.type_str()
        )),
    }
}
