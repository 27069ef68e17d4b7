//! Secrets stay secret, and the emulator guards what it serves: no client secret or access
//! token in trace-level logs (the library's and the `gtmsql` binary's), in any error's
//! `Display` or `Debug`, or in the `Debug` of the client, its builder, the session or the
//! emulator; every one of the 23 API operations refuses a missing, bogus or under-scoped
//! token (extending `crates/emulator/tests/auth.rs`, which checks one route); the emulator
//! listens on loopback by default and its stats reveal nothing; and TLS certificates are
//! verified: a self-signed HTTPS server is refused with an error that says so.

#![allow(clippy::print_stderr)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use base64::Engine as _;
use gtmsql::GtmSession;
use gtmsql::client::{AudienceClient, AudienceClientBuilder, SearchRequest, Secret};
use gtmsql_emulator::{ClientConfig, EmulatorConfig, FaultSpec, JobPace, SCOPE_MANAGE, SCOPE_READ};
use serde_json::{Value, json};

use common::TestEnv;
use common::proxy::{Proxy, no_request_hook};

const CLIENT_ID: &str = "secrets-client";
const SECRET: &str = "s3cr3t-Qm9vLWtlZXAtb3V0LW9mLWxvZ3M-0123456789";
const WRONG_SECRET: &str = "wr0ng-s3cr3t-Zm9yLXRoZS00MDEtcGF0aA-98765";
const UA: &str = "gtmsql-secrets-test/1.0";

