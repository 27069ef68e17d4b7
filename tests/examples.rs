//! Every example runs offline and prints what its header says it prints. The examples are
//! built with the tests (`cargo test --all-targets`, as `.ci/run` does); this runs them.

use std::path::PathBuf;
use std::process::Command;

/// The built example `name`, next to the test binaries.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/examples-… → target/<profile>/examples/<name>
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>")
        .join("examples");
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is not built: run the tests with --all-targets (or cargo build --examples)",
        path.display()
    );
    path
}

fn run(name: &str) -> String {
    let out = Command::new(example(name))
        .env_remove("ZOOMINFO_CLIENT_ID")
        .env_remove("ZOOMINFO_CLIENT_SECRET")
        .output()
        .expect("the example runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{name} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn query_pushdown_shows_the_pushed_plan_rows_and_request_counts() {
    let out = run("query_pushdown");
    assert!(
        out.contains("AudienceScanExec: audience=crm.contacts")
            && out.contains("country EQUALS ('DE') AND employees GREATER_THAN (4900)"),
        "{out}"
    );
    assert!(out.contains("| Person 712  | 4984      |"), "{out}");
    for line in [
        "point lookup             1 rows    1 requests",
        "top 10 by employees     10 rows    1 requests",
        "count                    1 rows    1 requests",
        "full scan                1 rows    4 requests",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn load_csv_and_enrich_loads_twice_without_duplicates_and_enriches() {
    let out = run("load_csv_and_enrich");
    assert_eq!(out.matches("| 3     |").count(), 2, "{out}");
    assert!(out.contains("enrich job: SUCCEEDED 100%"), "{out}");
    assert!(
        out.contains("| Dana Lin    | 1200000001       | Given the company you noted, 'Northwind'"),
        "{out}"
    );
    assert!(out.contains("| Marco Reyes | 1200000007 "), "{out}");
}

#[test]
fn embed_session_joins_the_applications_table_with_an_audience() {
    let out = run("embed_session");
    assert!(
        out.contains("| Ana   | Dana Lin    | dana@northwind.io    |"),
        "{out}"
    );
    assert!(
        out.contains("| Raj   | Marco Reyes | marco@brightloom.com |"),
        "{out}"
    );
}

#[test]
fn join_parquet_pushes_the_join_keys() {
    let out = run("join_parquet");
    assert!(out.contains("| Person 97  | 1     |"), "{out}");
    assert!(
        out.contains("join pushdown true : 50 rows, 1 requests"),
        "{out}"
    );
    assert!(
        out.contains("join pushdown false: 50 rows, 10 requests"),
        "{out}"
    );
}
