//! Client tests that talk HTTP: end to end against an in-process emulator, and failure paths
//! against a queued-response mock server. Every test is bounded by [`bounded`].

mod e2e;
mod errors;
mod faults;
mod mock_server;
mod pacing;

use std::future::Future;
use std::time::Duration;

use gtmsql_emulator::{Emulator, EmulatorConfig};

use crate::client::{AudienceClient, AudienceClientBuilder, BackoffConfig, RetryConfig};

/// Runs a test body, failing it if it takes longer than `limit`.
pub(super) async fn bounded<F: Future>(limit: Duration, body: F) -> F::Output {
    tokio::time::timeout(limit, body)
        .await
        .unwrap_or_else(|_| panic!("the test did not finish within {limit:?}"))
}

/// Logs to the test output when `RUST_LOG` asks for it.
pub(super) fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

/// Starts an emulator on a free loopback port.
pub(super) async fn start(config: EmulatorConfig) -> Emulator {
    init_logging();
    Emulator::start(config.with_listen("127.0.0.1:0".parse().expect("an address")))
        .await
        .expect("the emulator starts")
}

/// Retries that are quick enough for tests.
pub(super) fn fast_retry() -> RetryConfig {
    RetryConfig {
        max_retries: 10,
        retry_timeout: Duration::from_secs(30),
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(200),
            base: 2.0,
        },
    }
}

/// A builder for a client of `emulator`.
pub(super) fn builder_for(emulator: &Emulator) -> AudienceClientBuilder {
    AudienceClient::builder()
        .with_base_url(emulator.base_url())
        .with_client_id(emulator.client_id())
        .with_client_secret(emulator.client_secret())
        .with_retry(fast_retry())
        .with_request_timeout(Duration::from_secs(20))
}

/// A client of `emulator` with [`fast_retry`].
pub(super) fn client_for(emulator: &Emulator) -> AudienceClient {
    builder_for(emulator).build().expect("the client builds")
}

/// Requests the emulator served for `operation`.
pub(super) fn served(emulator: &Emulator, operation: &str) -> u64 {
    emulator.stats().get(operation).copied().unwrap_or(0)
}

/// The client and its futures can cross threads (DataFusion streams run on any worker).
#[test]
fn clients_errors_and_futures_are_send_and_sync() {
    fn shared<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    fn sendable<T: Send + Sync + std::error::Error + 'static>() {}
    fn future<T: Future + Send>(_: &T) {}
    shared::<AudienceClient>();
    shared::<crate::client::ClientStats>();
    sendable::<crate::client::Error>();

    let client = AudienceClient::builder()
        .with_client_id("id")
        .with_client_secret("secret")
        .build()
        .unwrap();
    let search = crate::client::SearchRequest::default();
    let poll = crate::client::PollConfig::default();
    let mut progress = |_: &crate::client::JobStatus| {};
    future(&client.list_audiences());
    future(&client.search_rows("a", &search));
    future(&client.search_rows_raw("a", &search));
    future(&client.upsert_rows("a", &[], &crate::client::UpsertOptions::default()));
    future(&client.wait_for_job("a", "j", &poll, &mut progress));
}
