//! gtmsql's benchmark: each figure beside its baseline, measured in the same run.
//!
//! Starts the GTM Studio emulator in-process (no rate limit, no faults but the chosen
//! latency), seeds audiences of 10k, 100k and 1M rows with TEXT, EMAIL, INTEGER, DECIMAL,
//! BOOLEAN, DATE, STRING_LIST and NUMBER_LIST columns, and measures:
//!
//! * requests per query class against the optimum (point lookup 1, TopN 1, count ≤ 1, full
//!   scan ⌈rows/500⌉, join of 1,000 local keys ⌈1000/valueCountLimit⌉);
//! * full-scan throughput into Arrow against the raw floor: the same page requests, with the
//!   same concurrency, from a bare reqwest client that only reads the bytes;
//! * the full scan, a filtered query and the join against `bench/paging_loop.py`, the
//!   sequential Python paging loop users write today (skipped when `python3 -c "import
//!   requests"` fails);
//! * the join of 1,000 local emails with and without join pushdown;
//! * `INSERT` of rows from CSV against the raw bulk-upsert floor (prebuilt bodies, same chunk
//!   size and concurrency);
//! * the peak RSS of a `gtmsql -c` child process counting the rows of the largest audience
//!   with a predicate that cannot be pushed.
//!
//! Run with: `cargo bench -p gtmsql --bench gtmsql [-- --sizes 10k,100k,1m] [--latency 0,40ms]
//! [--insert-rows 100k] [--reps 3] [--no-python] [--no-rss]` (see `BENCHMARKS.md`).
//!
//! Under a test runner (no `--bench` argument) it runs as one `smoke` test on 1,000 rows, so
//! the harness is exercised by CI. Fixtures are seeded straight into the emulator's store
//! (`Emulator::seed_rows`); everything measured goes over HTTP.

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use datafusion::arrow::array::{Int64Array, RecordBatch, StringViewArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use futures::{StreamExt, TryStreamExt, stream};
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceClientBuilder, AudienceType, ColumnType, DataType as GtmType,
    NewAudience, NewColumn, NewFolder, SearchRequest, UpsertOptions, UpsertRow,
};
use gtmsql::provider::decode::rows_to_batch;
use gtmsql::provider::page::page_to_batch;
use gtmsql::provider::schema::TableLayout;
use gtmsql_emulator::{Emulator, EmulatorConfig, FaultSpec, JobPace, Storage};
use serde_json::{Value, json};

/// Rows per search page and per bulk upsert.
const PAGE: usize = 500;
/// Local keys joined with the audience.
const JOIN_KEYS: usize = 1000;
/// Bulk upserts in flight during a load (`write::load::Load`'s default).
const LOAD_CONCURRENCY: usize = 4;
/// Rows per seeding transaction.
const SEED_CHUNK: usize = 50_000;
/// The predicate of the RSS query: true for a seventh of the rows, and not pushable.
const LOCAL_ONLY: &str = "length(full_name) % 7 = 3";

const WORDS: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
];

/// The audience columns: (display name, dataType).
const COLUMNS: &[(&str, GtmType)] = &[
    ("Email", GtmType::Email),
    ("Full Name", GtmType::Text),
    ("Company", GtmType::Text),
    ("Employees", GtmType::Integer),
    ("Revenue", GtmType::Decimal),
    ("Active", GtmType::Boolean),
    ("Signed", GtmType::Date),
    ("Tags", GtmType::StringList),
    ("Scores", GtmType::NumberList),
];

/// Row `i` of every fixture, as (display name, value) in `COLUMNS` order.
fn person(i: usize, email_prefix: &str) -> [Value; 9] {
    let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 16;
    [
        json!(format!("{email_prefix}{i}@example.com")),
        json!(format!("Person {i}")),
        json!(format!(
            "{} {}",
            WORDS[i % WORDS.len()],
            WORDS[(h as usize / 7) % WORDS.len()]
        )),
        json!((h % 100_000) as i64),
        json!((h % 10_000_000) as f64 / 100.0),
        json!(h.is_multiple_of(3)),
        json!(format!(
            "20{:02}-{:02}-{:02}",
            10 + h % 16,
            1 + (h >> 8) % 12,
            1 + (h >> 16) % 28
        )),
        json!([format!("t{}", i % 5), WORDS[(h as usize) % WORDS.len()]]),
        json!([(h % 10) as f64, 0.5]),
    ]
}

/// The filtered query's constants: `company = FILTER_COMPANY AND employees > FILTER_MIN`.
const FILTER_COMPANY: &str = "Acme Globex";
const FILTER_MIN: i64 = 50_000;

#[derive(Debug, Clone)]
struct Options {
    smoke: bool,
    sizes: Vec<usize>,
    latencies: Vec<Duration>,
    insert_rows: usize,
    python: bool,
    rss: bool,
    reps: usize,
}

