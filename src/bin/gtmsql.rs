//! The `gtmsql` command: SQL over ZoomInfo GTM Studio audiences (see `gtmsql --help`).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use gtmsql::cli::{self, Args};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GTMSQL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start: {e}")),
    };
    match runtime.block_on(cli::main(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.user_message()),
    }
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "Error: {message}");
    ExitCode::FAILURE
}
