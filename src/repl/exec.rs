//! Running one statement: planned and collected through the session, cancelled by Ctrl-C
//! (the statement's future is dropped, which aborts its requests and DataFusion's tasks),
//! with its elapsed time and the API traffic it caused.

use std::future::Future;
use std::time::{Duration, Instant};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use super::progress::{ProgressView, SPINNER_DELAY};
use crate::GtmSession;
use crate::client::StatsSnapshot;
use crate::error::Result;

/// Ctrl-C while a statement runs.
///
/// At the prompt the terminal is in raw mode and Ctrl-C is a key the editor reads; while a
/// statement runs it is a SIGINT. The handler is installed once, when the REPL starts, so
/// that a Ctrl-C can never kill the process between statements; interrupts that arrive
/// between statements are discarded before the next one starts.
#[derive(Debug)]
pub(crate) struct Interrupts {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

impl Interrupts {
    /// Installs the handler.
    pub(crate) fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Self {
                signal: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {}
        }
    }

    /// Forgets the interrupts received so far.
    fn clear(&mut self) {
        #[cfg(unix)]
        if let Some(signal) = &mut self.signal {
            use futures::FutureExt;
            while let Some(Some(())) = signal.recv().now_or_never() {}
        }
    }

    /// The next interrupt.
    async fn next(&mut self) {
        #[cfg(unix)]
        {
            match &mut self.signal {
                Some(signal) => {
                    if signal.recv().await.is_none() {
                        std::future::pending::<()>().await;
                    }
                }
                None => std::future::pending::<()>().await,
            }
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

/// Runs `work` until it ends or Ctrl-C cancels it (`None`), showing a spinner when it takes
/// long and clearing the progress bars at the end.
pub(crate) async fn cancellable<T>(
    work: impl Future<Output = T>,
    interrupts: &mut Interrupts,
    progress: &ProgressView,
) -> Option<T> {
    interrupts.clear();
    progress.begin();
    let mut work = Box::pin(work);
    let spinner = tokio::time::sleep(SPINNER_DELAY);
    tokio::pin!(spinner);
    let mut spinning = false;
    let outcome = loop {
        tokio::select! {
            biased;
            result = &mut work => break Some(result),
            () = interrupts.next() => break None,
            () = &mut spinner, if !spinning => {
                spinning = true;
                progress.spin();
            }
        }
    };
    drop(work);
    progress.finish();
    outcome
}

/// What a statement returned.
#[derive(Debug)]
pub(crate) struct Rows {
    /// The result's schema (no fields for DDL and `SET`).
    pub(crate) schema: SchemaRef,
    /// The result.
    pub(crate) batches: Vec<RecordBatch>,
}

/// One statement's run.
#[derive(Debug)]
pub(crate) struct Run {
    /// Its result; `None` when cancelled.
    pub(crate) outcome: Option<Result<Rows>>,
    /// How long it ran.
    pub(crate) elapsed: Duration,
    /// The requests it caused.
    pub(crate) traffic: StatsSnapshot,
}

/// Plans, runs and collects `sql` through the session (which handles gtmsql's own
/// statements), until it ends or Ctrl-C cancels it.
pub(crate) async fn statement(
    session: &GtmSession,
    sql: &str,
    interrupts: &mut Interrupts,
    progress: &ProgressView,
) -> Run {
    let stats = session.catalog().client().stats();
    let before = stats.snapshot();
    let started = Instant::now();
    let work = async {
        let frame = session.sql(sql).await?;
        let schema = frame.schema().inner().clone();
        let batches = frame.collect().await?;
        Ok(Rows { schema, batches })
    };
    let outcome = cancellable(work, interrupts, progress).await;
    Run {
        outcome,
        elapsed: started.elapsed(),
        traffic: stats.snapshot().since(&before),
    }
}