fn parse_count(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_lowercase();
    let (digits, mult) = if let Some(d) = s.strip_suffix('k') {
        (d, 1_000)
    } else if let Some(d) = s.strip_suffix('m') {
        (d, 1_000_000)
    } else {
        (s.as_str(), 1)
    };
    digits.parse::<usize>().ok().map(|n| n * mult)
}

fn parse_latency(s: &str) -> Option<Duration> {
    let s = s.trim();
    if s == "0" || s == "none" {
        return Some(Duration::ZERO);
    }
    let ms = s.strip_suffix("ms").unwrap_or(s);
    ms.parse::<u64>().ok().map(Duration::from_millis)
}

impl Options {
    fn parse(args: &[String]) -> Self {
        let smoke = !args.iter().any(|a| a == "--bench");
        let mut o = Self {
            smoke,
            sizes: if smoke {
                vec![1_000]
            } else {
                vec![10_000, 100_000, 1_000_000]
            },
            latencies: if smoke {
                vec![Duration::ZERO]
            } else {
                vec![Duration::ZERO, Duration::from_millis(40)]
            },
            insert_rows: if smoke { 1_000 } else { 100_000 },
            python: true,
            rss: true,
            reps: if smoke { 1 } else { 3 },
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let value = |it: &mut std::slice::Iter<'_, String>| {
                it.next()
                    .unwrap_or_else(|| panic!("{a} needs a value"))
                    .clone()
            };
            match a.as_str() {
                "--sizes" => {
                    o.sizes = value(&mut it)
                        .split(',')
                        .map(|s| parse_count(s).unwrap_or_else(|| panic!("bad size {s}")))
                        .collect();
                }
                "--latency" => {
                    o.latencies = value(&mut it)
                        .split(',')
                        .map(|s| parse_latency(s).unwrap_or_else(|| panic!("bad latency {s}")))
                        .collect();
                }
                "--insert-rows" => {
                    let v = value(&mut it);
                    o.insert_rows = parse_count(&v).unwrap_or_else(|| panic!("bad count {v}"));
                }
                "--reps" => o.reps = value(&mut it).parse().expect("--reps N"),
                "--no-python" => o.python = false,
                "--no-rss" => o.rss = false,
                _ => {}
            }
        }
        o
    }
}

/// One line of the report.
#[derive(Debug)]
struct Line {
    measure: String,
    ours: String,
    base: String,
    ratio: Option<f64>,
    goal: String,
    met: Option<bool>,
}

#[derive(Debug, Default)]
struct Report {
    lines: Vec<Line>,
}

impl Report {
    fn add(
        &mut self,
        measure: impl Into<String>,
        ours: impl Into<String>,
        base: impl Into<String>,
        ratio: Option<f64>,
        goal: impl Into<String>,
        met: Option<bool>,
    ) {
        let line = Line {
            measure: measure.into(),
            ours: ours.into(),
            base: base.into(),
            ratio,
            goal: goal.into(),
            met,
        };
        println!(
            "  {}: {} vs {} ({}) {}",
            line.measure,
            line.ours,
            line.base,
            line.ratio.map_or("-".to_owned(), |r| format!("{r:.2}")),
            line.met.map_or("", |m| if m { "met" } else { "MISSED" })
        );
        self.lines.push(line);
    }

    fn print(&self) {
        let header = ["measure", "gtmsql", "baseline", "ratio", "goal", "met?"];
        let cells: Vec<[String; 6]> = self
            .lines
            .iter()
            .map(|l| {
                [
                    l.measure.clone(),
                    l.ours.clone(),
                    l.base.clone(),
                    l.ratio.map_or("—".to_owned(), |r| format!("{r:.2}")),
                    l.goal.clone(),
                    l.met
                        .map_or("—", |m| if m { "yes" } else { "NO" })
                        .to_owned(),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.chars().count());
            }
        }
        let fmt_row = |row: &[String]| {
            let mut s = String::from("|");
            for (c, w) in row.iter().zip(widths) {
                let pad = w - c.chars().count();
                let _ = write!(s, " {c}{} |", " ".repeat(pad));
            }
            s
        };
        println!();
        println!("{}", fmt_row(&header.map(str::to_owned)));
        let mut sep = String::from("|");
        for w in widths {
            let _ = write!(sep, "{}|", "-".repeat(w + 2));
        }
        println!("{sep}");
        for row in &cells {
            println!("{}", fmt_row(row));
        }
    }
}

fn human(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

fn rate(rows: usize, d: Duration) -> f64 {
    rows as f64 / d.as_secs_f64().max(1e-9)
}

fn fmt_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2}M rows/s", r / 1e6)
    } else {
        format!("{:.0}k rows/s", r / 1e3)
    }
}

fn fmt_secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{:.0} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// A bare HTTP client of the API: the floor gtmsql's client is measured against.
#[derive(Debug, Clone)]
struct Raw {
    http: reqwest::Client,
    api: String,
    token: String,
}

