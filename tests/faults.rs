//! SQL under injected faults gives the answers of a fault-free run: a fixed list of queries
//! and writes runs through `GtmSession` against an emulator answering 5% of requests with a
//! 5xx, 5% with 429 + `Retry-After`, adding 1–10 ms of latency and expiring tokens mid-scan,
//! and against a second, fault-free emulator with the same data; every statement's rows must
//! match, and the client's per-statement stats must show the retries that made it so.

#![allow(clippy::print_stderr)]

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gtmsql::GtmSession;
use gtmsql::client::{AudienceClient, BackoffConfig, RetryConfig};
use gtmsql_emulator::{ClientConfig, Emulator, EmulatorConfig, FaultSpec, JobPace, Storage};

use common::render::sorted_rows as render;

/// The faults of the faulty emulator (`GTMSQL_FAULTS` overrides them).
const FAULTS: &str = "5xx=5%,429=5%,retry-after=0,latency=1ms..10ms,expire=3%@Rows_listRows";
/// The emulator's fault seeds: the suite runs once per seed (`GTMSQL_FAULT_SEED` picks one).
const SEEDS: [u64; 4] = [20_261_126, 7, 11, 42];

/// Retries quick enough for a test: `Retry-After: 0`, then jittered 5–100 ms.
fn fast_retry() -> RetryConfig {
    RetryConfig {
        max_retries: 12,
        retry_timeout: Duration::from_secs(60),
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(100),
            base: 2.0,
        },
    }
}

fn credentials() -> ClientConfig {
    ClientConfig::new("faults-client", "faults-secret-0123456789abcdef")
}

fn config() -> EmulatorConfig {
    EmulatorConfig::new()
        .with_listen("127.0.0.1:0".parse().unwrap())
        .with_job_pace(JobPace::immediate())
        .with_ai_error_rate(0.0)
        .with_client(credentials())
}

