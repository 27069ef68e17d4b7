//! Running the emulator standalone: the command-line flags (shared by `gtmsql-emulator` and
//! `gtmsql emulator serve`) and the serve loop that stops on SIGINT or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::{ClientConfig, Emulator, EmulatorConfig, FaultSpec, JobPace, RateLimitPlan, Storage};

/// The long help about `--faults` and the startup line.
pub const FAULTS_HELP: &str = "\
Fault injection (--faults SPEC): a comma-separated list of KIND=VALUE[@OPS] rules.

  latency=40ms | latency=20ms..80ms   delay every request (fixed, or uniform in the range)
  5xx=5%                              answer that share with 500/502/503/504 before handling
  429=5%                              answer that share with 429 ZI0004 and Retry-After
  storm=1%:2s                         that share starts a 2 s storm in which every request gets 429
  drop=5%                             commit the request, then close the connection unanswered
                                      (applies to writes unless @OPS says otherwise)
  expire=1%                           expire the caller's token first (401 ZI0001)
  retry-after=2                       Retry-After seconds of injected 429s (default 1)

RATE is a fraction (0.05) or a percentage (5%). A rule applies to every API operation (the
token endpoint only with @Token or @all); @OPS limits it to operationIds joined by '|'
(e.g. @Rows_bulkUpsertRows|Rows_upsertRows) or to 'reads', 'writes' or 'all'. Decisions
are drawn from a PRNG seeded by --seed, so the same seed and request sequence give the same
faults.

Example: gtmsql-emulator --memory --faults '5xx=5%,429=5%,latency=10ms..40ms,drop=5%@Rows_bulkUpsertRows' --seed 7

Without --client-id/--client-secret a client is generated. Once it accepts connections the
emulator prints one line to stdout:
  listening on http://ADDR client_id=ID client_secret=SECRET
GET /_emulator/stats (no auth) counts requests by operationId.";

/// The emulator's command-line flags.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// Keep data in this directory (default: the platform data directory).
    #[arg(long, value_name = "DIR", conflicts_with = "memory")]
    pub data_dir: Option<PathBuf>,
    /// Keep everything in memory; nothing survives a restart.
    #[arg(long)]
    pub memory: bool,
    /// OAuth client id to accept (generated when absent).
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// OAuth client secret to accept (generated when absent).
    #[arg(long, value_name = "SECRET")]
    pub client_secret: Option<String>,
    /// Rate limit package.
    #[arg(
        long,
        default_value = "none",
        value_name = "none|builder|standard|scaling"
    )]
    pub rate_limit: RateLimitPlan,
    /// Faults to inject (see below).
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<FaultSpec>,
    /// Seed for fault injection and simulated AI failures.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub seed: u64,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    pub token_ttl: u64,
    /// Share of AI cells that fail (retryably) on their first enrichment.
    #[arg(long, default_value_t = 0.03, value_name = "RATE")]
    pub ai_error_rate: f64,
    /// Enrichment credits of the account (unlimited when absent).
    #[arg(long, value_name = "N")]
    pub credits: Option<u64>,
    /// Run jobs without pauses (default: jobs take a visible moment to progress).
    #[arg(long)]
    pub fast_jobs: bool,
    /// Let api:audience:manage also grant read operations.
    #[arg(long)]
    pub manage_implies_read: bool,
}

/// The platform's default data directory of the emulator (`…/gtmsql/emulator`).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gtmsql").join("emulator"))
}

/// Starts the emulator per `args`, prints the startup line to `out`, and serves until SIGINT
/// or SIGTERM.
///
/// # Errors
/// A message for a bad flag, a data directory that cannot be opened, or an address in use.
pub async fn serve(args: ServeArgs, out: &mut (dyn Write + Send)) -> Result<(), String> {
    let storage = if args.memory {
        Storage::Memory
    } else {
        Storage::Dir(match args.data_dir {
            Some(d) => d,
            None => default_data_dir()
                .ok_or("no platform data directory; pass --data-dir DIR or --memory")?,
        })
    };
    let client = match (args.client_id, args.client_secret) {
        (None, None) => ClientConfig::generate(),
        (id, secret) => {
            let generated = ClientConfig::generate();
            ClientConfig::new(
                id.unwrap_or(generated.id),
                secret.unwrap_or(generated.secret),
            )
        }
    };
    if !(0.0..=1.0).contains(&args.ai_error_rate) {
        return Err(format!(
            "--ai-error-rate {} is outside 0..1",
            args.ai_error_rate
        ));
    }
    let config = EmulatorConfig::new()
        .with_listen(args.listen)
        .with_storage(storage)
        .with_client(client)
        .with_rate_limit(args.rate_limit)
        .with_faults(args.faults.unwrap_or_default())
        .with_seed(args.seed)
        .with_token_ttl(Duration::from_secs(args.token_ttl))
        .with_ai_error_rate(args.ai_error_rate)
        .with_credits(args.credits)
        .with_job_pace(if args.fast_jobs {
            JobPace::immediate()
        } else {
            JobPace::default()
        })
        .with_manage_implies_read(args.manage_implies_read);
    let emulator = Emulator::start(config).await.map_err(|e| e.to_string())?;
    // Listen for signals before announcing the address, so that a supervisor that stops
    // the emulator right after reading the line gets a clean shutdown.
    let signals = Signals::install();
    {
        writeln!(
            out,
            "listening on {} client_id={} client_secret={}",
            emulator.base_url(),
            emulator.client_id(),
            emulator.client_secret()
        )
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    signals.wait().await;
    tracing::info!("shutting down");
    emulator.shutdown().await;
    Ok(())
}

/// SIGINT and SIGTERM.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn install() -> Self {
        Self {
            #[cfg(unix)]
            term: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok(),
        }
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        if let Some(term) = self.term.as_mut() {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}
