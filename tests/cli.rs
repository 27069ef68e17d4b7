//! The `gtmsql` command: `-c`, `-f`, output formats, errors and exit codes, against an
//! in-process emulator reached through the environment like a real deployment.

mod common;

use std::process::Command;

struct Cli {
    env: common::TestEnv,
}

impl Cli {
    async fn start() -> Self {
        let env = common::TestEnv::start().await;
        common::fixture::load(&env.client).await;
        Self { env }
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = isolated(Command::new(env!("CARGO_BIN_EXE_gtmsql")))
            .args(args)
            .env("GTMSQL_BASE_URL", self.env.emulator.base_url())
            .env("ZOOMINFO_CLIENT_ID", self.env.emulator.client_id())
            .env("ZOOMINFO_CLIENT_SECRET", self.env.emulator.client_secret())
            .output()
            .expect("gtmsql runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A command that reads no config file and writes no history of the machine it runs on.
fn isolated(mut command: Command) -> Command {
    let home = std::env::temp_dir().join(format!("gtmsql-cli-home-{}", std::process::id()));
    command
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("GTMSQL_CONFIG")
        .env_remove("GTMSQL_PROFILE")
        .env_remove("GTMSQL_DATA_DIR");
    command
}

const QUERY: &str = "SELECT full_name, employees FROM events.booth_scans WHERE employees >= 5000 ORDER BY employees DESC, full_name";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_output_format() {
    let cli = Cli::start().await;
    let (ok, table, err) = cli.run(&["-c", QUERY]);
    assert!(ok, "{err}");
    assert_eq!(
        table.trim(),
        "+--------------+-----------+\n\
         | full_name    | employees |\n\
         +--------------+-----------+\n\
         | Ken Thompson | 9000      |\n\
         | Ada Lovelace | 5000      |\n\
         | Grace Hopper | 5000      |\n\
         +--------------+-----------+"
    );
    let (ok, csv, _) = cli.run(&["-c", QUERY, "--format", "csv"]);
    assert!(ok);
    assert_eq!(
        csv,
        "full_name,employees\nKen Thompson,9000\nAda Lovelace,5000\nGrace Hopper,5000\n"
    );
    let (ok, json, _) = cli.run(&["-c", QUERY, "--format", "json"]);
    assert!(ok);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        parsed[0],
        serde_json::json!({"full_name": "Ken Thompson", "employees": 9000})
    );
    let (ok, ndjson, _) = cli.run(&["-c", QUERY, "--format", "ndjson"]);
    assert!(ok);
    assert_eq!(ndjson.lines().count(), 3);
    assert_eq!(
        ndjson.lines().nth(2).unwrap(),
        r#"{"full_name":"Grace Hopper","employees":5000}"#
    );
    // An empty result still prints the header.
    let (ok, empty, _) = cli.run(&[
        "-c",
        "SELECT full_name FROM events.booth_scans WHERE employees > 100000",
        "--format",
        "csv",
    ]);
    assert!(ok);
    assert_eq!(empty, "full_name\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_run_every_statement() {
    let cli = Cli::start().await;
    let path = std::env::temp_dir().join(format!("gtmsql-cli-{}.sql", std::process::id()));
    std::fs::write(
        &path,
        "-- a script\nCREATE TABLE picks AS SELECT email FROM events.booth_scans WHERE employees > 1000;\n\
         SELECT count(*) AS n FROM picks;\nSET gtm.pushdown = false;\nSELECT 'semi;colon' AS s;\n",
    )
    .unwrap();
    let (ok, out, err) = cli.run(&["-f", path.to_str().unwrap(), "--format", "csv"]);
    let _ = std::fs::remove_file(&path);
    assert!(ok, "{err}");
    assert_eq!(out, "n\n4\ns\nsemi;colon\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_one_line_and_a_failure_exit() {
    let cli = Cli::start().await;
    let (ok, out, err) = cli.run(&["-c", "SELECT * FROM events.nope"]);
    assert!(!ok);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Error: ") && err.contains("events.nope"),
        "{err}"
    );
    let (ok, _, err) = cli.run(&["-c", "SELEC 1"]);
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    let (ok, _, err) = cli.run(&["-c", "SELECT 1", "--format", "xml"]);
    assert!(!ok);
    assert!(err.contains("xml"), "{err}");
    // Wrong credentials: the server's refusal, without the secret.
    let out = isolated(Command::new(env!("CARGO_BIN_EXE_gtmsql")))
        .args(["-c", "SELECT 1"])
        .env("GTMSQL_BASE_URL", cli.env.emulator.base_url())
        .env("ZOOMINFO_CLIENT_ID", cli.env.emulator.client_id())
        .env("ZOOMINFO_CLIENT_SECRET", "not-the-secret-123")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("not-the-secret-123"), "{err}");
    // Half a credential.
    let out = isolated(Command::new(env!("CARGO_BIN_EXE_gtmsql")))
        .args(["-c", "SELECT 1"])
        .env("ZOOMINFO_CLIENT_ID", "id")
        .env_remove("ZOOMINFO_CLIENT_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ZOOMINFO_CLIENT_SECRET"));
}
