//! Add GTM Studio audiences to a DataFusion `SessionContext` you already have.
//!
//! Builds a context with a table of its own (`targets`, in memory), attaches the `gtm`
//! catalog to it, and prints a query joining that table with an audience — the context's
//! own default catalog and schema stay as they were.
//!
//! Run with `cargo run --example embed_session`.

#![allow(clippy::print_stdout, reason = "an example prints its results")]

use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::SessionContext;
use gtmsql::GtmSession;
use gtmsql::embedded::Embedded;

#[tokio::main]
async fn main() -> gtmsql::Result<()> {
    // An application's own context, with its own data.
    let ctx = SessionContext::new();
    ctx.sql("CREATE TABLE targets (domain VARCHAR, owner VARCHAR) AS VALUES ('northwind.io', 'Ana'), ('brightloom.com', 'Raj')")
        .await?
        .collect()
        .await?;

    // Attach the audiences (here: the emulator in memory, with two contacts).
    let embedded = Embedded::start(None).await?;
    let session = GtmSession::attach(ctx, embedded.client().clone()).await?;
    for statement in [
        "CREATE SCHEMA gtm.events",
        "CREATE TABLE gtm.events.scans (email EMAIL, full_name TEXT)",
        "INSERT INTO gtm.events.scans (email, full_name) VALUES ('dana@northwind.io', 'Dana Lin'), ('marco@brightloom.com', 'Marco Reyes')",
    ] {
        session.execute(statement).await?;
    }
    let batches = session
        .execute(
            "SELECT t.owner, s.full_name, s.email FROM targets t \
             JOIN gtm.events.scans s ON s.email LIKE '%@' || t.domain ORDER BY t.owner",
        )
        .await?;
    println!("{}", pretty_format_batches(&batches)?);
    embedded.shutdown().await;
    Ok(())
}
