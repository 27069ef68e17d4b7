//! Query an audience with filters that run on the server.
//!
//! Starts the GTM Studio emulator in memory, creates a 2,000-row audience with SQL, then
//! prints: the plan of a filtered query (`EXPLAIN`: the filter group, columns and limit the
//! scan sends), its rows, and how many API requests each query cost — a point lookup, a
//! TopN, a count and a full scan.
//!
//! Run with `cargo run --example query_pushdown`.

#![allow(clippy::print_stdout, reason = "an example prints its results")]

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;
use gtmsql::GtmSession;
use gtmsql::embedded::Embedded;

#[tokio::main]
async fn main() -> gtmsql::Result<()> {
    let embedded = Embedded::start(None).await?;
    let session = GtmSession::connect(embedded.client().clone()).await?;
    for statement in [
        "CREATE SCHEMA crm",
        "CREATE TABLE crm.contacts (email EMAIL, full_name TEXT, country TEXT, employees INTEGER)",
        "INSERT INTO crm.contacts (email, full_name, country, employees) \
         SELECT 'person' || value || '@company' || (value % 50) || '.com', 'Person ' || value, \
                CASE value % 3 WHEN 0 THEN 'US' WHEN 1 THEN 'DE' ELSE 'FR' END, value * 7 % 5000 \
         FROM generate_series(1, 2000)",
    ] {
        session.execute(statement).await?;
    }

    let query = "SELECT full_name, employees FROM crm.contacts \
                 WHERE country = 'DE' AND employees > 4900 ORDER BY employees DESC LIMIT 5";
    let plan = session.execute(&format!("EXPLAIN {query}")).await?;
    println!("{}", pretty_format_batches(&plan)?);
    println!("{}", pretty_format_batches(&session.execute(query).await?)?);

    let stats = session.catalog().client().stats();
    for (what, sql) in [
        (
            "point lookup",
            "SELECT * FROM crm.contacts WHERE email = 'person42@company42.com'",
        ),
        (
            "top 10 by employees",
            "SELECT full_name FROM crm.contacts ORDER BY employees DESC LIMIT 10",
        ),
        ("count", "SELECT count(*) FROM crm.contacts"),
        ("full scan", "SELECT sum(employees) FROM crm.contacts"),
    ] {
        let before = stats.snapshot();
        let rows: usize = session
            .execute(sql)
            .await?
            .iter()
            .map(RecordBatch::num_rows)
            .sum();
        let cost = stats.snapshot().since(&before);
        println!("{what:<20} {rows:>5} rows  {:>3} requests", cost.requests);
    }
    embedded.shutdown().await;
    Ok(())
}
