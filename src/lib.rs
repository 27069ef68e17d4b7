//! gtmsql: SQL over ZoomInfo GTM Studio audiences, on Apache DataFusion.
//!
//! Folders are schemas and audiences are tables of the `gtm` catalog; a `local` schema holds
//! CSV, Parquet and in-memory tables beside them. Filters, projections, sorts, limits and
//! join keys are pushed to GTM Studio's row search where its semantics allow, and never where
//! they would change the answer.
//!
//! ```no_run
//! # async fn demo() -> gtmsql::Result<()> {
//! use gtmsql::{GtmSession, client::AudienceClientBuilder};
//!
//! // ZOOMINFO_CLIENT_ID, ZOOMINFO_CLIENT_SECRET and optionally GTMSQL_BASE_URL.
//! let client = AudienceClientBuilder::from_env().build()?;
//! let session = GtmSession::connect(client).await?;
//! let batches = session
//!     .execute("SELECT email, follow_up_angle FROM events.saastr_2026_booth_scans WHERE email LIKE '%@northwind.io'")
//!     .await?;
//! println!("{}", datafusion::arrow::util::pretty::pretty_format_batches(&batches)?);
//! # Ok(())
//! # }
//! ```
//!
//! The parts: [`client`] (the REST client, usable without DataFusion), [`provider`] (the
//! catalog, tables and scan), [`GtmSession`] (a `SessionContext` with all of it), and the
//! `gtmsql` command line.

pub mod cli;
pub mod client;
pub mod config;
pub mod embedded;
pub mod error;
pub mod functions;
pub mod jobs;
pub mod provider;
pub mod repl;
pub mod session;
mod statement;
pub mod write;

pub use error::{Error, Result};
pub use session::GtmSession;

/// The version of gtmsql, as sent in its `User-Agent`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
