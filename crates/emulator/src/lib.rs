//! A faithful local ZoomInfo GTM Studio Audiences API server.
//!
//! `gtmsql-emulator` serves the 23 operations of GTM Studio's Audiences API and its OAuth2
//! token endpoint under the real paths (`/gtm/oauth/v1/token`, `/gtm/studio/v1/...`), with
//! the real JSON:API documents, both error shapes, rate-limit headers and limits, backed by a
//! durable SQLite store, a deterministic identity graph of companies and contacts to match
//! against, background enrichment jobs (ZoomInfo match, AI and JavaScript FORMULA columns),
//! and fault injection for tests. It is gtmsql's embedded default and the server every test
//! and benchmark talks to, so code that works against it should work against ZoomInfo.
//!
//! ```no_run
//! # async fn demo() -> Result<(), gtmsql_emulator::StartError> {
//! use gtmsql_emulator::{Emulator, EmulatorConfig};
//!
//! let emulator = Emulator::start(EmulatorConfig::new().with_listen("127.0.0.1:0".parse().unwrap())).await?;
//! println!("token endpoint: {}/gtm/oauth/v1/token", emulator.base_url());
//! println!("client id: {}", emulator.client_id());
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! Operational extras outside the API's paths (no authentication):
//! `GET /_emulator/stats` returns `{"requests": {"<operationId>": n, ...}, "total": n}` (and
//! `DELETE` resets it); `GET /_emulator/health` answers `ok`. For tests, an opt-in log of
//! request bodies ([`EmulatorConfig::with_request_log`], [`Emulator::requests`]) shows what a
//! client sent on the wire.

pub(crate) mod ai;
mod auth;
mod credits;
mod error;
mod faults;
mod filter;
mod gateway;
pub(crate) mod graph;
mod jobs;
mod match_criteria;
// The contract's `AiTool` variants all start with `Ai`, as the wire values do.
#[allow(clippy::enum_variant_names)]
mod model;
mod population;
mod rate_limit;
mod request_log;
mod routes;
pub mod samples;
mod seed;
pub mod serve;
mod server;
mod stats;
mod store;
mod value;
mod wire;

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use auth::{ClientConfig, SCOPE_MANAGE, SCOPE_READ};
pub use faults::FaultSpec;
pub use jobs::JobPace;
pub use rate_limit::RateLimitPlan;
pub use seed::SeedError;

/// Where the emulator keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// Nothing on disk; everything is lost at shutdown.
    Memory,
    /// A directory (created if needed) holding the SQLite database.
    Dir(PathBuf),
}

/// How to run an emulator.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Address to listen on. Default `127.0.0.1:8787`; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Default [`Storage::Memory`].
    pub storage: Storage,
    /// The OAuth clients accepted. Default: one generated client with both scopes.
    pub clients: Vec<ClientConfig>,
    /// Default [`RateLimitPlan::None`].
    pub rate_limit: RateLimitPlan,
    /// Default: none.
    pub faults: FaultSpec,
    /// Seeds fault injection and the AI columns' simulated failures. Default 0.
    pub seed: u64,
    /// Access-token lifetime. Default 3600 s.
    pub token_ttl: Duration,
    /// How fast jobs progress. Default [`JobPace::default`].
    pub job_pace: JobPace,
    /// Share of AI cells that fail (retryably) on their first enrichment. Default 0.03.
    pub ai_error_rate: f64,
    /// Enrichment credits (`None`: unlimited, the default).
    pub credits: Option<u64>,
    /// Whether `api:audience:manage` also grants read operations. Default false (strict).
    pub manage_implies_read: bool,
    /// Record every request body by operationId ([`Emulator::requests`]). Default false.
    pub request_log: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            storage: Storage::Memory,
            clients: Vec::new(),
            rate_limit: RateLimitPlan::None,
            faults: FaultSpec::none(),
            seed: 0,
            token_ttl: Duration::from_secs(3600),
            job_pace: JobPace::default(),
            ai_error_rate: 0.03,
            credits: None,
            manage_implies_read: false,
            request_log: false,
        }
    }
}

impl EmulatorConfig {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`EmulatorConfig::listen`].
    #[must_use]
    pub fn with_listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Sets [`EmulatorConfig::storage`].
    #[must_use]
    pub fn with_storage(mut self, storage: Storage) -> Self {
        self.storage = storage;
        self
    }

    /// Adds an accepted client (the first one is the one [`Emulator::client_id`] reports).
    #[must_use]
    pub fn with_client(mut self, client: ClientConfig) -> Self {
        self.clients.push(client);
        self
    }

    /// Sets [`EmulatorConfig::rate_limit`].
    #[must_use]
    pub fn with_rate_limit(mut self, plan: RateLimitPlan) -> Self {
        self.rate_limit = plan;
        self
    }

    /// Sets [`EmulatorConfig::faults`].
    #[must_use]
    pub fn with_faults(mut self, faults: FaultSpec) -> Self {
        self.faults = faults;
        self
    }

    /// Sets [`EmulatorConfig::seed`].
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets [`EmulatorConfig::token_ttl`].
    #[must_use]
    pub fn with_token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Sets [`EmulatorConfig::job_pace`].
    #[must_use]
    pub fn with_job_pace(mut self, pace: JobPace) -> Self {
        self.job_pace = pace;
        self
    }

    /// Sets [`EmulatorConfig::ai_error_rate`].
    #[must_use]
    pub fn with_ai_error_rate(mut self, rate: f64) -> Self {
        self.ai_error_rate = rate;
        self
    }

    /// Sets [`EmulatorConfig::credits`].
    #[must_use]
    pub fn with_credits(mut self, credits: Option<u64>) -> Self {
        self.credits = credits;
        self
    }

    /// Sets [`EmulatorConfig::manage_implies_read`].
    #[must_use]
    pub fn with_manage_implies_read(mut self, yes: bool) -> Self {
        self.manage_implies_read = yes;
        self
    }

    /// Sets [`EmulatorConfig::request_log`].
    #[must_use]
    pub fn with_request_log(mut self, yes: bool) -> Self {
        self.request_log = yes;
        self
    }
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The store could not be opened.
    #[error("cannot open the store: {0}")]
    Store(String),
}

