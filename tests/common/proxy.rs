//! A rewriting HTTP/1.1 proxy on 127.0.0.1 in front of an emulator, for tests of what the
//! client does with answers the emulator would never give, and of what crosses the wire.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use gtmsql::client::{AudienceClient, BackoffConfig, RetryConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::TestEnv;

/// One answer on its way back, which a test may rewrite.
pub struct Exchange {
    pub method: String,
    /// Path and query.
    pub target: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Bytes to write instead of a well-formed answer.
    pub raw: Option<Vec<u8>>,
}

impl Exchange {
    pub fn is_search(&self) -> bool {
        self.method == "POST" && self.target.contains("/rows/actions/search")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn set_json(&mut self, v: &Value) {
        self.body = serde_json::to_vec(v).unwrap();
    }
}

pub type RequestHook = Box<dyn Fn(&str, &mut String) + Send + Sync>;
pub type ResponseHook = Box<dyn Fn(&mut Exchange) + Send + Sync>;

/// A rewriting HTTP/1.1 proxy in front of an emulator (one request per connection).
pub struct Proxy {
    pub url: String,
    /// Rewrites apply only while armed.
    armed: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub async fn start(upstream: &str, request: RequestHook, response: ResponseHook) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let armed = Arc::new(AtomicBool::new(false));
        let hooks = Arc::new((request, response));
        let upstream = upstream.to_owned();
        let http = reqwest::Client::new();
        let flag = Arc::clone(&armed);
        // Aborted on drop: the proxy lives as long as its test.
        #[allow(clippy::disallowed_methods)]
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (hooks, upstream, http, flag) = (
                    Arc::clone(&hooks),
                    upstream.clone(),
                    http.clone(),
                    Arc::clone(&flag),
                );
                #[allow(clippy::disallowed_methods)]
                tokio::spawn(async move {
                    let _ = serve(stream, &upstream, &http, &hooks, &flag).await;
                });
            }
        });
        Self { url, armed, task }
    }

    pub fn arm(&self, yes: bool) {
        self.armed.store(yes, Ordering::SeqCst);
    }

    pub fn client(&self, env: &TestEnv) -> AudienceClient {
        AudienceClient::builder()
            .with_base_url(&self.url)
            .with_client_id(env.emulator.client_id())
            .with_client_secret(env.emulator.client_secret())
            .with_retry(RetryConfig {
                max_retries: 2,
                retry_timeout: Duration::from_secs(10),
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(5),
                    max_backoff: Duration::from_millis(20),
                    base: 2.0,
                },
            })
            .build()
            .unwrap()
    }
}

/// Reads one request, forwards it, writes the (rewritten) answer and closes.
async fn serve(
    mut stream: TcpStream,
    upstream: &str,
    http: &reqwest::Client,
    hooks: &(RequestHook, ResponseHook),
    armed: &AtomicBool,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let mut target = first.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    let mut length = 0usize;
    for line in lines.filter(|l| !l.is_empty()) {
        if let Some((k, v)) = line.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_owned());
            if k == "content-length" {
                length = v.parse().unwrap_or(0);
            } else if !matches!(k.as_str(), "host" | "connection") {
                headers.push((k, v));
            }
        }
    }
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let armed = armed.load(Ordering::SeqCst);
    if armed {
        (hooks.0)(&method, &mut target);
    }
    let mut request = http.request(
        reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
        format!("{upstream}{target}"),
    );
    for (k, v) in &headers {
        request = request.header(k, v);
    }
    let answer = request
        .body(body)
        .send()
        .await
        .map_err(std::io::Error::other)?;
    let status = answer.status().as_u16();
    let headers: Vec<(String, String)> = answer
        .headers()
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "content-length" | "connection" | "transfer-encoding"
            )
        })
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = answer
        .bytes()
        .await
        .map_err(std::io::Error::other)?
        .to_vec();
    let mut exchange = Exchange {
        method,
        target,
        status,
        headers,
        body,
        raw: None,
    };
    if armed {
        (hooks.1)(&mut exchange);
    }
    let bytes = match exchange.raw.take() {
        Some(raw) => raw,
        None => {
            let mut out = format!("HTTP/1.1 {} X\r\n", exchange.status);
            for (k, v) in &exchange.headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!(
                "content-length: {}\r\nconnection: close\r\n\r\n",
                exchange.body.len()
            ));
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&exchange.body);
            bytes
        }
    };
    stream.write_all(&bytes).await?;
    stream.shutdown().await
}

pub fn no_request_hook() -> RequestHook {
    Box::new(|_, _| {})
}
