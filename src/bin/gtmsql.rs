//! The `gtmsql` command: SQL over ZoomInfo GTM Studio audiences.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gtmsql::cli::{self, Format, Source};
use gtmsql::client::AudienceClientBuilder;

/// SQL over ZoomInfo GTM Studio audiences.
///
/// Credentials come from ZOOMINFO_CLIENT_ID and ZOOMINFO_CLIENT_SECRET; GTMSQL_BASE_URL sets the
/// server root (default https://api.zoominfo.com).
#[derive(Debug, Parser)]
#[command(name = "gtmsql", version)]
struct Args {
    /// Run these SQL statements and exit.
    #[arg(
        short = 'c',
        long = "command",
        value_name = "SQL",
        conflicts_with = "file"
    )]
    command: Option<String>,
    /// Run the SQL statements in this file and exit.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "table", value_name = "table|csv|json|ndjson")]
    format: Format,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start: {e}")),
    };
    match runtime.block_on(main_inner(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

async fn main_inner(args: Args) -> Result<(), String> {
    let source = match (args.command, args.file) {
        (Some(sql), _) => Source::Command(sql),
        (None, Some(path)) => Source::File(path),
        (None, None) => {
            return Err(
                "give SQL with -c \"SQL\" or -f FILE (the interactive REPL is not built yet)"
                    .to_owned(),
            );
        }
    };
    let client = AudienceClientBuilder::from_env()
        .build()
        .map_err(|e| e.to_string())?;
    let mut out = std::io::stdout();
    match cli::run(client, &source, args.format, &mut out).await {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.to_string().contains("Broken pipe") => Ok(()),
        Err(e) => Err(e.user_message()),
    }
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "Error: {message}");
    ExitCode::FAILURE
}