/// State shared by every request.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) store: store::Store,
    pub(crate) auth: auth::Auth,
    pub(crate) limiter: rate_limit::RateLimiter,
    pub(crate) faults: faults::Faults,
    pub(crate) stats: stats::Stats,
    pub(crate) requests: request_log::RequestLog,
    pub(crate) credits: credits::Credits,
    pub(crate) jobs: jobs::JobRunner,
    pub(crate) graph: Arc<graph::IdentityGraph>,
}

/// What handlers get as `State`.
pub(crate) type AppState = Arc<Shared>;

/// The identity graph, generated once per process from a fixed seed, so that an email
/// matches the same ZoomInfo contact on every machine and every run.
fn identity_graph() -> Arc<graph::IdentityGraph> {
    static GRAPH: OnceLock<Arc<graph::IdentityGraph>> = OnceLock::new();
    Arc::clone(GRAPH.get_or_init(|| Arc::new(graph::IdentityGraph::new(graph::DEFAULT_SEED))))
}

/// A running emulator. Dropping it stops the server (call [`Emulator::shutdown`] to wait).
pub struct Emulator {
    addr: SocketAddr,
    base_url: String,
    client: ClientConfig,
    state: AppState,
    shutdown: watch::Sender<bool>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client.id)
            .field("client_secret", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Opens the store, binds the address and starts serving (and resumes unfinished jobs).
    pub async fn start(mut config: EmulatorConfig) -> Result<Self, StartError> {
        if config.clients.is_empty() {
            config.clients.push(ClientConfig::generate());
        }
        let client = config.clients[0].clone();
        let location = match &config.storage {
            Storage::Memory => store::Location::Memory,
            Storage::Dir(d) => store::Location::Dir(d.clone()),
        };
        let store = tokio::task::spawn_blocking(move || store::Store::open(&location))
            .await
            .map_err(|e| StartError::Store(e.to_string()))?
            .map_err(|e| StartError::Store(e.to_string()))?;
        let graph = tokio::task::spawn_blocking(identity_graph)
            .await
            .map_err(|e| StartError::Store(e.to_string()))?;
        let runner = jobs::JobRunner::new(jobs::JobContext {
            store: store.clone(),
            graph: Arc::clone(&graph),
            pace: config.job_pace,
            tuning: jobs::enrich::Tuning {
                seed: config.seed,
                ai_error_rate: config.ai_error_rate,
            },
        });
        let state: AppState = Arc::new(Shared {
            store,
            auth: auth::Auth::new(
                config.clients.clone(),
                config.token_ttl,
                config.manage_implies_read,
            ),
            limiter: rate_limit::RateLimiter::new(config.rate_limit),
            faults: faults::Faults::new(config.faults.clone(), config.seed),
            stats: stats::Stats::default(),
            requests: request_log::RequestLog::new(config.request_log),
            credits: credits::Credits::new(config.credits),
            jobs: runner,
            graph,
        });
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartError::Bind {
                    addr: config.listen,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
        match state.jobs.resume().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(jobs = n, "resumed unfinished jobs"),
            Err(e) => tracing::warn!(error = %e, "could not resume jobs"),
        }
        let (tx, rx) = watch::channel(false);
        let app = routes::router(Arc::clone(&state));
        // The handle is kept: `shutdown` awaits it and dropping the emulator signals it.
        #[allow(clippy::disallowed_methods)]
        let server = tokio::spawn(server::serve(listener, app, rx, Duration::from_secs(5)));
        Ok(Self {
            addr,
            base_url: format!("http://{addr}"),
            client,
            state,
            shutdown: tx,
            server: Some(server),
        })
    }

    /// The server root (`http://127.0.0.1:PORT`); the API is under `/gtm`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The first client's id.
    pub fn client_id(&self) -> &str {
        &self.client.id
    }

    /// The first client's secret.
    pub fn client_secret(&self) -> &str {
        &self.client.secret
    }

    /// Requests served so far, by operationId (what `GET /_emulator/stats` returns).
    pub fn stats(&self) -> BTreeMap<String, u64> {
        self.state.stats.snapshot()
    }

    /// The bodies of the requests served for `operation` (an operationId such as
    /// `Audiences_enrichAudience`), oldest first: JSON as sent, `null` for an empty body.
    /// Empty unless the emulator was started with [`EmulatorConfig::with_request_log`].
    pub fn requests(&self, operation: &str) -> Vec<serde_json::Value> {
        self.state.requests.get(operation)
    }

    /// Stops accepting connections, lets open requests finish, stops jobs (they resume on
    /// the next start) and checkpoints the database.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.state.jobs.shutdown();
        let store = self.state.store.clone();
        let _ = tokio::task::spawn_blocking(move || store.checkpoint()).await;
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        self.state.jobs.shutdown();
    }
}
