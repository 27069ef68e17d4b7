//! A soak under a rate limit: eight sessions (eight accounts, each its own client) run mixed
//! reads and keyed writes against one emulator on the Builder package (5 requests per
//! second per account) for `GTMSQL_SOAK_SECS` seconds (default 20). No statement fails or
//! returns a wrong answer, no request is refused with a 429 that pacing could have avoided
//! (each client has its own account, so every 429 would have been avoidable: there must be
//! none), pacing did hold requests back, and the process's resident memory stays flat.

#![allow(clippy::print_stderr)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Int64Type, UInt64Type};
use gtmsql::GtmSession;
use gtmsql::client::{
    AudienceClient, AudienceType, DataType, NewAudience, NewColumn, NewFolder, StatsSnapshot,
};
use gtmsql_emulator::{ClientConfig, Emulator, EmulatorConfig, JobPace, RateLimitPlan};

const SESSIONS: usize = 8;
/// Resident memory may grow by at most this much between warm-up and the end.
const RSS_GROWTH_LIMIT: u64 = 50 * 1024 * 1024;

fn account(k: usize) -> ClientConfig {
    ClientConfig::new(
        format!("soak-{k}"),
        format!("soak-secret-{k}-0123456789abcdef"),
    )
}

fn client(emulator: &Emulator, k: usize) -> AudienceClient {
    let account = account(k);
    AudienceClient::builder()
        .with_base_url(emulator.base_url())
        .with_client_id(account.id)
        .with_client_secret(account.secret)
        .with_request_timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Resident set size of this process (emulator included), in bytes.
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn number(batches: &[RecordBatch]) -> Option<i64> {
    let column = batches.first()?.column(0);
    if column.is_null(0) {
        return None;
    }
    column
        .as_primitive_opt::<Int64Type>()
        .map(|a| a.value(0))
        .or_else(|| {
            column
                .as_primitive_opt::<UInt64Type>()
                .map(|a| a.value(0) as i64)
        })
}

/// One session's workload until `deadline` (or `min_iterations` iterations, whichever is
/// later): returns its iterations and statements.
async fn work(
    session: &GtmSession,
    k: usize,
    start: usize,
    min_iterations: usize,
    deadline: Instant,
) -> Result<(usize, usize), String> {
    let mut i = start;
    let mut statements = 0;
    let run = |sql: String| async move {
        session
            .execute(&sql)
            .await
            .map_err(|e| format!("session {k}: {sql}: {}", e.user_message()))
    };
    while i < start + min_iterations || Instant::now() < deadline {
        let check = |what: &str, got: Option<i64>, want: i64| {
            if got == Some(want) {
                Ok(())
            } else {
                Err(format!(
                    "session {k}, iteration {i}: {what}: got {got:?}, want {want}"
                ))
            }
        };
        let northwind =
            run("SELECT count(*) FROM events.booth_scans WHERE company = 'Northwind'".to_owned())
                .await?;
        check("Northwind rows", number(&northwind), 1)?;
        run(format!(
            "INSERT INTO soak.s{k} (email, n) VALUES ('i{i}@s{k}.io', {i}) \
             ON CONFLICT (email) DO UPDATE SET n = EXCLUDED.n"
        ))
        .await?;
        let rows = run(format!("SELECT count(*) FROM soak.s{k}")).await?;
        check("rows written so far", number(&rows), i as i64 + 1)?;
        let sum = run("SELECT sum(n) FROM bulk.contacts WHERE n < 100".to_owned()).await?;
        check("sum over bulk.contacts", number(&sum), 4950)?;
        if i.is_multiple_of(3) {
            run(format!(
                "UPDATE soak.s{k} SET n = n + 1000000 WHERE email = 'i{i}@s{k}.io'"
            ))
            .await?;
            let n = run(format!(
                "SELECT n FROM soak.s{k} WHERE email = 'i{i}@s{k}.io'"
            ))
            .await?;
            check("updated value", number(&n), i as i64 + 1_000_000)?;
            statements += 2;
        }
        statements += 4;
        i += 1;
    }
    Ok((i - start, statements))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_sessions_under_a_rate_limit_stay_correct_paced_and_flat() {
    let secs: u64 = std::env::var("GTMSQL_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let limit = Duration::from_secs(secs + 120);
    tokio::time::timeout(limit, run(Duration::from_secs(secs)))
        .await
        .unwrap_or_else(|_| panic!("the soak did not finish within {limit:?}"));
}

async fn run(length: Duration) {
    let mut config = EmulatorConfig::new()
        .with_listen("127.0.0.1:0".parse().unwrap())
        .with_job_pace(JobPace::immediate())
        .with_ai_error_rate(0.0)
        .with_rate_limit(RateLimitPlan::Builder);
    for k in 0..SESSIONS {
        config = config.with_client(account(k));
    }
    let emulator = Emulator::start(config).await.unwrap();

    // The fixture, and one audience per session for its writes.
    let setup = client(&emulator, 0);
    common::fixture::load(&setup).await;
    let folder = setup.create_folder(&NewFolder::new("Soak")).await.unwrap();
    for k in 0..SESSIONS {
        setup
            .create_audience(
                &NewAudience {
                    folder_id: Some(folder.id.clone()),
                    columns: vec![
                        NewColumn::custom("Email", DataType::Email),
                        NewColumn::custom("N", DataType::Integer),
                    ],
                    ..NewAudience::new(format!("S{k}"), AudienceType::Contact)
                },
                false,
            )
            .await
            .unwrap();
    }

    let mut sessions = Vec::new();
    for k in 0..SESSIONS {
        sessions.push(Arc::new(
            GtmSession::connect(client(&emulator, k)).await.unwrap(),
        ));
    }
    let totals = |sessions: &[Arc<GtmSession>]| -> StatsSnapshot {
        let mut total = StatsSnapshot::default();
        for s in sessions {
            let snap = s.catalog().client().stats().snapshot();
            total.requests += snap.requests;
            total.retries += snap.retries;
            total.throttle_waits += snap.throttle_waits;
        }
        total
    };

    // Warm-up: two iterations per session, concurrently.
    let warm = futures::future::join_all(sessions.iter().enumerate().map(|(k, s)| {
        let s = Arc::clone(s);
        async move { work(&s, k, 0, 2, Instant::now()).await }
    }))
    .await;
    for result in warm {
        result.unwrap();
    }
    let rss_start = rss();
    let before = totals(&sessions);
    let started = Instant::now();
    let deadline = started + length;

    let results = futures::future::join_all(sessions.iter().enumerate().map(|(k, s)| {
        let s = Arc::clone(s);
        async move { work(&s, k, 2, 1, deadline).await }
    }))
    .await;
    let elapsed = started.elapsed();
    let rss_end = rss();
    let stats = {
        let after = totals(&sessions);
        StatsSnapshot {
            requests: after.requests - before.requests,
            retries: after.retries - before.retries,
            throttle_waits: after.throttle_waits - before.throttle_waits,
            ..StatsSnapshot::default()
        }
    };
    let mut iterations = 0;
    let mut statements = 0;
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((n, s)) => {
                iterations += n;
                statements += s;
            }
            Err(e) => errors.push(e),
        }
    }
    let served: u64 = emulator
        .stats()
        .iter()
        .filter(|(op, _)| op.as_str() != "Token")
        .map(|(_, n)| n)
        .sum();
    eprintln!(
        "soak: {SESSIONS} sessions, {:.1} s, {iterations} iterations ({} statements), {} \
         requests ({:.1}/s), {} retries, {} paced waits, {} errors; rss {:.1} MiB -> {:.1} MiB; \
         {served} API requests served in all",
        elapsed.as_secs_f64(),
        statements,
        stats.requests,
        stats.requests as f64 / elapsed.as_secs_f64(),
        stats.retries,
        stats.throttle_waits,
        errors.len(),
        rss_start as f64 / 1048576.0,
        rss_end as f64 / 1048576.0
    );
    assert!(
        errors.is_empty(),
        "statements failed:\n{}",
        errors.join("\n")
    );
    assert!(iterations >= SESSIONS, "{iterations} iterations");
    // Without faults, a retry can only be a refused request: a 429 that pacing should have
    // prevented (each session is alone on its account).
    assert_eq!(stats.retries, 0, "requests were retried (429s): {stats:?}");
    assert!(
        stats.throttle_waits > 0,
        "pacing never held a request back: the limit was not reached ({stats:?})"
    );
    assert!(
        rss_end.saturating_sub(rss_start) < RSS_GROWTH_LIMIT,
        "resident memory grew from {rss_start} to {rss_end} bytes"
    );
    drop(sessions);
    emulator.shutdown().await;
}