impl Raw {
    async fn connect(emulator: &Emulator) -> Self {
        let http = reqwest::Client::builder()
            .user_agent("gtmsql-bench-raw/1.0")
            .build()
            .expect("reqwest");
        let token: Value = http
            .post(format!("{}/gtm/oauth/v1/token", emulator.base_url()))
            .basic_auth(emulator.client_id(), Some(emulator.client_secret()))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .expect("token")
            .json()
            .await
            .expect("token json");
        Self {
            http,
            api: format!("{}/gtm/studio/v1", emulator.base_url()),
            token: token["access_token"].as_str().expect("token").to_owned(),
        }
    }

    /// POSTs `body` to `path` (with `query`) and returns the response's length.
    async fn post(&self, path: &str, query: &[(&str, String)], body: String) -> usize {
        let response = self
            .http
            .post(format!("{}{path}", self.api))
            .query(query)
            .bearer_auth(&self.token)
            .header("Content-Type", "application/vnd.api+json")
            .body(body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let bytes = response.bytes().await.expect("body");
        assert!(
            status.is_success(),
            "{status}: {}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.len()
    }

    /// Every page of an unfiltered search, `concurrency` in flight; returns the bytes read.
    async fn scan(&self, audience: &str, columns: &str, rows: usize, concurrency: usize) -> usize {
        let path = format!("/audiences/{audience}/rows/actions/search");
        let body = r#"{"data":{"type":"RowSearch","attributes":{}}}"#;
        stream::iter(1..=rows.div_ceil(PAGE))
            .map(|page| {
                let query = vec![
                    ("page[number]", page.to_string()),
                    ("page[size]", PAGE.to_string()),
                    ("columns", columns.to_owned()),
                ];
                let path = &path;
                async move { self.post(path, &query, body.to_owned()).await }
            })
            .buffer_unordered(concurrency)
            .fold(0, |acc, n| async move { acc + n })
            .await
    }
}

/// An audience fixture.
#[derive(Debug)]
struct Fixture {
    rows: usize,
    id: String,
    table: String,
    /// Column ids in `COLUMNS` order.
    columns: Vec<String>,
}

async fn create_audience(
    client: &AudienceClient,
    folder: &str,
    name: &str,
    columns: &[(&str, GtmType)],
) -> (String, Vec<String>) {
    let audience = client
        .create_audience(
            &NewAudience {
                name: name.to_owned(),
                audience_type: AudienceType::Contact,
                folder_id: Some(folder.to_owned()),
                columns: columns
                    .iter()
                    .map(|(n, dt)| NewColumn {
                        name: (*n).to_owned(),
                        column_type: ColumnType::Custom,
                        data_type: Some(dt.clone()),
                        ..NewColumn::default()
                    })
                    .collect(),
                ..NewAudience::default()
            },
            false,
        )
        .await
        .expect("create audience");
    let ids = columns
        .iter()
        .map(|(n, _)| {
            audience
                .columns
                .iter()
                .find(|c| c.name == *n)
                .unwrap_or_else(|| panic!("column {n}"))
                .id
                .clone()
        })
        .collect();
    (audience.id, ids)
}

async fn seed(emulator: &Emulator, client: &AudienceClient, folder: &str, rows: usize) -> Fixture {
    let name = format!("People {}", human(rows));
    let (id, columns) = create_audience(client, folder, &name, COLUMNS).await;
    let started = Instant::now();
    for start in (0..rows).step_by(SEED_CHUNK) {
        let chunk: Vec<Vec<(String, Value)>> = (start..(start + SEED_CHUNK).min(rows))
            .map(|i| columns.iter().cloned().zip(person(i, "person")).collect())
            .collect();
        emulator.seed_rows(&id, chunk).await.expect("seed");
    }
    println!(
        "seeded {} rows into {name} in {}",
        rows,
        fmt_secs(started.elapsed())
    );
    Fixture {
        rows,
        id,
        table: format!("bench.people_{}", human(rows).to_lowercase()),
        columns,
    }
}

/// Search requests the client sent while `f` ran, and how long it took.
async fn counted<T, F: Future<Output = T>>(client: &AudienceClient, f: F) -> (T, u64, Duration) {
    let before = client.stats().snapshot();
    let started = Instant::now();
    let out = f.await;
    let took = started.elapsed();
    let searches = client
        .stats()
        .snapshot()
        .since(&before)
        .operation("Rows_listRows");
    (out, searches, took)
}

fn num_rows(batches: &[RecordBatch]) -> usize {
    batches.iter().map(RecordBatch::num_rows).sum()
}

fn first_i64(batches: &[RecordBatch]) -> i64 {
    batches[0]
        .column(0)
        .as_any()
        .downcast_ref::<Int64Array>()
        .expect("int64")
        .value(0)
}

/// Runs `sql` streaming, counting rows without keeping the batches.
async fn stream_rows(session: &GtmSession, sql: &str) -> usize {
    let frame = session.sql(sql).await.expect("plan");
    let stream = frame.execute_stream().await.expect("execute");
    stream
        .try_fold(0, |n, b| async move { Ok(n + b.num_rows()) })
        .await
        .expect("stream")
}

/// The best of `reps` timings of `f`.
async fn best<T, F, Fut>(reps: usize, mut f: F) -> (T, Duration)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let mut best: Option<(T, Duration)> = None;
    for _ in 0..reps.max(1) {
        let started = Instant::now();
        let out = f().await;
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(_, b)| took < *b) {
            best = Some((out, took));
        }
    }
    best.expect("one rep")
}