fn client_of(emulator: &Emulator) -> AudienceClient {
    AudienceClient::builder()
        .with_base_url(emulator.base_url())
        .with_client_id(emulator.client_id())
        .with_client_secret(emulator.client_secret())
        .with_retry(fast_retry())
        .with_request_timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The fault-free emulator, with the fixture audiences.
async fn clean_emulator() -> Emulator {
    let emulator = Emulator::start(config()).await.unwrap();
    common::fixture::load(&client_of(&emulator)).await;
    emulator
}

/// The faulty emulator: the fixture is written fault-free into `dir`, then the emulator is
/// started again on it with the faults on.
async fn faulty_emulator(dir: &PathBuf, faults: FaultSpec, seed: u64) -> Emulator {
    let _ = std::fs::remove_dir_all(dir);
    let loader = Emulator::start(config().with_storage(Storage::Dir(dir.clone())))
        .await
        .unwrap();
    common::fixture::load(&client_of(&loader)).await;
    loader.shutdown().await;
    Emulator::start(
        config()
            .with_storage(Storage::Dir(dir.clone()))
            .with_faults(faults)
            .with_seed(seed),
    )
    .await
    .unwrap()
}

/// The statements: reads of every fixture audience (pushdown, aggregates, joins, paged
/// scans), then DDL and keyed writes with read-backs. Plain INSERTs (creates without a key)
/// are left out: under a 500/502/504 their rows are in doubt and the statement says so
/// (tests/loads.rs covers that); keyed loads resolve it.
fn statements() -> Vec<String> {
    let mut s: Vec<String> = [
        "SELECT count(*) FROM events.booth_scans",
        "SELECT email, full_name, company, title, employees, revenue, score, active, signed_up, tags, ratings, website, profile FROM events.booth_scans",
        "SELECT email, full_name FROM events.booth_scans WHERE company = 'Northwind'",
        "SELECT email FROM events.booth_scans WHERE employees > 300",
        "SELECT email FROM events.booth_scans WHERE email LIKE '%@acme.com'",
        "SELECT full_name FROM events.booth_scans WHERE active",
        "SELECT full_name FROM events.booth_scans WHERE NOT active OR active IS NULL",
        "SELECT full_name, signed_up FROM events.booth_scans WHERE signed_up >= DATE '2026-01-01'",
        "SELECT full_name FROM events.booth_scans WHERE array_has(tags, 'SaaS')",
        "SELECT full_name FROM events.booth_scans WHERE revenue IS NULL",
        "SELECT company, count(*) FROM events.booth_scans GROUP BY company",
        "SELECT email FROM events.booth_scans WHERE email IS NOT NULL ORDER BY email LIMIT 5",
        "SELECT full_name FROM events.booth_scans WHERE company IN ('Acme Corp', 'Globex', 'Hooli')",
        "SELECT full_name FROM events.booth_scans WHERE score BETWEEN 6 AND 8.5",
        "SELECT b.full_name, a.industry FROM events.booth_scans b JOIN events.accounts a ON a.name = b.company",
        "SELECT name, domain, industry, employees, founded FROM events.accounts",
        "SELECT industry, sum(employees) FROM events.accounts GROUP BY industry",
        "SELECT name FROM events.accounts WHERE founded < DATE '1990-01-01'",
        "SELECT count(*) FROM bulk.contacts",
        "SELECT \"group\", count(*), sum(n) FROM bulk.contacts GROUP BY \"group\"",
        "SELECT email FROM bulk.contacts WHERE n BETWEEN 100 AND 120",
        "SELECT n FROM bulk.contacts WHERE n IN (1, 5, 999, 1233, 5000)",
        "SELECT max(n), min(email), max(email) FROM bulk.contacts",
        "SELECT count(*) FROM bulk.contacts WHERE email LIKE 'person01%'",
        "SELECT email, n FROM bulk.contacts ORDER BY n DESC LIMIT 10",
        "SELECT count(*) FROM bulk.contacts WHERE \"group\" IS NULL",
        "SELECT c.email FROM bulk.contacts c JOIN events.accounts a ON a.employees = c.n",
        "SELECT email, n, \"group\" FROM bulk.contacts",
        "SELECT email, n FROM bulk.contacts WHERE n % 2 = 0",
        "SELECT email FROM bulk.contacts WHERE \"group\" = 'beta' AND n > 200",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for (k, group) in ["alpha", "beta", "gamma"]
        .iter()
        .cycle()
        .take(15)
        .enumerate()
    {
        s.push(format!(
            "SELECT count(*), sum(n), min(email) FROM bulk.contacts WHERE n >= {} AND n < {} AND \"group\" = '{group}'",
            k * 80,
            k * 80 + 150
        ));
    }
    s.extend(
        [
            "CREATE SCHEMA faultdemo",
            "CREATE TABLE faultdemo.leads (email EMAIL, full_name TEXT, employees INTEGER)",
            "INSERT INTO faultdemo.leads (email, full_name, employees) VALUES ('ann@acme.com', 'Ann', 10), ('bob@globex.io', 'Bob', 20), ('cy@initech.ai', 'Cy', 30) ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, employees = EXCLUDED.employees",
            "SELECT email, full_name, employees FROM faultdemo.leads",
            "INSERT INTO faultdemo.leads (email, full_name, employees) SELECT email, 'Person ' || CAST(n AS VARCHAR), n FROM bulk.contacts WHERE n < 700 ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, employees = EXCLUDED.employees",
            "SELECT count(*), sum(employees), count(DISTINCT email) FROM faultdemo.leads",
            "INSERT INTO faultdemo.leads (email, full_name, employees) SELECT email, 'Again ' || CAST(n AS VARCHAR), n * 2 FROM bulk.contacts WHERE n < 900 ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, employees = EXCLUDED.employees",
            "SELECT count(*), sum(employees), count(DISTINCT email), min(full_name), max(full_name) FROM faultdemo.leads",
            "UPDATE faultdemo.leads SET employees = employees + 1 WHERE employees < 100",
            "SELECT email, employees FROM faultdemo.leads WHERE employees < 120",
            "UPDATE faultdemo.leads SET full_name = 'Renamed' WHERE email LIKE 'person000%'",
            "SELECT email, full_name FROM faultdemo.leads WHERE full_name = 'Renamed'",
            "INSERT INTO faultdemo.leads (email, full_name, employees) VALUES ('ann@acme.com', 'Not Ann', 0), ('dee@hooli.xyz', 'Dee', 40) ON CONFLICT (email) DO NOTHING",
            "SELECT email, full_name, employees FROM faultdemo.leads WHERE employees <= 40 OR email LIKE '%@hooli.xyz'",
            "SELECT count(*), sum(employees) FROM faultdemo.leads",
            "CREATE TABLE faultdemo.notes (email EMAIL, note TEXT)",
            "INSERT INTO faultdemo.notes (email, note) SELECT email, 'first' FROM faultdemo.leads WHERE employees < 60 ON CONFLICT (email) DO UPDATE SET note = EXCLUDED.note",
            "SELECT l.email, l.full_name, n.note FROM faultdemo.leads l JOIN faultdemo.notes n ON n.email = l.email",
            "SELECT count(*) FROM faultdemo.notes",
            "SELECT email, full_name, employees FROM faultdemo.leads",
            "SELECT c.email, l.full_name FROM bulk.contacts c JOIN faultdemo.leads l ON l.email = c.email WHERE c.n < 300",
        ]
        .into_iter()
        .map(str::to_owned),
    );
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_under_faults_matches_a_fault_free_run() {
    let limit = Duration::from_secs(240);
    let seeds = match std::env::var("GTMSQL_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seed) => vec![seed],
        None => SEEDS.to_vec(),
    };
    tokio::time::timeout(limit, async {
        for seed in seeds {
            run(seed).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("the fault suite did not finish within {limit:?}"));
}

async fn run(seed: u64) {
    let spec = std::env::var("GTMSQL_FAULTS").unwrap_or_else(|_| FAULTS.to_owned());
    let dir = std::env::temp_dir().join(format!("gtmsql-faults-{}", std::process::id()));
    let started = Instant::now();
    let clean = clean_emulator().await;
    let faulty = faulty_emulator(&dir, spec.parse().unwrap(), seed).await;
    let reference = GtmSession::connect(client_of(&clean)).await.unwrap();
    let session = GtmSession::connect(client_of(&faulty)).await.unwrap();
    // Pages of 100 rows: more requests, so more of them meet a fault.
    for s in [&reference, &session] {
        s.execute("SET gtm.page_size = 100").await.unwrap();
    }
    let stats = session.catalog().client().stats().clone();

    let statements = statements();
    assert!(statements.len() >= 50, "{} statements", statements.len());
    let mut differences = Vec::new();
    let mut retried_statements = 0;
    let mut rows_checked = 0usize;
    let before_all = stats.snapshot();
    for sql in &statements {
        let expected = reference
            .execute(sql)
            .await
            .map(|b| render(&b))
            .unwrap_or_else(|e| panic!("fault-free: {sql}: {}", e.user_message()));
        let before = stats.snapshot();
        let got = session.execute(sql).await.map(|b| render(&b));
        let delta = stats.snapshot().since(&before);
        if delta.retries > 0 {
            retried_statements += 1;
        }
        match got {
            Ok(rows) if rows == expected => rows_checked += rows.len(),
            Ok(rows) => differences.push(format!(
                "{sql}\n  fault-free: {:?}\n  faulty:     {:?}",
                expected.iter().take(6).collect::<Vec<_>>(),
                rows.iter().take(6).collect::<Vec<_>>()
            )),
            Err(e) => differences.push(format!(
                "{sql}\n  failed after {} requests, {} retries: {}",
                delta.requests,
                delta.retries,
                e.user_message()
            )),
        }
    }
    let total = stats.snapshot().since(&before_all);
    let served = faulty.stats();
    eprintln!(
        "fault suite ({spec}, seed {seed}): {} statements compared, {rows_checked} rows, \
         {} requests, {} retries in {retried_statements} statements, {} token fetches, {} \
         differences, {:.1} s",
        statements.len(),
        total.requests,
        total.retries,
        served.get("Token").copied().unwrap_or(0),
        differences.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        differences.is_empty(),
        "{} of {} statements differ under faults:\n{}",
        differences.len(),
        statements.len(),
        differences.join("\n")
    );
    assert!(
        total.retries > 0,
        "no fault was met: the suite proves nothing ({total:?})"
    );
    assert!(
        retried_statements >= 5,
        "only {retried_statements} statements met a fault"
    );
    assert!(rows_checked > 3_000, "{rows_checked} rows checked");
    if spec == FAULTS && seed == SEEDS[0] {
        let tokens = served.get("Token").copied().unwrap_or(0);
        assert!(
            tokens > 1,
            "no token expired mid-scan ({tokens} token fetches)"
        );
    }
    drop(session);
    faulty.shutdown().await;
    clean.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

/// A session whose requests go through a proxy that answers `status` to `times` requests
/// matching `what` after the emulator has committed them.
async fn behind_gateway(
    env: &common::TestEnv,
    status: u16,
    what: fn(&common::proxy::Exchange) -> bool,
    times: usize,
) -> (common::proxy::Proxy, GtmSession) {
    let proxy = common::proxy::Proxy::start(
        env.emulator.base_url(),
        common::proxy::no_request_hook(),
        gateway_error_after_commit(status, what, times),
    )
    .await;
    proxy.arm(true);
    let session = GtmSession::connect(proxy.client(env)).await.unwrap();
    (proxy, session)
}

/// Answers the first `n` requests matching `what` with `status` *after* the emulator handled
/// them (the write committed): what a gateway does when the upstream's answer is lost.
fn gateway_error_after_commit(
    status: u16,
    what: fn(&common::proxy::Exchange) -> bool,
    n: usize,
) -> common::proxy::ResponseHook {
    let seen = std::sync::atomic::AtomicUsize::new(0);
    Box::new(move |x| {
        if what(x) && seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < n {
            x.status = status;
            x.body = b"<html><body>upstream timed out</body></html>".to_vec();
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_answered_502_or_504_after_their_commit_are_never_repeated() {
    tokio::time::timeout(Duration::from_secs(120), async {
        let env = common::TestEnv::start().await;
        common::fixture::load(&env.client).await;
        let creates = |x: &common::proxy::Exchange| {
            x.method == "POST"
                && (x.target.ends_with("/folders")
                    || x.target.split('?').next().unwrap_or_default().ends_with("/audiences"))
        };
        let folders_before = env.client.list_folders().await.unwrap().len();
        let audiences_before = env.client.list_audiences().await.unwrap().len();

        // CREATE SCHEMA and CREATE TABLE whose answers are replaced by a 502: each is
        // looked up by name and found, not created a second time.
        let (_proxy, session) = behind_gateway(&env, 502, creates, 2).await;
        session.execute("CREATE SCHEMA gateway").await.unwrap();
        session
            .execute("CREATE TABLE gateway.leads (email EMAIL, n INTEGER)")
            .await
            .unwrap();
        assert_eq!(env.client.list_folders().await.unwrap().len(), folders_before + 1);
        assert_eq!(
            env.client.list_audiences().await.unwrap().len(),
            audiences_before + 1
        );

        // Row creates answered 504 after their commit: a keyed load finds its rows; a plain
        // one says which rows are in doubt. Neither writes a row twice.
        let upserts = |x: &common::proxy::Exchange| {
            x.method == "POST" && x.target.contains("/rows/actions/bulk/upsert")
        };
        let (_proxy, session) = behind_gateway(&env, 504, upserts, 1).await;
        let keyed = "INSERT INTO gateway.leads (email, n) SELECT email, n FROM bulk.contacts WHERE n < 600 \
                     ON CONFLICT (email) DO UPDATE SET n = EXCLUDED.n";
        assert_eq!(render(&session.execute(keyed).await.unwrap()), vec!["600"]);
        let totals = "SELECT count(*), count(DISTINCT email) FROM gateway.leads";
        assert_eq!(render(&session.execute(totals).await.unwrap()), vec!["600|600"]);

        let (_proxy, session) = behind_gateway(&env, 504, upserts, 1).await;
        let error = session
            .execute("INSERT INTO gateway.leads (email, n) SELECT email, n FROM bulk.contacts WHERE n >= 600 AND n < 900")
            .await
            .unwrap_err()
            .user_message();
        assert!(
            error.contains("source rows 1–300 may or may not have been written (batch 1 of 1"),
            "{error}"
        );
        // It was written once, not re-sent.
        assert_eq!(render(&session.execute(totals).await.unwrap()), vec!["900|900"]);

        // A bulk delete answered 502 after its commit: not re-sent, and said to be in doubt.
        let deletes = |x: &common::proxy::Exchange| {
            x.method == "DELETE" && x.target.contains("/rows/actions/bulk/delete")
        };
        let (_proxy, session) = behind_gateway(&env, 502, deletes, 1).await;
        let error = session
            .execute("DELETE FROM gateway.leads WHERE n < 10")
            .await
            .unwrap_err()
            .user_message();
        assert!(error.contains("whether the next 10 were is unknown"), "{error}");
        assert!(error.contains("may or may not have been applied"), "{error}");
        let served = env.served("Rows_deleteRows");
        assert_eq!(served, 1, "the delete was re-sent");
    })
    .await
    .expect("finished within 120 s");
}
