//! The `gtmsql` command without ZoomInfo credentials: the in-process emulator, its durable
//! data directory and demo, the config file, stdin, every output format, `--help`, and
//! `gtmsql emulator serve`. Each test runs in a home directory of its own.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("gtmsql-local-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self { dir }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gtmsql"));
        command
            .env("HOME", &self.dir)
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env_remove("ZOOMINFO_CLIENT_ID")
            .env_remove("ZOOMINFO_CLIENT_SECRET")
            .env_remove("GTMSQL_BASE_URL")
            .env_remove("GTMSQL_CONFIG")
            .env_remove("GTMSQL_PROFILE")
            .env_remove("GTMSQL_DATA_DIR")
            .env_remove("NO_COLOR")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = self.command().args(args).output().expect("gtmsql runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data").join("gtmsql").join("emulator")
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const DEMO_QUERY: &str = "SELECT full_name, company FROM demo.saastr_2026_booth_scans WHERE full_name IN ('Dana Lin', 'Marco Reyes') ORDER BY full_name";

#[test]
fn the_first_run_creates_a_durable_demo_once() {
    let home = Home::new("demo");
    let (ok, out, err) = home.run(&["-c", DEMO_QUERY, "--format", "csv"]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "full_name,company\nDana Lin,Northwind\nMarco Reyes,Brightloom\n"
    );
    // Not interactive: no banner, nothing else on stderr.
    assert_eq!(err, "");
    assert!(home.data_dir().is_dir(), "data in the platform data dir");
    // The second run finds the data and does not make a second demo.
    let (ok, out, err) = home.run(&[
        "-c",
        "SELECT count(*) AS audiences FROM information_schema.tables WHERE table_schema = 'demo'",
        "--format",
        "csv",
    ]);
    assert!(ok, "{err}");
    assert_eq!(out, "audiences\n1\n");
    // The demo is enriched: matched contacts and a research note.
    let (ok, out, err) = home.run(&[
        "-c",
        "SELECT zoominfo_contact IS NOT NULL AS matched, length(follow_up_angle) > 20 AS researched FROM demo.saastr_2026_booth_scans WHERE full_name = 'Dana Lin'",
        "--format",
        "csv",
    ]);
    assert!(ok, "{err}");
    assert_eq!(out, "matched,researched\ntrue,true\n");
}

#[test]
fn data_dir_memory_and_no_demo() {
    let home = Home::new("flags");
    let elsewhere = home.dir.join("elsewhere");
    let (ok, _, err) = home.run(&[
        "--data-dir",
        elsewhere.to_str().unwrap(),
        "-c",
        "CREATE SCHEMA kept",
    ]);
    assert!(ok, "{err}");
    assert!(elsewhere.is_dir());
    assert!(!home.data_dir().exists());
    let (ok, out, _) = home.run(&[
        "--data-dir",
        elsewhere.to_str().unwrap(),
        "-c",
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('kept', 'demo') ORDER BY 1",
        "--format",
        "csv",
    ]);
    assert!(ok);
    assert_eq!(out, "schema_name\ndemo\nkept\n");
    let (ok, out, _) = home.run(&[
        "--memory",
        "--no-demo",
        "-c",
        "SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = 'demo'",
        "--format",
        "csv",
    ]);
    assert!(ok);
    assert_eq!(out, "n\n0\n");
    assert!(!home.data_dir().exists(), "--memory keeps nothing on disk");
}

#[test]
fn every_format_prints_the_same_rows() {
    let home = Home::new("formats");
    let query =
        "SELECT full_name, company FROM demo.saastr_2026_booth_scans WHERE full_name = 'Dana Lin'";
    let expected = [
        (
            "table",
            "+-----------+-----------+\n| full_name | company   |\n+-----------+-----------+\n| Dana Lin  | Northwind |\n+-----------+-----------+\n",
        ),
        ("csv", "full_name,company\nDana Lin,Northwind\n"),
        (
            "json",
            "[{\"full_name\":\"Dana Lin\",\"company\":\"Northwind\"}]\n",
        ),
        (
            "ndjson",
            "{\"full_name\":\"Dana Lin\",\"company\":\"Northwind\"}\n",
        ),
        (
            "markdown",
            "| full_name | company   |\n|-----------|-----------|\n| Dana Lin  | Northwind |\n",
        ),
    ];
    for (format, want) in expected {
        let (ok, out, err) = home.run(&["--memory", "-c", query, "--format", format]);
        assert!(ok, "{format}: {err}");
        assert_eq!(out, want, "--format {format}");
    }
}

#[test]
fn sql_on_stdin_and_a_config_profile() {
    let home = Home::new("stdin");
    let config = home.dir.join("gtmsql.toml");
    std::fs::write(
        &config,
        "profile = \"scratch\"\n[profiles.scratch]\nlocal = true\ndemo = false\nformat = \"csv\"\n[profiles.scratch.options]\npage_size = 7\n",
    )
    .unwrap();
    let mut child = home
        .command()
        .args(["--memory", "--config", config.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SELECT 1 AS one;\nSELECT count(*) AS demo FROM information_schema.schemata WHERE schema_name = 'demo';\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "one\n1\ndemo\n0\n");
    // A broken config file is an error naming the file and the key.
    std::fs::write(&config, "[profiles.scratch]\ncolour = 'red'\n").unwrap();
    let (ok, _, err) = home.run(&["--config", config.to_str().unwrap(), "-c", "SELECT 1"]);
    assert!(!ok);
    assert!(
        err.contains("gtmsql.toml") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn help_lists_every_flag() {
    let home = Home::new("help");
    let (ok, out, _) = home.run(&["--help"]);
    assert!(ok);
    for flag in [
        "--command",
        "--file",
        "--format",
        "--profile",
        "--config",
        "--base-url",
        "--local",
        "--data-dir",
        "--memory",
        "--no-demo",
        "--quiet",
        "emulator",
    ] {
        assert!(out.contains(flag), "--help lacks {flag}:\n{out}");
    }
    let (ok, out, _) = home.run(&["emulator", "serve", "--help"]);
    assert!(ok);
    for flag in [
        "--listen",
        "--data-dir",
        "--memory",
        "--faults",
        "--seed",
        "--rate-limit",
    ] {
        assert!(out.contains(flag), "serve --help lacks {flag}:\n{out}");
    }
    let (ok, out, _) = home.run(&["--version"]);
    assert!(ok);
    assert!(out.starts_with("gtmsql "), "{out}");
}

#[test]
fn emulator_serve_runs_standalone_until_stopped() {
    let home = Home::new("serve");
    let mut child = home
        .command()
        .args(["emulator", "serve", "--memory", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.starts_with("listening on http://127.0.0.1:") && line.contains("client_id="),
        "{line}"
    );
    let url = line.split_whitespace().nth(2).unwrap().to_owned();
    let id = field(&line, "client_id=");
    let secret = field(&line, "client_secret=");
    // A second gtmsql talks to it as it would to ZoomInfo.
    let out = home
        .command()
        .args(["-c", "CREATE SCHEMA shared", "--format", "csv"])
        .env("GTMSQL_BASE_URL", &url)
        .env("ZOOMINFO_CLIENT_ID", &id)
        .env("ZOOMINFO_CLIENT_SECRET", &secret)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stop(&mut child);
}

fn field(line: &str, key: &str) -> String {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(key))
        .unwrap()
        .to_owned()
}

fn stop(child: &mut std::process::Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(status.success(), "serve exits cleanly on SIGTERM: {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("serve did not stop on SIGTERM");
}
