//! `gtmsql-emulator`: runs the GTM Studio emulator standalone.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use gtmsql_emulator::serve::{FAULTS_HELP, ServeArgs, serve};

/// A faithful local ZoomInfo GTM Studio Audiences API server.
#[derive(Debug, Parser)]
#[command(name = "gtmsql-emulator", version, after_long_help = FAULTS_HELP)]
struct Cli {
    #[command(flatten)]
    args: ServeArgs,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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
    let mut out = std::io::stdout();
    match runtime.block_on(serve(cli.args, &mut out)) {
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
