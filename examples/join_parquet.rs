//! Join an audience with a local Parquet file, with the join keys pushed to the server.
//!
//! Creates a 5,000-row audience, writes 50 of its emails (and a score) to a Parquet file,
//! joins the two, and prints the first rows and the API requests the join cost with join
//! pushdown on (the emails become batched searches) and off (the whole audience is read).
//!
//! Run with `cargo run --example join_parquet`.

#![allow(clippy::print_stdout, reason = "an example prints its results")]

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;
use gtmsql::GtmSession;
use gtmsql::embedded::Embedded;

#[tokio::main]
async fn main() -> gtmsql::Result<()> {
    let dir = std::env::temp_dir().join(format!("gtmsql-example-parquet-{}", std::process::id()));
    let embedded = Embedded::start(None).await?;
    let session = GtmSession::connect(embedded.client().clone()).await?;
    let parquet = dir.join("scores.parquet");
    for statement in [
        "CREATE SCHEMA crm".to_owned(),
        "CREATE TABLE crm.contacts (email EMAIL, full_name TEXT)".to_owned(),
        "INSERT INTO crm.contacts (email, full_name) \
         SELECT 'person' || value || '@example.com', 'Person ' || value FROM generate_series(1, 5000)"
            .to_owned(),
        format!(
            "COPY (SELECT 'person' || (value * 97) || '@example.com' AS email, value AS score \
             FROM generate_series(1, 50)) TO '{}' STORED AS PARQUET",
            parquet.display()
        ),
        format!(
            "CREATE EXTERNAL TABLE scores STORED AS PARQUET LOCATION '{}'",
            parquet.display()
        ),
    ] {
        session.execute(&statement).await?;
    }
    let join = "SELECT c.full_name, s.score FROM scores s JOIN crm.contacts c ON c.email = s.email \
                ORDER BY s.score";
    let stats = session.catalog().client().stats();
    for pushdown in [true, false] {
        session
            .execute(&format!("SET gtm.join_pushdown = {pushdown}"))
            .await?;
        let before = stats.snapshot();
        let batches = session.execute(join).await?;
        let cost = stats.snapshot().since(&before);
        let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        if pushdown {
            let first: Vec<_> = batches
                .iter()
                .map(|b| b.slice(0, b.num_rows().min(3)))
                .take(1)
                .collect();
            println!("{}", pretty_format_batches(&first)?);
        }
        println!(
            "join pushdown {:<5}: {rows} rows, {} requests",
            pushdown, cost.requests
        );
    }
    embedded.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
