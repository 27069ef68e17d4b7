//! The `gtmsql` command's flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use gtmsql_emulator::serve::{FAULTS_HELP, ServeArgs};

use super::Format;
use crate::config::Flags;

const AFTER_HELP: &str = "\
Without -c or -f, gtmsql reads SQL from stdin when it is not a terminal, and otherwise opens
the interactive REPL (\\? lists its commands).

Where it connects: with ZOOMINFO_CLIENT_ID and ZOOMINFO_CLIENT_SECRET set (or a profile of the
config file with client_id and client_secret) it talks to ZoomInfo (GTMSQL_BASE_URL or
--base-url to change the server). Without them it starts the GTM Studio emulator in-process,
keeping its data in the platform data directory (--data-dir, --memory), with a demo audience
on first use. Flags win over the environment, which wins over the config file
(--config, GTMSQL_CONFIG, or <config dir>/gtmsql/config.toml; profiles chosen with
--profile or GTMSQL_PROFILE).";

/// SQL over ZoomInfo GTM Studio audiences.
#[derive(Debug, Parser)]
#[command(name = "gtmsql", version, after_long_help = AFTER_HELP)]
pub struct Args {
    /// Run these SQL statements and exit.
    #[arg(
        short = 'c',
        long = "command",
        value_name = "SQL",
        conflicts_with = "file"
    )]
    pub command: Option<String>,
    /// Run the SQL statements in this file and exit.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_name = "table|csv|json|ndjson|markdown")]
    pub format: Option<Format>,
    /// The config file profile to use.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The config file to read.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The GTM Studio server root (with credentials).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Use the local emulator even when ZoomInfo credentials are configured.
    #[arg(long)]
    pub local: bool,
    /// The local emulator's data directory.
    #[arg(long, value_name = "DIR", conflicts_with = "memory")]
    pub data_dir: Option<PathBuf>,
    /// Run the local emulator in memory (nothing is kept).
    #[arg(long)]
    pub memory: bool,
    /// Do not create the demo audience in a new local data directory.
    #[arg(long)]
    pub no_demo: bool,
    /// Print no banner.
    #[arg(short, long)]
    pub quiet: bool,
    /// A subcommand.
    #[command(subcommand)]
    pub subcommand: Option<Command>,
}

/// `gtmsql <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The GTM Studio emulator.
    #[command(subcommand)]
    Emulator(EmulatorCommand),
}

/// `gtmsql emulator <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Run the emulator standalone (the flags of `gtmsql-emulator`).
    #[command(after_long_help = FAULTS_HELP)]
    Serve(ServeArgs),
}

impl Args {
    /// The flags that choose the connection and format.
    pub fn flags(&self) -> Flags {
        Flags {
            profile: self.profile.clone(),
            config: self.config.clone(),
            base_url: self.base_url.clone(),
            data_dir: self.data_dir.clone(),
            local: self.local,
            memory: self.memory,
            no_demo: self.no_demo,
            format: self.format,
        }
    }
}
