//! The GTM Studio emulator in-process: what `gtmsql` talks to when no ZoomInfo credentials
//! are configured.
//!
//! The emulator listens on a loopback port with generated credentials, and the session's
//! client reaches it exactly as it would reach ZoomInfo: real HTTP, real OAuth, real
//! JSON:API. Its data lives in a directory (the platform data directory unless configured),
//! so audiences survive restarts; on first use that directory gets a small demo audience.

mod demo;

use std::path::PathBuf;

use gtmsql_emulator::{Emulator, EmulatorConfig, Storage};

use crate::client::{AudienceClient, AudienceClientBuilder};
use crate::error::{Error, Result};

pub use demo::{DEMO_TABLE, create_demo_if_empty};

/// A running in-process emulator and a client for it.
#[derive(Debug)]
pub struct Embedded {
    emulator: Emulator,
    client: AudienceClient,
    data_dir: Option<PathBuf>,
}

impl Embedded {
    /// Starts the emulator on `127.0.0.1` (a free port), keeping its data in `data_dir`
    /// (`None`: in memory).
    ///
    /// # Errors
    /// When the data directory cannot be created or opened (e.g. another process holds it).
    pub async fn start(data_dir: Option<PathBuf>) -> Result<Self> {
        let storage = match &data_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Error::Invalid(format!(
                        "cannot create the data directory {}: {e} (choose another with --data-dir, or --memory)",
                        dir.display()
                    ))
                })?;
                Storage::Dir(dir.clone())
            }
            None => Storage::Memory,
        };
        let config = EmulatorConfig::new()
            .with_listen(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .with_storage(storage);
        let emulator = Emulator::start(config).await.map_err(|e| {
            Error::Invalid(format!(
                "cannot start the local GTM Studio emulator{}: {e}",
                data_dir
                    .as_ref()
                    .map(|d| format!(" on {}", d.display()))
                    .unwrap_or_default()
            ))
        })?;
        let client = AudienceClientBuilder::new()
            .with_base_url(emulator.base_url())
            .with_client_id(emulator.client_id())
            .with_client_secret(emulator.client_secret())
            .build()?;
        Ok(Self {
            emulator,
            client,
            data_dir,
        })
    }

    /// The client (cheap to clone).
    pub fn client(&self) -> &AudienceClient {
        &self.client
    }

    /// The emulator's root URL.
    pub fn base_url(&self) -> &str {
        self.emulator.base_url()
    }

    /// Where the data lives (`None`: in memory).
    pub fn data_dir(&self) -> Option<&PathBuf> {
        self.data_dir.as_ref()
    }

    /// The one line that says what the session talks to and how to switch to ZoomInfo.
    pub fn banner(&self) -> String {
        let data = self.data_dir.as_ref().map_or_else(
            || "in memory".to_owned(),
            |d| format!("data in {}", d.display()),
        );
        format!(
            "gtmsql {}: local GTM Studio emulator at {} ({data}); set ZOOMINFO_CLIENT_ID and ZOOMINFO_CLIENT_SECRET to use ZoomInfo",
            crate::VERSION,
            self.emulator.base_url()
        )
    }

    /// Stops the emulator, letting running jobs reach a safe point.
    pub async fn shutdown(self) {
        self.emulator.shutdown().await;
    }
}
