//! `gtmsql-emulator`: runs the GTM Studio emulator standalone.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use gtmsql_emulator::{
    ClientConfig, Emulator, EmulatorConfig, FaultSpec, JobPace, RateLimitPlan, Storage,
};

const FAULTS_HELP: &str = "\
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

/// A faithful local ZoomInfo GTM Studio Audiences API server.
#[derive(Debug, Parser)]
#[command(name = "gtmsql-emulator", version, after_long_help = FAULTS_HELP)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR")]
    listen: SocketAddr,
    /// Keep data in this directory (default: the platform data directory).
    #[arg(long, value_name = "DIR", conflicts_with = "memory")]
    data_dir: Option<PathBuf>,
    /// Keep everything in memory; nothing survives a restart.
    #[arg(long)]
    memory: bool,
    /// OAuth client id to accept (generated when absent).
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    /// OAuth client secret to accept (generated when absent).
    #[arg(long, value_name = "SECRET")]
    client_secret: Option<String>,
    /// Rate limit package.
    #[arg(
        long,
        default_value = "none",
        value_name = "none|builder|standard|scaling"
    )]
    rate_limit: RateLimitPlan,
    /// Faults to inject (see below).
    #[arg(long, value_name = "SPEC")]
    faults: Option<FaultSpec>,
    /// Seed for fault injection and simulated AI failures.
    #[arg(long, default_value_t = 0, value_name = "N")]
    seed: u64,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    token_ttl: u64,
    /// Share of AI cells that fail (retryably) on their first enrichment.
    #[arg(long, default_value_t = 0.03, value_name = "RATE")]
    ai_error_rate: f64,
    /// Enrichment credits of the account (unlimited when absent).
    #[arg(long, value_name = "N")]
    credits: Option<u64>,
    /// Run jobs without pauses (default: jobs take a visible moment to progress).
    #[arg(long)]
    fast_jobs: bool,
    /// Let api:audience:manage also grant read operations.
    #[arg(long)]
    manage_implies_read: bool,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln_error(&format!("cannot start the runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln_error(&e);
            ExitCode::FAILURE
        }
    }
}

fn eprintln_error(message: &str) {
    let _ = writeln!(std::io::stderr(), "gtmsql-emulator: {message}");
}

async fn run(args: Args) -> Result<(), String> {
    let storage = if args.memory {
        Storage::Memory
    } else {
        Storage::Dir(match args.data_dir {
            Some(d) => d,
            None => dirs::data_dir()
                .ok_or("no platform data directory; pass --data-dir DIR or --memory")?
                .join("gtmsql")
                .join("emulator"),
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
        let mut out = std::io::stdout().lock();
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
