//! A queued-response HTTP/1.1 mock server on `127.0.0.1:0`, and the client's failure paths
//! tested against it: `Retry-After`, retry budgets, 401 refreshes, hang-ups, and the exact
//! requests the client sends (token grant, headers, `User-Agent`).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use super::{bounded, fast_retry, init_logging};
use crate::client::*;

/// One queued answer.
#[derive(Debug, Clone)]
enum Reply {
    /// An HTTP response.
    Http {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Read the request, then close the connection without answering.
    Hangup,
}

impl Reply {
    fn json(status: u16, body: &Value) -> Self {
        Self::Http {
            status,
            headers: vec![("content-type", "application/vnd.api+json".to_owned())],
            body: body.to_string(),
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Self::Http {
            status,
            headers: vec![("content-type", "text/html".to_owned())],
            body: body.to_owned(),
        }
    }

    fn token(token: &str) -> Self {
        Self::json(
            200,
            &json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600}),
        )
    }

    fn folder() -> Self {
        Self::json(
            200,
            &json!({"data": {"id": "f1", "type": "Folder",
                "attributes": {"name": "F", "starred": false, "audiences": []}}}),
        )
    }

    fn gateway(status: u16, code: &str) -> Self {
        Self::json(
            status,
            &json!({"error": {"code": code, "message": "gateway says no", "status": status,
                "requestId": "req_mock", "retryable": true}}),
        )
    }

