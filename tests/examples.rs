//! Every example runs offline and prints what its header says it prints. Test runners build
//! examples only as test harnesses, so this builds them (`cargo build --examples`, into the
//! same target directory and profile) and runs the real binaries.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Once;

/// The built example `name`: `cargo build --examples` once per test process (cargo's lock
/// serialises concurrent test processes; after the first it is a no-op).
fn example(name: &str) -> PathBuf {
    static BUILD: Once = Once::new();
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/examples-… → target/<profile>
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>")
        .to_path_buf();
    BUILD.call_once(|| {
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "--examples", "--quiet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir.file_name().is_some_and(|p| p == "release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cargo build --examples failed: {status}");
    });
    let path = profile_dir.join("examples").join(name);
    assert!(path.exists(), "{} was not built", path.display());
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
