//! The README's tour runs as written: every statement of its SQL block succeeds against the
//! in-process emulator with the demo audience, given a `leads.csv` and an `accounts.parquet`.

use gtmsql::GtmSession;
use gtmsql::cli::split_statements;
use gtmsql::embedded::{Embedded, create_demo_if_empty};

const README: &str = include_str!("../README.md");

/// The README's first ```sql block.
fn tour() -> &'static str {
    let start = README.find("```sql\n").expect("a ```sql block") + "```sql\n".len();
    let len = README[start..].find("```").expect("its end");
    &README[start..start + len]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tour_runs() {
    let dir = std::env::temp_dir().join(format!("gtmsql-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let leads = dir.join("leads.csv");
    std::fs::write(
        &leads,
        "email,name,company\ndana@northwind.io,Dana Lin,Northwind\nmarco@brightloom.com,Marco Reyes,Brightloom\n",
    )
    .unwrap();
    let accounts = dir.join("accounts.parquet");

    let embedded = Embedded::start(None).await.unwrap();
    let session = GtmSession::connect(embedded.client().clone())
        .await
        .unwrap();
    assert!(create_demo_if_empty(&session).await.unwrap());
    session
        .execute(&format!(
            "COPY (SELECT 'dana@northwind.io' AS email, 'Ana' AS owner) TO '{}' STORED AS PARQUET",
            accounts.display()
        ))
        .await
        .unwrap();
    let script = tour()
        .replace("'leads.csv'", &format!("'{}'", leads.display()))
        .replace("'accounts.parquet'", &format!("'{}'", accounts.display()));
    let statements = split_statements(&script).unwrap();
    assert!(statements.len() >= 12, "{statements:?}");
    let mut last = Vec::new();
    for statement in &statements {
        last = session
            .execute(statement)
            .await
            .unwrap_or_else(|e| panic!("{statement}\n→ {}", e.user_message()));
    }
    // The tour ends with a DELETE of the unmatched leads: both guide contacts matched.
    let deleted = datafusion::arrow::util::pretty::pretty_format_batches(&last)
        .unwrap()
        .to_string();
    assert!(deleted.contains("| 0     |"), "{deleted}");
    let rows = session
        .execute("SELECT full_name, company FROM events.leads ORDER BY full_name")
        .await
        .unwrap();
    let text = datafusion::arrow::util::pretty::pretty_format_batches(&rows)
        .unwrap()
        .to_string();
    assert!(text.contains("| Dana Lin    | Northwind Inc |"), "{text}");
    embedded.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}
