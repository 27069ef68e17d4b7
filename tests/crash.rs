//! A load survives the server being killed: `kill -9` of a standalone emulator in the middle
//! of `INSERT INTO … SELECT … FROM` a large CSV, then a restart on the same data directory.
//! Every row of an acknowledged batch is there, no row is there twice, no row the error says
//! was not written is there, and the error names the batches and source rows that were not
//! confirmed.

#![allow(clippy::print_stderr)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use datafusion::arrow::array::{Array, AsArray};
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceType, BackoffConfig, DataType, NewAudience, NewColumn, NewFolder,
    RetryConfig,
};

/// Rows in the CSV: 80 batches of 500.
const ROWS: usize = 40_000;
/// Batches acknowledged before the kill (at least).
const KILL_AFTER_BATCHES: u64 = 12;
const CLIENT_ID: &str = "crash-client";
const CLIENT_SECRET: &str = "crash-secret-0123456789abcdef";

/// A standalone emulator process (`gtmsql emulator serve`), killed when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gtmsql"))
            .args([
                "emulator",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--fast-jobs",
            ])
            .arg("--data-dir")
            .arg(dir)
            .args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("gtmsql emulator serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the startup line");
        let base_url = line
            .strip_prefix("listening on ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected startup line: {line:?}"))
            .to_owned();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
        Self { child, base_url }
    }

    /// `kill -9` (SIGKILL), and reap it.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn client(&self) -> AudienceClient {
        AudienceClient::builder()
            .with_base_url(&self.base_url)
            .with_client_id(CLIENT_ID)
            .with_client_secret(CLIENT_SECRET)
            // Give up soon once the server is gone.
            .with_retry(RetryConfig {
                max_retries: 2,
                retry_timeout: Duration::from_secs(10),
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(10),
                    max_backoff: Duration::from_millis(50),
                    base: 2.0,
                },
            })
            .with_request_timeout(Duration::from_secs(20))
            .build()
            .unwrap()
    }

    /// Bulk upserts the server has answered or is handling.
    async fn upserts_served(&self) -> u64 {
        let Ok(response) = reqwest::get(format!("{}/_emulator/stats", self.base_url)).await else {
            return 0;
        };
        let stats: serde_json::Value = response.json().await.unwrap_or_default();
        stats["requests"]["Rows_bulkUpsertRows"]
            .as_u64()
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn write_csv(dir: &Path) -> PathBuf {
    let mut text = String::from("email,name,employees\n");
    for i in 1..=ROWS {
        writeln!(text, "{}", row(i)).unwrap();
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Source row `i` (1-based), as CSV.
fn row(i: usize) -> String {
    format!("lead{i}@crash{}.io,Lead {i},{}", i % 53, i * 7)
}

/// The source row of an email.
fn source_row(email: &str) -> usize {
    email
        .strip_prefix("lead")
        .and_then(|s| s.split('@').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a loaded email: {email}"))
}

async fn create_audience(client: &AudienceClient) {
    let folder = client
        .create_folder(&NewFolder::new("Crash"))
        .await
        .unwrap();
    client
        .create_audience(
            &NewAudience {
                folder_id: Some(folder.id),
                columns: vec![
                    NewColumn::custom("Email", DataType::Email),
                    NewColumn::custom("Name", DataType::Text),
                    NewColumn::custom("Employees", DataType::Integer),
                ],
                ..NewAudience::new("Leads", AudienceType::Contact)
            },
            false,
        )
        .await
        .unwrap();
}

/// The numbers in a phrase such as `rows 1–500, 1,001–1,500 and 2,000` (after `what`), up to
/// the verb that follows it.
fn numbers_after(message: &str, what: &str) -> Option<Vec<usize>> {
    let start = message.find(what)? + what.len();
    let rest = &message[start..];
    let end = [" were ", " may ", "(", ";"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let phrase = rest[..end].replace(',', "").replace(" and ", " ");
    assert!(
        !phrase.contains("more"),
        "the message abbreviates its ranges: {message}"
    );
    let mut out = Vec::new();
    for part in phrase.split_whitespace() {
        let mut bounds = part.split('–').map(|n| n.trim().parse::<usize>());
        match (bounds.next(), bounds.next()) {
            (Some(Ok(a)), Some(Ok(b))) => out.extend(a..=b),
            (Some(Ok(a)), None) => out.push(a),
            _ => {}
        }
    }
    Some(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_rows_survive_a_kill_9_mid_load() {
    tokio::time::timeout(Duration::from_secs(180), run())
        .await
        .expect("the crash test finished within 180 s");
}

async fn run() {
    let dir = std::env::temp_dir().join(format!("gtmsql-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let csv = write_csv(&dir);

    let mut server = Server::start(&dir.join("data"));
    let client = server.client();
    create_audience(&client).await;
    let session = GtmSession::connect(client.clone()).await.unwrap();
    session
        .execute(&format!(
            "CREATE EXTERNAL TABLE big STORED AS CSV LOCATION '{}' OPTIONS ('format.has_header' 'true')",
            csv.display()
        ))
        .await
        .unwrap();

    // Load; kill the server once some batches are in.
    let load =
        session.execute("INSERT INTO crash.leads (email, name, employees) SELECT * FROM big");
    let killer = async {
        let started = Instant::now();
        loop {
            let served = server.upserts_served().await;
            if served >= KILL_AFTER_BATCHES {
                server.kill();
                return served;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the load never got going ({served} batches)"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let (result, served_at_kill) = tokio::join!(load, killer);
    let error = result.expect_err("the server died mid-load").user_message();
    eprintln!("crash: the load's error: {error}");
    assert!(
        error.contains("stopped part-way"),
        "the error does not say the load stopped part-way: {error}"
    );
    let written: usize = error
        .split("stopped part-way: ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no written count in: {error}"));
    let not_written: HashSet<usize> = numbers_after(&error, "; source row")
        .filter(|_| error.contains("were not written"))
        .unwrap_or_default()
        .into_iter()
        .collect();
    let in_doubt: HashSet<usize> = error
        .split("were not written")
        .last()
        .and_then(|tail| numbers_after(tail, "; source row"))
        .unwrap_or_default()
        .into_iter()
        .collect();
    assert!(
        error.contains("batches"),
        "the error does not name the batches: {error}"
    );
    assert_eq!(
        written + not_written.len() + in_doubt.len(),
        ROWS,
        "written, not written and in doubt do not add up: {error}"
    );
    assert!(written >= 500, "nothing was acknowledged: {error}");
    assert!(!not_written.is_empty(), "the kill came too late: {error}");

    // Restart on the same data and read everything back.
    drop(session);
    let server = Server::start(&dir.join("data"));
    let session = GtmSession::connect(server.client()).await.unwrap();
    let batches = session
        .execute("SELECT email, name, employees FROM crash.leads")
        .await
        .unwrap();
    let mut present = HashSet::new();
    let mut duplicates = 0;
    let mut wrong = 0;
    for b in &batches {
        let (email, name, employees) = (b.column(0), b.column(1), b.column(2));
        let email = email.as_string_view();
        let name = name.as_string_view();
        let employees = employees.as_primitive::<datafusion::arrow::datatypes::Int64Type>();
        for i in 0..b.num_rows() {
            let n = source_row(email.value(i));
            if !present.insert(n) {
                duplicates += 1;
            }
            let line = format!(
                "{},{},{}",
                email.value(i),
                name.value(i),
                employees.value(i)
            );
            if line != row(n) || name.is_null(i) {
                wrong += 1;
            }
        }
    }
    let acknowledged: Vec<usize> = (1..=ROWS)
        .filter(|r| !not_written.contains(r) && !in_doubt.contains(r))
        .collect();
    let lost: Vec<&usize> = acknowledged
        .iter()
        .filter(|r| !present.contains(*r))
        .collect();
    let phantom: Vec<&usize> = not_written
        .iter()
        .filter(|r| present.contains(*r))
        .collect();
    let doubt_present = in_doubt.iter().filter(|r| present.contains(*r)).count();
    eprintln!(
        "crash: killed after {served_at_kill} batches served; {written} rows acknowledged, \
         {} in doubt ({doubt_present} of them present after the restart), {} not written; \
         {} rows after the restart, {} lost, {duplicates} duplicated, {} phantom, {wrong} wrong",
        in_doubt.len(),
        not_written.len(),
        present.len() + duplicates,
        lost.len(),
        phantom.len()
    );
    assert!(lost.is_empty(), "acknowledged rows lost: {lost:?}");
    assert_eq!(duplicates, 0, "rows written twice");
    assert!(
        phantom.is_empty(),
        "rows said not written are there: {phantom:?}"
    );
    assert_eq!(wrong, 0, "rows with wrong values");
    drop(session);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
