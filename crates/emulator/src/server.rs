//! The HTTP/1.1 accept loop: one task per connection, graceful shutdown, and the ability to
//! drop a connection *after* a request was handled (the `drop` fault), which `axum::serve`
//! cannot do.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Lets a request's handler close its connection without answering.
#[derive(Debug, Default)]
pub(crate) struct ConnectionKill {
    fired: AtomicBool,
    notify: Notify,
}

impl ConnectionKill {
    /// Closes the connection as soon as its task sees this.
    pub(crate) fn fire(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.fired.load(Ordering::SeqCst) {
                return;
            }
            notified.await;
        }
    }
}

/// Serves `app` on `listener` until `shutdown` turns true, then lets open requests finish
/// (for at most `grace`).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    mut shutdown: watch::Receiver<bool>,
    grace: Duration,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                let shutdown = shutdown.clone();
                connections.spawn(connection(stream, app, shutdown));
            }
            _ = shutdown.changed() => break,
        }
        // Reap finished connection tasks so the set does not grow.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let drain = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(grace, drain).await.is_err() {
        connections.abort_all();
    }
}

async fn connection(
    stream: tokio::net::TcpStream,
    app: Router,
    mut shutdown: watch::Receiver<bool>,
) {
    let kill = Arc::new(ConnectionKill::default());
    let kill_for_requests = Arc::clone(&kill);
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let mut req = req.map(Body::new);
        req.extensions_mut().insert(Arc::clone(&kill_for_requests));
        app.clone().oneshot(req)
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(60))
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        () = kill.wait() => {
            // Dropping the connection closes the socket with nothing written.
        }
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            tokio::select! {
                _ = conn.as_mut() => {}
                () = kill.wait() => {}
            }
        }
    }
}
