//! Shared test support: an in-process GTM Studio emulator and a client for it.

#![allow(dead_code, unreachable_pub)]

pub mod fixture;
pub mod proxy;
pub mod render;

use gtmsql::client::{AudienceClient, AudienceClientBuilder};
use gtmsql_emulator::{Emulator, EmulatorConfig, JobPace};

/// A running emulator with a client.
pub struct TestEnv {
    pub emulator: Emulator,
    pub client: AudienceClient,
}

impl TestEnv {
    /// An emulator on a free loopback port (memory store, immediate jobs).
    pub async fn start() -> Self {
        Self::with(
            EmulatorConfig::new()
                .with_listen("127.0.0.1:0".parse().expect("address"))
                .with_job_pace(JobPace::immediate())
                .with_ai_error_rate(0.0),
        )
        .await
    }

    /// An emulator with `config`.
    pub async fn with(config: EmulatorConfig) -> Self {
        let emulator = Emulator::start(config).await.expect("the emulator starts");
        let client = AudienceClientBuilder::new()
            .with_base_url(emulator.base_url())
            .with_client_id(emulator.client_id())
            .with_client_secret(emulator.client_secret())
            .build()
            .expect("client");
        Self { emulator, client }
    }

    /// Requests the emulator served for `operation` so far.
    pub fn served(&self, operation: &str) -> u64 {
        self.emulator.stats().get(operation).copied().unwrap_or(0)
    }
}