#[derive(Debug)]
struct PythonRun {
    rows_out: u64,
    requests: u64,
    seconds: f64,
}

fn python_available() -> bool {
    Command::new("python3")
        .args(["-c", "import requests"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run_python(emulator: &Emulator, audience: &str, extra: &[String]) -> PythonRun {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/paging_loop.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([
            emulator.base_url(),
            emulator.client_id(),
            emulator.client_secret(),
            audience,
        ])
        .args(extra)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "paging_loop.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("paging_loop.py output");
    PythonRun {
        rows_out: v["rows_out"].as_u64().unwrap_or(0),
        requests: v["requests"].as_u64().unwrap_or(0),
        seconds: v["seconds"].as_f64().unwrap_or(f64::NAN),
    }
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs `gtmsql -c sql` against the emulator and returns its output and peak RSS (KiB, the
/// last `VmHWM` seen before it exited; polled every 2 ms).
fn child_peak_rss(emulator: &Emulator, sql: &str, scratch: &Path) -> (String, Option<u64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gtmsql"))
        .args(["--format", "csv", "-c", sql])
        .env("GTMSQL_BASE_URL", emulator.base_url())
        .env("ZOOMINFO_CLIENT_ID", emulator.client_id())
        .env("ZOOMINFO_CLIENT_SECRET", emulator.client_secret())
        // No config file of the user's: its profiles must not pick another server.
        .env("XDG_CONFIG_HOME", scratch)
        .env_remove("GTMSQL_CONFIG")
        .env_remove("GTMSQL_PROFILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gtmsql binary");
    let pid = child.id();
    let mut peak = None;
    loop {
        if let Some(kib) = vm_hwm_kib(pid) {
            peak = Some(kib);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = child.wait_with_output().expect("output");
    assert!(
        out.status.success(),
        "gtmsql -c failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8_lossy(&out.stdout).into_owned(), peak)
}

fn leads_table(emails: &[String]) -> MemTable {
    let local = RecordBatch::try_new(
        Arc::new(Schema::new(vec![
            Field::new("email", DataType::Utf8View, false),
            Field::new("k", DataType::Int64, false),
        ])),
        vec![
            Arc::new(StringViewArray::from(
                emails.iter().map(String::as_str).collect::<Vec<_>>(),
            )),
            Arc::new(Int64Array::from(
                (0..emails.len() as i64).collect::<Vec<_>>(),
            )),
        ],
    )
    .expect("batch");
    MemTable::try_new(local.schema(), vec![vec![local]]).expect("memtable")
}

/// The client's pages into Arrow without DataFusion, `concurrency` pages in flight: through
/// `Row`s and `rows_to_batch` (the scan's decoder before `page_to_batch`) or straight from
/// the body. Returns the rows decoded.
async fn client_to_arrow(
    client: &AudienceClient,
    fx: &Fixture,
    layout: &TableLayout,
    concurrency: usize,
    direct: bool,
) -> usize {
    let projection: Vec<usize> = (0..layout.schema.fields().len()).collect();
    let schema = Arc::new(layout.schema.project(&projection).expect("projection"));
    let (projection, schema) = (&projection, &schema);
    stream::iter(1..=fx.rows.div_ceil(PAGE))
        .map(|page| async move {
            let request = SearchRequest {
                columns: Some(fx.columns.clone()),
                page: u32::try_from(page).expect("page"),
                page_size: PAGE as u32,
                ..SearchRequest::default()
            };
            if direct {
                let body = client
                    .search_rows_raw(&fx.id, &request)
                    .await
                    .expect("search");
                page_to_batch(layout, projection, schema, &body, PAGE, "bench")
                    .expect("decode")
                    .rows
            } else {
                let page = client.search_rows(&fx.id, &request).await.expect("search");
                rows_to_batch(layout, projection, schema, &page.rows, "bench")
                    .expect("decode")
                    .num_rows()
            }
        })
        .buffer_unordered(concurrency)
        .fold(0, |acc, n| async move { acc + n })
        .await
}

/// What every measurement of one latency profile works with.
#[derive(Debug)]
struct Ctx<'a> {
    o: &'a Options,
    /// `, 40ms` (empty without latency), appended to every measure's name.
    tag: &'a str,
    emulator: &'a Emulator,
    client: &'a AudienceClient,
    session: &'a GtmSession,
    raw: &'a Raw,
    folder: &'a str,
    scratch: &'a Path,
}

/// Everything measured on one audience.
async fn measure_audience(cx: &Ctx<'_>, report: &mut Report, fx: &Fixture) {
    let Ctx {
        o,
        tag,
        emulator,
        client,
        session,
        raw,
        scratch,
        ..
    } = *cx;
    let n = fx.rows;
    let size = human(n);
    // Timings are the best of `reps` runs (two on a million rows, where a run takes seconds:
    // the first warms the store's caches for both gtmsql and the floor).
    let reps = if n >= 1_000_000 {
        o.reps.min(2)
    } else {
        o.reps
    };
    let t = &fx.table;
    println!("\n== {size} rows{tag} ==");
    // Cache the table's metadata first (its filter-metadata request), as a session would.
    session
        .execute(&format!("SELECT email FROM {t} LIMIT 1"))
        .await
        .expect("warm up");

    // Requests per query class.
    let value_limit = client
        .filter_metadata(&fx.id)
        .await
        .expect("filter metadata")
        .into_iter()
        .find(|m| m.column_id == fx.columns[0])
        .and_then(|m| {
            m.operators
                .into_iter()
                .find(|op| op.operator == gtmsql::client::FilterOperator::Equals)
        })
        .and_then(|op| op.value_count_limit)
        .map_or(JOIN_KEYS, |l| l as usize);
    let mid = n / 2;
    let classes: Vec<(&str, String, u64, bool)> = vec![
        (
            "point lookup",
            format!("SELECT * FROM {t} WHERE email = 'person{mid}@example.com'"),
            1,
            false,
        ),
        (
            "TopN",
            format!("SELECT email, employees FROM {t} ORDER BY employees DESC LIMIT 10"),
            1,
            false,
        ),
        ("count", format!("SELECT count(*) FROM {t}"), 1, true),
    ];
    for (class, sql, optimum, at_most) in classes {
        let (out, requests, took) = counted(client, session.execute(&sql)).await;
        let out = out.expect("query");
        assert!(num_rows(&out) > 0, "{sql}");
        let met = if at_most {
            requests <= optimum
        } else {
            requests == optimum
        };
        report.add(
            format!("requests: {class} ({size}{tag})"),
            format!("{requests} ({})", fmt_secs(took)),
            optimum.to_string(),
            Some(requests as f64 / optimum as f64),
            if at_most {
                format!("≤ {optimum}")
            } else {
                format!("= {optimum}")
            },
            Some(met),
        );
    }

    // Full scan: requests and throughput against the raw floor.
    let options = session.options();
    let partitions = if options.partitions == 0 {
        session
            .context()
            .state()
            .config()
            .target_partitions()
            .max(1)
    } else {
        options.partitions
    };
    let concurrency = partitions * options.concurrency.max(1);
    let scan_sql = format!("SELECT * FROM {t}");
    let ((scanned, scan_requests), ours) = best(reps, || async {
        let (rows, requests, _) = counted(client, stream_rows(session, &scan_sql)).await;
        (rows, requests)
    })
    .await;
    assert_eq!(scanned, n, "{scan_sql}");
    let pages = n.div_ceil(PAGE) as u64;
    report.add(
        format!("requests: full scan ({size}{tag})"),
        scan_requests.to_string(),
        pages.to_string(),
        Some(scan_requests as f64 / pages as f64),
        format!("= {pages}"),
        Some(scan_requests == pages),
    );
    let all_columns = fx.columns.join(",");
    let (bytes, floor) = best(reps, || raw.scan(&fx.id, &all_columns, n, concurrency)).await;
    let (r_ours, r_floor) = (rate(n, ours), rate(n, floor));
    println!(
        "  full scan: gtmsql {} in {}, raw {} in {} ({} MB, {concurrency} in flight)",
        fmt_rate(r_ours),
        fmt_secs(ours),
        fmt_rate(r_floor),
        fmt_secs(floor),
        bytes / 1_000_000
    );
    report.add(
        format!("full scan into Arrow ({size}{tag})"),
        fmt_rate(r_ours),
        format!("{} raw", fmt_rate(r_floor)),
        Some(r_ours / r_floor),
        "≥ 0.8× raw",
        Some(r_ours / r_floor >= 0.8),
    );

    // The decoding step alone, outside DataFusion: the client's pages into Arrow through
    // `Row`s (how the scan decoded before) and straight from the body (how it does now).
    let audience = client.get_audience(&fx.id).await.expect("audience");
    let metadata = client
        .filter_metadata(&fx.id)
        .await
        .expect("filter metadata");
    let layout = TableLayout::new(&audience, &metadata);
    for (direct, label) in [(false, "via Row (before)"), (true, "direct (after)")] {
        let (rows, took) = best(reps, || {
            client_to_arrow(client, fx, &layout, concurrency, direct)
        })
        .await;
        assert_eq!(rows, n, "client_to_arrow");
        let r = rate(n, took);
        report.add(
            format!("client pages into Arrow, {label} ({size}{tag})"),
            fmt_rate(r),
            format!("{} raw", fmt_rate(r_floor)),
            Some(r / r_floor),
            "—",
            None,
        );
    }

    // The join of 1,000 local emails, with and without pushdown.
    let keys = JOIN_KEYS.min(n);
    let stride = n / keys;
    let emails: Vec<String> = (0..keys)
        .map(|i| format!("person{}@example.com", i * stride))
        .collect();
    let leads = format!("gtm.local.leads_{}", size.to_lowercase());
    session
        .context()
        .register_table(leads.as_str(), Arc::new(leads_table(&emails)))
        .expect("register");
    let join_sql =
        format!("SELECT l.k, b.employees FROM {leads} l JOIN {t} b ON b.email = l.email");
    let mut join = Vec::new();
    for pushdown in [true, false] {
        session
            .execute(&format!("SET gtm.join_pushdown = {pushdown}"))
            .await
            .expect("set");
        let ((rows, requests), took) = best(reps, || async {
            let (out, r, _) = counted(client, session.execute(&join_sql)).await;
            (num_rows(&out.expect("join")), r)
        })
        .await;
        assert_eq!(rows, keys, "{join_sql}");
        join.push((requests, took));
    }
    session
        .execute("SET gtm.join_pushdown = true")
        .await
        .expect("set");
    let (with, without) = (join[0], join[1]);
    // Batched searches, or a full scan when that takes fewer requests (small audiences).
    let join_optimum = keys.div_ceil(value_limit).min(n.div_ceil(PAGE)) as u64;
    // Pushdown pays off once the audience has many more pages than the keys make searches:
    // the goals are set for 100k rows and up.
    let pushdown_goals = n >= 100_000;
    report.add(
        format!("requests: join {keys} keys ({size}{tag})"),
        with.0.to_string(),
        join_optimum.to_string(),
        Some(with.0 as f64 / join_optimum as f64),
        format!("= {join_optimum}"),
        Some(with.0 == join_optimum),
    );
    let fewer = without.0 as f64 / with.0.max(1) as f64;
    report.add(
        format!("join pushdown: requests ({size}{tag})"),
        with.0.to_string(),
        format!("{} without", without.0),
        Some(fewer),
        if pushdown_goals {
            "≥ 10× fewer"
        } else {
            "— (< 100k)"
        },
        pushdown_goals.then_some(fewer >= 10.0),
    );
    let faster = without.1.as_secs_f64() / with.1.as_secs_f64();
    report.add(
        format!("join pushdown: time ({size}{tag})"),
        fmt_secs(with.1),
        format!("{} without", fmt_secs(without.1)),
        Some(faster),
        if pushdown_goals {
            "≥ 5× faster"
        } else {
            "— (< 100k)"
        },
        pushdown_goals.then_some(faster >= 5.0),
    );

    // Against the Python paging loop.
    if !o.python {
        return;
    }
    if !python_available() {
        println!("  python: skipped: python3 requests not installed");
        return;
    }
    let py = run_python(emulator, &fx.id, &[]);
    assert_eq!(py.requests as usize, pages as usize + 2, "python paging");
    let speedup = py.seconds / ours.as_secs_f64();
    report.add(
        format!("full scan vs Python ({size}{tag})"),
        fmt_secs(ours),
        format!("{:.2} s Python", py.seconds),
        Some(speedup),
        "≥ 5× faster",
        Some(speedup >= 5.0),
    );
    let filter_sql = format!(
        "SELECT email, full_name FROM {t} WHERE company = '{FILTER_COMPANY}' AND employees > {FILTER_MIN}"
    );
    let (rows, took) = best(reps, || async {
        num_rows(&session.execute(&filter_sql).await.expect("filter"))
    })
    .await;
    let py = run_python(
        emulator,
        &fx.id,
        &[
            "--eq".to_owned(),
            format!("Company={FILTER_COMPANY}"),
            "--gt".to_owned(),
            format!("Employees={FILTER_MIN}"),
        ],
    );
    assert_eq!(py.rows_out as usize, rows, "filtered rows differ");
    let speedup = py.seconds / took.as_secs_f64();
    report.add(
        format!("filtered query vs Python ({size}{tag})"),
        fmt_secs(took),
        format!("{:.2} s Python", py.seconds),
        Some(speedup),
        "—",
        None,
    );
    let keys_file = scratch.join(format!("emails_{}.txt", size.to_lowercase()));
    std::fs::write(&keys_file, emails.join("\n")).expect("keys file");
    let py = run_python(
        emulator,
        &fx.id,
        &[
            "--in-file".to_owned(),
            format!("Email={}", keys_file.display()),
        ],
    );
    assert_eq!(py.rows_out as usize, keys, "python join rows");
    let speedup = py.seconds / with.1.as_secs_f64();
    report.add(
        format!("join {keys} keys vs Python ({size}{tag})"),
        fmt_secs(with.1),
        format!("{:.2} s Python", py.seconds),
        Some(speedup),
        "≥ 10× faster",
        Some(speedup >= 10.0),
    );
}

/// `INSERT` of `rows` rows from CSV against prebuilt bulk upserts.
async fn measure_insert(cx: &Ctx<'_>, report: &mut Report, rows: usize) {
    let Ctx {
        tag,
        client,
        session,
        raw,
        folder,
        scratch,
        ..
    } = *cx;
    let size = human(rows);
    let scalar = &COLUMNS[..7];
    let csv = scratch.join(format!("load_{}.csv", size.to_lowercase()));
    let mut text = String::from("email,full_name,company,employees,revenue,active,signed\n");
    for i in 0..rows {
        let v = person(i, "load");
        let _ = writeln!(
            text,
            "{},{},{},{},{},{},{}",
            v[0].as_str().unwrap_or_default(),
            v[1].as_str().unwrap_or_default(),
            v[2].as_str().unwrap_or_default(),
            v[3],
            v[4],
            v[5],
            v[6].as_str().unwrap_or_default()
        );
    }
    std::fs::write(&csv, text).expect("csv");
    let table = format!("loaded_{}", size.to_lowercase());
    for sql in [
        format!(
            "CREATE EXTERNAL TABLE csv_{table} STORED AS CSV LOCATION '{}' OPTIONS ('format.has_header' 'true')",
            csv.display()
        ),
        format!(
            "CREATE TABLE bench.{table} (email EMAIL, full_name TEXT, company TEXT, employees INTEGER, \
             revenue DECIMAL, active BOOLEAN, signed DATE)"
        ),
    ] {
        session.execute(&sql).await.expect("setup");
    }
    let insert = format!(
        "INSERT INTO bench.{table} (email, full_name, company, employees, revenue, active, signed) \
         SELECT email, full_name, company, employees, revenue, active, CAST(signed AS DATE) FROM csv_{table}"
    );
    let (out, requests, ours) = counted(client, session.execute(&insert)).await;
    out.expect("insert");
    let count = session
        .execute(&format!("SELECT count(*) FROM bench.{table}"))
        .await
        .expect("count");
    assert_eq!(first_i64(&count) as usize, rows, "rows loaded");
    // The floor: the same rows as prebuilt bodies of 500, four in flight (the loader's
    // concurrency), into a fresh audience with the same columns.
    let (audience, ids) = create_audience(client, folder, &format!("Raw {size}"), scalar).await;
    let bodies: Vec<String> = (0..rows)
        .step_by(PAGE)
        .map(|start| {
            let data: Vec<Value> = (start..(start + PAGE).min(rows))
                .map(|i| {
                    let values: Vec<Value> = ids
                        .iter()
                        .zip(person(i, "load"))
                        .map(|(id, v)| json!({"columnId": id, "value": v}))
                        .collect();
                    json!({"type": "Row", "attributes": {"values": values}})
                })
                .collect();
            json!({ "data": data }).to_string()
        })
        .collect();
    let path = format!("/audiences/{audience}/rows/actions/bulk/upsert");
    let started = Instant::now();
    stream::iter(bodies)
        .map(|body| raw.post(&path, &[], body))
        .buffer_unordered(LOAD_CONCURRENCY)
        .collect::<Vec<_>>()
        .await;
    let floor = started.elapsed();
    let (r_ours, r_floor) = (rate(rows, ours), rate(rows, floor));
    println!(
        "  INSERT: gtmsql {} ({requests} searches), raw {}",
        fmt_secs(ours),
        fmt_secs(floor)
    );
    report.add(
        format!("INSERT {size} rows from CSV{tag}"),
        fmt_rate(r_ours),
        format!("{} raw", fmt_rate(r_floor)),
        Some(r_ours / r_floor),
        "≥ 0.8× raw",
        Some(r_ours / r_floor >= 0.8),
    ); // The client alone, the same chunks and concurrency: answers decoded into `Row`s (how
    // loads read them before) or only counted (how they do now).
    for (count_only, label) in [(false, "rows decoded (before)"), (true, "counted (after)")] {
        let (audience, ids) = create_audience(
            client,
            folder,
            &format!("Client {size} {count_only}"),
            scalar,
        )
        .await;
        let chunks: Vec<Vec<UpsertRow>> = (0..rows)
            .step_by(PAGE)
            .map(|start| {
                (start..(start + PAGE).min(rows))
                    .map(|i| UpsertRow::create(ids.iter().cloned().zip(person(i, "load"))))
                    .collect()
            })
            .collect();
        let options = UpsertOptions::default();
        let started = Instant::now();
        let written: usize = stream::iter(&chunks)
            .map(|chunk| {
                let (audience, options) = (&audience, &options);
                async move {
                    if count_only {
                        client.upsert_rows_count(audience, chunk, options).await
                    } else {
                        client
                            .upsert_rows(audience, chunk, options)
                            .await
                            .map(|r| r.len())
                    }
                    .expect("upsert")
                }
            })
            .buffer_unordered(LOAD_CONCURRENCY)
            .fold(0, |acc, n| async move { acc + n })
            .await;
        assert_eq!(written, rows, "client upsert");
        let r = rate(rows, started.elapsed());
        report.add(
            format!("client bulk upserts, {label} ({size}{tag})"),
            fmt_rate(r),
            format!("{} raw", fmt_rate(r_floor)),
            Some(r / r_floor),
            "—",
            None,
        );
    }
}

async fn run_profile(o: &Options, report: &mut Report, latency: Duration, scratch: &Path) {
    let tag = if latency.is_zero() {
        String::new()
    } else {
        format!(", {}ms", latency.as_millis())
    };
    let dir = scratch.join(format!("store-{}", latency.as_millis()));
    let faults = if latency.is_zero() {
        FaultSpec::none()
    } else {
        format!("latency={}ms", latency.as_millis())
            .parse()
            .expect("fault spec")
    };
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().expect("address"))
            .with_storage(Storage::Dir(dir))
            .with_job_pace(JobPace::immediate())
            .with_faults(faults),
    )
    .await
    .expect("emulator");
    let client = AudienceClientBuilder::new()
        .with_base_url(emulator.base_url())
        .with_client_id(emulator.client_id())
        .with_client_secret(emulator.client_secret())
        .build()
        .expect("client");
    let folder = client
        .create_folder(&NewFolder {
            name: "Bench".to_owned(),
            ..NewFolder::default()
        })
        .await
        .expect("folder")
        .id;
    let mut fixtures = Vec::new();
    for &n in &o.sizes {
        fixtures.push(seed(&emulator, &client, &folder, n).await);
    }
    // Connected after seeding, so that the catalog knows the row counts.
    let session = GtmSession::connect(client.clone()).await.expect("session");
    let raw = Raw::connect(&emulator).await;
    let cx = Ctx {
        o,
        tag: &tag,
        emulator: &emulator,
        client: &client,
        session: &session,
        raw: &raw,
        folder: &folder,
        scratch,
    };
    for fx in &fixtures {
        Box::pin(measure_audience(&cx, report, fx)).await;
    }
    if o.insert_rows > 0 {
        Box::pin(measure_insert(&cx, report, o.insert_rows)).await;
    }
    if o.rss
        && latency.is_zero()
        && let Some(fx) = fixtures.iter().max_by_key(|f| f.rows)
    {
        let size = human(fx.rows);
        let (out, peak) = child_peak_rss(
            &emulator,
            &format!("SELECT count(*) FROM {} WHERE {LOCAL_ONLY}", fx.table),
            scratch,
        );
        let expected = (0..fx.rows)
            .filter(|i| format!("Person {i}").len() % 7 == 3)
            .count();
        assert!(out.contains(&expected.to_string()), "count: {out}");
        let (_, base) = child_peak_rss(
            &emulator,
            &format!("SELECT count(*) FROM {}", fx.table),
            scratch,
        );
        if let (Some(peak), Some(base)) = (peak, base) {
            let mb = peak as f64 / 1024.0;
            report.add(
                format!("peak RSS, count(*) WHERE {LOCAL_ONLY} ({size})"),
                format!("{mb:.0} MB"),
                format!("{:.0} MB pushed count", base as f64 / 1024.0),
                Some(peak as f64 / base as f64),
                "≤ 200 MB",
                Some(mb <= 200.0),
            );
        }
    }
    drop(session);
    emulator.shutdown().await;
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gtmsql-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` and nextest run this binary
    // as a test. Under a test runner it lists one `smoke` test and runs it on 1,000 rows, so
    // the harness is exercised by CI in seconds.
    if args.iter().any(|a| a == "--list") {
        if !args.iter().any(|a| a == "--ignored") {
            println!("smoke: test");
        }
        return;
    }
    let o = Options::parse(&args);
    println!(
        "gtmsql bench: sizes {:?}, latency {:?}, INSERT {} rows{}",
        o.sizes.iter().map(|&n| human(n)).collect::<Vec<_>>(),
        o.latencies,
        o.insert_rows,
        if o.smoke { " (smoke)" } else { "" }
    );
    let scratch = scratch_dir();
    let mut report = Report::default();
    let started = Instant::now();
    for &latency in &o.latencies {
        Box::pin(run_profile(&o, &mut report, latency, &scratch)).await;
    }
    report.print();
    println!("\n(total {})", fmt_secs(started.elapsed()));
    let _ = std::fs::remove_dir_all(&scratch);
}