    fn header(self, name: &'static str, value: &str) -> Self {
        match self {
            Self::Http {
                status,
                mut headers,
                body,
            } => {
                headers.push((name, value.to_owned()));
                Self::Http {
                    status,
                    headers,
                    body,
                }
            }
            Self::Hangup => Self::Hangup,
        }
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Shared<T> = Arc<Mutex<T>>;

/// Answers each connection's request with the next queued reply (500 when none is left).
#[derive(Debug)]
struct MockServer {
    url: String,
    recorded: Shared<Vec<Recorded>>,
    _tasks: JoinSet<()>,
}

impl MockServer {
    async fn start(replies: Vec<Reply>) -> Self {
        init_logging();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let queue = Arc::new(Mutex::new(VecDeque::from(replies)));
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = JoinSet::new();
        tasks.spawn(serve(listener, queue, Arc::clone(&recorded)));
        Self {
            url,
            recorded,
            _tasks: tasks,
        }
    }

    fn client(&self) -> AudienceClient {
        self.builder().build().expect("the client builds")
    }

    fn builder(&self) -> AudienceClientBuilder {
        AudienceClient::builder()
            .with_base_url(&self.url)
            .with_client_id("mock id")
            .with_client_secret("mock:secret")
            .with_retry(fast_retry())
    }

    fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().expect("not poisoned").clone()
    }
}

async fn serve(
    listener: TcpListener,
    queue: Shared<VecDeque<Reply>>,
    recorded: Shared<Vec<Recorded>>,
) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            return;
        };
        let Some(request) = read_request(&mut stream).await else {
            continue;
        };
        recorded.lock().expect("not poisoned").push(request);
        let reply = queue
            .lock()
            .expect("not poisoned")
            .pop_front()
            .unwrap_or_else(|| Reply::text(500, "no reply queued"));
        let Reply::Http {
            status,
            headers,
            body,
        } = reply
        else {
            drop(stream);
            continue;
        };
        let mut head = format!(
            "HTTP/1.1 {status} Mock\r\ncontent-length: {}\r\nconnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(body.as_bytes()).await;
        let _ = stream.shutdown().await;
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).into_owned();
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_honoured_and_requests_are_well_formed() {
    bounded(Duration::from_secs(20), async {
        let server = MockServer::start(vec![
            Reply::token("mock-token-1"),
            Reply::gateway(429, "ZI0004").header("retry-after", "1"),
            Reply::folder(),
        ])
        .await;
        let client = server.client();
        let started = Instant::now();
        let folder = client.get_folder("f1").await.unwrap();
        assert_eq!(folder.id, "f1");
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(client.stats().snapshot().retries, 1);

        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        let token = &requests[0];
        assert_eq!(
            (token.method.as_str(), token.path.as_str()),
            ("POST", "/gtm/oauth/v1/token")
        );
        assert_eq!(token.body, "grant_type=client_credentials");
        assert_eq!(
            token.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
        let basic = base64::engine::general_purpose::STANDARD.encode("mock%20id:mock%3Asecret");
        assert_eq!(
            token.header("authorization"),
            Some(format!("Basic {basic}").as_str())
        );
        for r in &requests {
            assert_eq!(r.header("user-agent"), Some(USER_AGENT), "{r:?}");
        }
        for r in &requests[1..] {
            assert_eq!(
                (r.method.as_str(), r.path.as_str()),
                ("GET", "/gtm/studio/v1/folders/f1")
            );
            assert_eq!(r.header("authorization"), Some("Bearer mock-token-1"));
            assert_eq!(r.header("accept"), Some("application/vnd.api+json"));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_beyond_the_retry_timeout_is_not_waited_for() {
    bounded(Duration::from_secs(20), async {
        let server = MockServer::start(vec![
            Reply::token("t"),
            Reply::gateway(429, "ZI0004").header("retry-after", "30"),
        ])
        .await;
        let client = server
            .builder()
            .with_retry(RetryConfig {
                retry_timeout: Duration::from_secs(5),
                ..fast_retry()
            })
            .build()
            .unwrap();
        let started = Instant::now();
        let e = client.get_folder("f1").await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!((e.status(), e.code()), (Some(429), Some("ZI0004")));
        assert!(matches!(e, Error::Api { retries: 0, .. }));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_until_the_budget_runs_out() {
    bounded(Duration::from_secs(20), async {
        let server = MockServer::start(vec![
            Reply::token("t"),
            Reply::text(503, "busy"),
            Reply::folder(),
        ])
        .await;
        let client = server.client();
        client.get_folder("f1").await.unwrap();
        assert_eq!(client.stats().snapshot().retries, 1);

        let page = format!(
            "<html>\n  <body>{}</body>\n</html>",
            "Bad gateway ".repeat(50)
        );
        let server = MockServer::start(vec![
            Reply::token("t"),
            Reply::text(502, &page),
            Reply::text(502, &page),
            Reply::text(502, &page),
        ])
        .await;
        let client = server
            .builder()
            .with_retry(RetryConfig {
                max_retries: 2,
                ..fast_retry()
            })
            .build()
            .unwrap();
        let e = client.get_folder("f1").await.unwrap_err();
        let Error::Api {
            status,
            code,
            detail,
            retries,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((*status, code.as_str(), *retries), (502, "", 2));
        assert!(detail.starts_with("<html> <body>Bad gateway"), "{detail}");
        assert!(detail.chars().count() <= 201);
        assert!(e.to_string().starts_with("502: <html>"), "{e}");
        assert!(e.to_string().ends_with("[after 2 retries]"), "{e}");
        assert_eq!(server.requests().len(), 4);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_errors_are_not_retried() {
    bounded(Duration::from_secs(20), async {
        let server = MockServer::start(vec![
            Reply::token("t"),
            Reply::json(
                400,
                &json!({"errors": [{"id": "1", "code": "PFAPI0003", "status": "400",
                    "detail": "The request body is not valid JSON", "source": {"pointer": ""}}]}),
            ),
        ])
        .await;
        let client = server.client();
        let e = client
            .create_folder(&NewFolder::new("x"))
            .await
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "400 PFAPI0003: The request body is not valid JSON"
        );
        assert_eq!(server.requests().len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_fetches_a_new_token_and_resends() {
    bounded(Duration::from_secs(20), async {
        let server = MockServer::start(vec![
            Reply::token("old-token"),
            Reply::gateway(401, "ZI0001"),
            Reply::token("new-token"),
            Reply::folder(),
        ])
        .await;
        let client = server.client();
        client.get_folder("f1").await.unwrap();
        let requests = server.requests();
        assert_eq!(
            requests[1].header("authorization"),
            Some("Bearer old-token")
        );
        assert_eq!(
            requests[3].header("authorization"),
            Some("Bearer new-token")
        );
        assert_eq!(client.stats().snapshot().operation("Token"), 2);

        // A server that rejects every token: the 401 comes back after the refreshes.
        let mut replies = vec![Reply::token("a")];
        for _ in 0..=MAX_AUTH_REFRESHES {
            replies.push(Reply::gateway(401, "ZI0001"));
            replies.push(Reply::token("b"));
        }
        let server = MockServer::start(replies).await;
        let e = server.client().get_folder("f1").await.unwrap_err();
        assert_eq!((e.status(), e.code()), (Some(401), Some("ZI0001")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hangups_are_retried_only_when_that_is_safe() {
    bounded(Duration::from_secs(20), async {
        // A read is re-sent.
        let server = MockServer::start(vec![Reply::token("t"), Reply::Hangup, Reply::folder()]).await;
        let client = server.client();
        client.get_folder("f1").await.unwrap();
        assert_eq!(client.stats().snapshot().retries, 1);

        // A create is not: its outcome is unknown.
        let server = MockServer::start(vec![Reply::token("t"), Reply::Hangup, Reply::folder()]).await;
        let e = server
            .client()
            .create_folder(&NewFolder::new("x"))
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Transport { maybe_committed: true, retries: 0, path, .. } if path == "/gtm/studio/v1/folders"),
            "{e:?}"
        );
        // Nor re-sent blindly: the folders are listed to look for it (this reply is no
        // listing, so the outcome stays unknown and the first error is returned).
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        assert_eq!(requests[2].method, "GET");
        assert!(requests[2].path.starts_with("/gtm/studio/v1/folders"));

        // A delete whose answer was lost, re-sent, finds nothing to delete: done.
        let gone = Reply::json(
            404,
            &json!({"errors": [{"id": "1", "code": "PFAPI0006", "status": "404",
                "detail": "Folder 'f1' does not exist", "source": {"parameter": "folderId"}}]}),
        );
        let server = MockServer::start(vec![Reply::token("t"), Reply::Hangup, gone.clone()]).await;
        server.client().delete_folder("f1").await.unwrap();
        // Without a lost answer, a 404 is an error.
        let server = MockServer::start(vec![Reply::token("t"), gone]).await;
        assert!(server.client().delete_folder("f1").await.unwrap_err().is_not_found());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_endpoint_failures() {
    bounded(Duration::from_secs(20), async {
        // A transient failure of the token endpoint is retried.
        let server = MockServer::start(vec![
            Reply::text(502, "upstream"),
            Reply::token("t"),
            Reply::folder(),
        ])
        .await;
        let client = server.client();
        client.get_folder("f1").await.unwrap();
        assert_eq!(client.stats().snapshot().retries, 1);

        // A refusal is an authentication error.
        let server = MockServer::start(vec![Reply::json(
            400,
            &json!({"error": "invalid_scope", "error_description": "The client does not hold the scope 'x'"}),
        )])
        .await;
        let e = server.client().get_folder("f1").await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "authentication failed: invalid_scope: The client does not hold the scope 'x'"
        );

        // Nobody listening: an authentication error that says why.
        let client = AudienceClient::builder()
            .with_base_url("http://127.0.0.1:9")
            .with_client_id("id")
            .with_client_secret("secret")
            .with_retry(RetryConfig {
                max_retries: 1,
                ..fast_retry()
            })
            .build()
            .unwrap();
        let e = client.get_folder("f1").await.unwrap_err();
        assert!(
            matches!(&e, Error::Auth { message } if message.contains("could not be reached")),
            "{e:?}"
        );
    })
    .await;
}
