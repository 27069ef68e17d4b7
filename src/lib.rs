//! gtmsql: SQL over ZoomInfo GTM Studio audiences, on Apache DataFusion.
//!
//! This crate will hold the REST client, the DataFusion catalog and table providers, and the
//! REPL. Its companion crate `gtmsql-emulator` is a faithful local GTM Studio server that
//! every test runs against.

/// The version of gtmsql, as sent in its `User-Agent`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