/// Everything the process logs, at trace level, from the first test that asks.
fn log_buffer() -> Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    Arc::clone(BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || Sink(Arc::clone(&sink)))
            .try_init();
        buffer
    }))
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every string that must not appear anywhere: the secrets, their Basic form, the tokens.
fn forbidden(tokens: &[String]) -> Vec<String> {
    let mut out = vec![SECRET.to_owned(), WRONG_SECRET.to_owned()];
    for secret in [SECRET, WRONG_SECRET] {
        out.push(base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{secret}")));
    }
    out.extend(tokens.iter().cloned());
    out
}

fn assert_clean(what: &str, text: &str, forbidden: &[String]) {
    for f in forbidden {
        assert!(
            !text.contains(f.as_str()),
            "{what} contains a secret or token ({}…)",
            &f[..6]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_or_token_reaches_logs_errors_or_debug_output() {
    let logs = log_buffer();
    tokio::time::timeout(Duration::from_secs(120), async {
        let env = TestEnv::with(
            EmulatorConfig::new()
                .with_listen("127.0.0.1:0".parse().unwrap())
                .with_job_pace(JobPace::immediate())
                .with_ai_error_rate(0.0)
                .with_client(ClientConfig::new(CLIENT_ID, SECRET))
                // Tokens expire mid-scan, so several are issued and used.
                .with_faults("expire=10%@Rows_listRows".parse::<FaultSpec>().unwrap())
                .with_seed(5),
        )
        .await;
        // Every access token the emulator issues passes through this proxy.
        let tokens: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = Arc::clone(&tokens);
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(move |x| {
                if x.target.starts_with("/gtm/oauth/v1/token")
                    && let Some(token) = x.json()["access_token"].as_str()
                {
                    seen.lock().unwrap().push(token.to_owned());
                }
            }),
        )
        .await;
        proxy.arm(true);

        let builder = AudienceClientBuilder::new()
            .with_base_url(&proxy.url)
            .with_client_id(CLIENT_ID)
            .with_client_secret(SECRET);
        let mut texts: Vec<(String, String)> =
            vec![("the builder's Debug".into(), format!("{builder:?}"))];
        let client = builder.build().unwrap();
        // Every request of this test goes through the proxy, so every token is known.
        common::fixture::load(&client).await;
        let session = GtmSession::connect(client.clone()).await.unwrap();
        let mut errors: Vec<String> = Vec::new();
        let mut record = |e: &dyn std::fmt::Debug, display: String| {
            errors.push(format!("{display}\n{e:?}\n{e:#?}"));
        };

        // Queries (tokens expire under them), a write, and statements that fail.
        for sql in [
            // One request at a time: the seeded expiries then fall on the same requests
            // in every run (a request may meet at most two of them: MAX_AUTH_REFRESHES).
            "SET gtm.concurrency = 1",
            "SET gtm.partitions = 1",
            "SET gtm.page_size = 50",
            "SELECT count(*) FROM bulk.contacts",
            "SELECT email, n FROM bulk.contacts WHERE n > 100",
            "SELECT full_name FROM events.booth_scans WHERE company = 'Northwind'",
            "CREATE SCHEMA secrets",
            "CREATE TABLE secrets.t (email EMAIL, n INTEGER)",
            "INSERT INTO secrets.t (email, n) VALUES ('a@b.io', 1) ON CONFLICT (email) DO UPDATE SET n = EXCLUDED.n",
            "SELECT * FROM secrets.t",
        ] {
            session.execute(sql).await.unwrap();
        }
        for sql in [
            "SELECT * FROM nowhere.nothing",
            "INSERT INTO secrets.t (email, n) VALUES ('not an email', 2)",
        ] {
            let e = session.execute(sql).await.unwrap_err();
            record(&e, format!("{e} / {}", e.user_message()));
        }
        // A 400 from the server, and a 404.
        let audience = client.list_audiences().await.unwrap()[0].id.clone();
        let bad_page = SearchRequest {
            page_size: 100_000,
            ..SearchRequest::default()
        };
        let e = client.search_rows(&audience, &bad_page).await.unwrap_err();
        assert_eq!(e.status(), Some(400), "{e}");
        record(&e, e.to_string());
        let e = client.get_audience("00000000-0000-4000-8000-000000000000").await.unwrap_err();
        record(&e, e.to_string());
        // A 401 after a bad secret.
        let wrong = AudienceClient::builder()
            .with_base_url(&proxy.url)
            .with_client_id(CLIENT_ID)
            .with_client_secret(WRONG_SECRET)
            .build()
            .unwrap();
        let e = wrong.list_folders().await.unwrap_err();
        assert!(e.to_string().starts_with("authentication failed"), "{e}");
        record(&e, e.to_string());
        texts.push(("the client's Debug after a 401".into(), format!("{wrong:?} {wrong:#?}")));
        // The first token, presented by hand after it expired or was replaced.
        let expired = tokens.lock().unwrap().first().cloned().unwrap();
        let answer = reqwest::Client::new()
            .get(format!("{}/gtm/studio/v1/folders", env.emulator.base_url()))
            .bearer_auth(&expired)
            .header("User-Agent", UA)
            .send()
            .await
            .unwrap();
        let body = answer.text().await.unwrap();
        texts.push(("the answer to an old token".into(), body));

        texts.push(("the client's Debug".into(), format!("{client:?} {client:#?}")));
        texts.push(("the session's Debug".into(), format!("{session:?}")));
        texts.push(("the emulator's Debug".into(), format!("{:?}", env.emulator)));
        texts.push(("a Secret's Debug".into(), format!("{:?}", Secret::new(SECRET))));
        texts.push((
            "the stats".into(),
            format!("{:?}", client.stats().snapshot()),
        ));
        for (i, e) in errors.iter().enumerate() {
            texts.push((format!("error {i}"), e.clone()));
        }

        let tokens = tokens.lock().unwrap().clone();
        assert!(
            tokens.len() >= 3,
            "expected expired tokens to be replaced: {} issued",
            tokens.len()
        );
        let forbidden = forbidden(&tokens);
        // The check can fail: the secret is the one the emulator accepts.
        assert_eq!(env.emulator.client_secret(), SECRET);
        for (what, text) in &texts {
            assert_clean(what, text, &forbidden);
        }
        let logged = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
        eprintln!(
            "secrets: {} tokens issued; {} texts (Debug output, answers, and {} errors' Display and Debug) and {} bytes of trace log searched for {} secrets and tokens",
            tokens.len(),
            texts.len(),
            errors.len(),
            logged.len(),
            forbidden.len()
        );
        assert!(logged.contains("TRACE") || logged.contains("DEBUG"), "nothing was logged");
        assert!(logged.contains("fetched an access token"), "no token fetch was logged");
        assert_clean("the trace log", &logged, &forbidden);
        drop(session);
    })
    .await
    .expect("the test finished within 120 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_logs_no_secret_at_trace_level() {
    tokio::time::timeout(Duration::from_secs(120), async {
        let env = TestEnv::with(
            EmulatorConfig::new()
                .with_listen("127.0.0.1:0".parse().unwrap())
                .with_job_pace(JobPace::immediate())
                .with_client(ClientConfig::new(CLIENT_ID, SECRET)),
        )
        .await;
        let tokens: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = Arc::clone(&tokens);
        let proxy = Proxy::start(
            env.emulator.base_url(),
            no_request_hook(),
            Box::new(move |x| {
                if let Some(token) = x.json()["access_token"].as_str() {
                    seen.lock().unwrap().push(token.to_owned());
                }
            }),
        )
        .await;
        proxy.arm(true);
        common::fixture::load(&env.client).await;
        let home = std::env::temp_dir().join(format!("gtmsql-secrets-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        let url = proxy.url.clone();
        let run = move |secret: &'static str| {
            let home = home.clone();
            let url = url.clone();
            move || {
                std::process::Command::new(env!("CARGO_BIN_EXE_gtmsql"))
                    .args([
                        "-c",
                        "SELECT count(*) FROM events.booth_scans; SELECT * FROM nowhere.nothing;",
                    ])
                    .env_clear()
                    .env("PATH", std::env::var("PATH").unwrap_or_default())
                    .env("HOME", &home)
                    .env("XDG_CONFIG_HOME", &home)
                    .env("XDG_DATA_HOME", &home)
                    .env("GTMSQL_LOG", "trace")
                    .env("ZOOMINFO_CLIENT_ID", CLIENT_ID)
                    .env("ZOOMINFO_CLIENT_SECRET", secret)
                    .env("GTMSQL_BASE_URL", url)
                    .env("GTMSQL_MAX_RETRIES", "1")
                    .output()
                    .expect("gtmsql runs")
            }
        };
        let good = tokio::task::spawn_blocking(run(SECRET)).await.unwrap();
        let bad = tokio::task::spawn_blocking(run(WRONG_SECRET))
            .await
            .unwrap();
        let out = |o: &std::process::Output| {
            format!(
                "{}\n{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        };
        let (good, bad) = (out(&good), out(&bad));
        assert!(good.contains("12"), "the query ran: {good}");
        assert!(
            good.contains("TRACE") || good.contains("DEBUG"),
            "nothing was logged"
        );
        assert!(bad.contains("authentication failed"), "{bad}");
        let tokens = tokens.lock().unwrap().clone();
        assert!(!tokens.is_empty(), "no token went through the proxy");
        let forbidden = forbidden(&tokens);
        assert_clean("gtmsql's output with GTMSQL_LOG=trace", &good, &forbidden);
        assert_clean("gtmsql's output after a 401", &bad, &forbidden);
    })
    .await
    .expect("the test finished within 120 s");
}

/// Gets a token for `client` straight from the token endpoint.
async fn token(base: &str, client: &ClientConfig) -> String {
    let answer: Value = reqwest::Client::new()
        .post(format!("{base}/gtm/oauth/v1/token"))
        .basic_auth(&client.id, Some(&client.secret))
        .header("User-Agent", UA)
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_operation_refuses_a_missing_bad_or_underscoped_token() {
    let reader =
        ClientConfig::new("reader", "reader-secret-0123456789abcdef").with_scopes(&[SCOPE_READ]);
    let manager = ClientConfig::new("manager", "manager-secret-0123456789abcdef")
        .with_scopes(&[SCOPE_MANAGE]);
    let env = TestEnv::with(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().unwrap())
            .with_job_pace(JobPace::immediate())
            .with_client(ClientConfig::new(CLIENT_ID, SECRET))
            .with_client(reader.clone())
            .with_client(manager.clone()),
    )
    .await;
    common::fixture::load(&env.client).await;
    let base = env.emulator.base_url().to_owned();
    let audience = env.client.list_audiences().await.unwrap()[0].clone();
    let folder = env.client.list_folders().await.unwrap()[0].id.clone();
    let (a, c) = (audience.id.clone(), audience.columns[0].id.clone());
    let row = env
        .client
        .search_rows(&a, &SearchRequest::default())
        .await
        .unwrap()
        .rows[0]
        .id
        .clone();
    // (method, path, needs manage)
    let operations: Vec<(&str, String, bool)> = vec![
        ("POST", "/folders".into(), true),
        ("GET", "/folders".into(), false),
        ("GET", format!("/folders/{folder}"), false),
        ("PATCH", format!("/folders/{folder}"), true),
        ("DELETE", format!("/folders/{folder}"), true),
        ("POST", "/audiences".into(), true),
        ("GET", "/audiences".into(), false),
        ("GET", format!("/audiences/{a}"), false),
        ("PATCH", format!("/audiences/{a}"), true),
        ("DELETE", format!("/audiences/{a}"), true),
        ("GET", format!("/audiences/{a}/filter-metadata"), false),
        (
            "POST",
            format!("/audiences/{a}/actions/match-criteria"),
            true,
        ),
        ("POST", format!("/audiences/{a}/actions/enrich"), true),
        ("GET", format!("/audiences/{a}/jobs/job-1"), false),
        (
            "POST",
            format!("/audiences/{a}/columns/actions/bulk/create"),
            true,
        ),
        (
            "GET",
            format!("/audiences/{a}/columns/data-dependencies/AI_WEB_RESEARCH"),
            false,
        ),
        ("PATCH", format!("/audiences/{a}/columns/{c}"), true),
        ("DELETE", format!("/audiences/{a}/columns/{c}"), true),
        ("GET", format!("/audiences/{a}/rows/{row}"), false),
        ("POST", format!("/audiences/{a}/rows/actions/search"), false),
        ("POST", format!("/audiences/{a}/rows/actions/upsert"), true),
        (
            "POST",
            format!("/audiences/{a}/rows/actions/bulk/upsert"),
            true,
        ),
        (
            "DELETE",
            format!("/audiences/{a}/rows/actions/bulk/delete"),
            true,
        ),
    ];
    assert_eq!(operations.len(), 23);
    let read_token = token(&base, &reader).await;
    let manage_token = token(&base, &manager).await;
    let http = reqwest::Client::new();
    let body = json!({"data": {"type": "Folder", "attributes": {"name": "x"}}});
    let before = env.emulator.stats();
    for (method, path, manage) in &operations {
        let url = format!("{base}/gtm/studio/v1{path}");
        let send = |token: Option<&str>| {
            let mut request = http
                .request(
                    reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                    &url,
                )
                .header("User-Agent", UA)
                .header("Content-Type", "application/vnd.api+json")
                .json(&body);
            if let Some(t) = token {
                request = request.bearer_auth(t);
            }
            async move {
                let answer = request.send().await.unwrap();
                let status = answer.status().as_u16();
                let body: Value = answer.json().await.unwrap_or_default();
                (
                    status,
                    body["error"]["code"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                )
            }
        };
        assert_eq!(
            send(None).await,
            (401, "ZI0001".to_owned()),
            "{method} {path} without a token"
        );
        assert_eq!(
            send(Some("not-a-real-token")).await,
            (401, "ZI0001".to_owned()),
            "{method} {path} with a bogus token"
        );
        let wrong_scope = if *manage { &read_token } else { &manage_token };
        assert_eq!(
            send(Some(wrong_scope)).await,
            (403, "ZI0002".to_owned()),
            "{method} {path} with a token lacking its scope"
        );
    }
    // Nothing was changed by the refused requests.
    let after = env.client.get_audience(&a).await.unwrap();
    assert_eq!(after.columns.len(), audience.columns.len());
    assert_eq!(after.record_count, audience.record_count);
    let served = |stats: &std::collections::BTreeMap<String, u64>| {
        stats.get("Folders_createFolder").copied().unwrap_or(0)
    };
    // The refused requests reached the gateway (and were counted there).
    assert_eq!(served(&env.emulator.stats()), served(&before) + 3);
}

#[test]
fn the_emulator_listens_on_loopback_by_default() {
    use clap::Parser;
    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: gtmsql_emulator::serve::ServeArgs,
    }
    assert!(EmulatorConfig::default().listen.ip().is_loopback());
    let cli = Cli::parse_from(["gtmsql-emulator"]);
    assert!(cli.serve.listen.ip().is_loopback(), "{}", cli.serve.listen);
    let cli = Cli::parse_from(["gtmsql-emulator", "--listen", "0.0.0.0:9"]);
    assert!(!cli.serve.listen.ip().is_loopback(), "the flag is honoured");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulators_own_endpoints_reveal_no_secret() {
    let env = TestEnv::with(
        EmulatorConfig::new()
            .with_listen("127.0.0.1:0".parse().unwrap())
            .with_client(ClientConfig::new(CLIENT_ID, SECRET)),
    )
    .await;
    let issued = token(
        env.emulator.base_url(),
        &ClientConfig::new(CLIENT_ID, SECRET),
    )
    .await;
    env.client.list_folders().await.unwrap();
    let mut seen = Vec::new();
    for path in ["/_emulator/stats", "/_emulator/health"] {
        let body = reqwest::get(format!("{}{path}", env.emulator.base_url()))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        seen.push(body);
    }
    assert!(seen[0].contains("Folders_listFolders"), "{}", seen[0]);
    assert!(seen[0].contains("Token"), "{}", seen[0]);
    for body in &seen {
        assert_clean(
            "/_emulator/*",
            body,
            &forbidden(std::slice::from_ref(&issued)),
        );
    }
}

#[test]
fn certificate_verification_is_never_turned_off() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("src"), root.join("crates")];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
                files += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in [
                    "danger_accept_invalid_certs",
                    "danger_accept_invalid_hostnames",
                    "dangerous()",
                    "tls_built_in_root_certs(false)",
                ] {
                    assert!(!text.contains(needle), "{} uses {needle}", path.display());
                }
            }
        }
    }
    assert!(files > 50, "only {files} files scanned");
}

/// A throwaway self-signed server certificate for 127.0.0.1 and its key (test-only; it
/// protects nothing): `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
/// -nodes -days 36500 -addext subjectAltName=IP:127.0.0.1 -addext
/// basicConstraints=critical,CA:FALSE -addext extendedKeyUsage=serverAuth`. Valid in every
/// way but one: nobody trusted signed it.
const SELF_SIGNED_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIB2zCCAYGgAwIBAgIUIp/sW3WMp7ObV7K2dYaQuxuhm3MwCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXZ3Rtc3FsIHNlbGYtc2lnbmVkIHRlc3QwIBcNMjYxMTI2MTY0
MTMyWhgPMjEyNjExMDIxNjQxMzJaMCIxIDAeBgNVBAMMF2d0bXNxbCBzZWxmLXNp
Z25lZCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtfmkj5G05inJq1ak
NEY0M7pPIdkcn0aM5i6IrBtLYPtLPxnJTanXLmes0u9InZerwhvRI0bshEhZGv/4
Iqci7KOBkjCBjzAdBgNVHQ4EFgQUMCLdvdxC43qvm25ipSugrc2loxkwHwYDVR0j
BBgwFoAUMCLdvdxC43qvm25ipSugrc2loxkwGgYDVR0RBBMwEYcEfwAAAYIJbG9j
YWxob3N0MAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgeAMBMGA1UdJQQMMAoG
CCsGAQUFBwMBMAoGCCqGSM49BAMCA0gAMEUCIQDg4bnSoTHCAlDNnd+EiXjbhcTO
Ncp2BWKaIifeHFCNYQIgX37YeurOdRdbe36SLv9oikPQur7TNJ6rSZdjZRVGnlo=
-----END CERTIFICATE-----
";
const SELF_SIGNED_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyC1zSSFSKh5okVKF
EVhgIrATTYS1dYT93K0KiqJ/8s+hRANCAAS1+aSPkbTmKcmrVqQ0RjQzuk8h2Ryf
RozmLoisG0tg+0s/GclNqdcuZ6zS70idl6vCG9EjRuyESFka//gipyLs
-----END PRIVATE KEY-----
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_signed_https_server_is_refused_with_a_clear_error() {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls::{ServerConfig, crypto::aws_lc_rs};

    let certs = vec![CertificateDer::from_pem_slice(SELF_SIGNED_CERT.as_bytes()).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(SELF_SIGNED_KEY.as_bytes()).unwrap();
    let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handshakes: Arc<Mutex<Vec<String>>> = Arc::default();
    let outcomes = Arc::clone(&handshakes);
    // Aborted below: the server lives as long as the test.
    #[allow(clippy::disallowed_methods)]
    let server = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let outcome = match acceptor.accept(stream).await {
                Ok(_) => "completed".to_owned(),
                Err(e) => format!("failed: {e}"),
            };
            outcomes.lock().unwrap().push(outcome);
        }
    });

    let client = AudienceClient::builder()
        .with_base_url(format!("https://{addr}"))
        .with_client_id(CLIENT_ID)
        .with_client_secret(SECRET)
        .with_retry(gtmsql::client::RetryConfig {
            max_retries: 1,
            ..gtmsql::client::RetryConfig::default()
        })
        .build()
        .unwrap();
    let e = tokio::time::timeout(Duration::from_secs(30), client.list_folders())
        .await
        .expect("refused within 30 s")
        .unwrap_err();
    server.abort();
    let message = e.to_string();
    eprintln!("tls: {message}");
    assert!(
        message.starts_with("authentication failed: the token endpoint could not be reached"),
        "{message}"
    );
    assert!(
        message.to_ascii_lowercase().contains("certificate"),
        "{message}"
    );
    let handshakes = handshakes.lock().unwrap().clone();
    assert!(
        !handshakes.is_empty(),
        "no TLS handshake reached the server"
    );
    assert!(
        handshakes.iter().all(|h| h.starts_with("failed")),
        "a handshake completed: {handshakes:?}"
    );
    assert_clean(
        "the TLS error",
        &format!("{message} {e:?}"),
        &forbidden(&[]),
    );
}
