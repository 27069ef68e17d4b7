//! Progress on stderr while a statement runs (only when stderr is a terminal): a bar per
//! scan that takes more than [`SCAN_DELAY`], per row upload or delete, and per job
//! (`CALL enrich`), drawn from the session's [`Progress`] events; and a spinner for a
//! statement that runs a while without reporting. Everything is cleared before results print.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::jobs::{Observer, Progress};

/// A scan gets a bar once its statement has run this long.
pub(crate) const SCAN_DELAY: Duration = Duration::from_millis(300);
/// A statement gets a spinner once it has run this long.
pub(crate) const SPINNER_DELAY: Duration = Duration::from_secs(1);

/// The bars of the running statement. Cheap to clone; clones share the bars. Does nothing
/// when disabled.
#[derive(Clone, Default)]
pub(crate) struct ProgressView {
    inner: Option<Arc<Mutex<Bars>>>,
}

impl std::fmt::Debug for ProgressView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgressView")
            .field("enabled", &self.inner.is_some())
            .finish()
    }
}

struct Bars {
    multi: MultiProgress,
    /// When the running statement started (`None` between statements).
    started: Option<Instant>,
    spinner: Option<ProgressBar>,
    bars: HashMap<String, ProgressBar>,
}

impl ProgressView {
    /// A view drawing on stderr, or one that draws nothing.
    pub(crate) fn new(enabled: bool) -> Self {
        let inner = enabled.then(|| {
            Arc::new(Mutex::new(Bars {
                multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
                started: None,
                spinner: None,
                bars: HashMap::new(),
            }))
        });
        Self { inner }
    }

    fn with(&self, f: impl FnOnce(&mut Bars)) {
        if let Some(inner) = &self.inner {
            f(&mut inner.lock().unwrap_or_else(PoisonError::into_inner));
        }
    }

    /// The observer to install on the session's jobs (`None` when disabled).
    pub(crate) fn observer(&self) -> Option<Observer> {
        let view = self.clone();
        self.inner.as_ref()?;
        Some(Arc::new(move |event: &Progress| {
            view.with(|bars| bars.event(event));
        }))
    }

    /// A statement starts.
    pub(crate) fn begin(&self) {
        self.with(|bars| bars.started = Some(Instant::now()));
    }

    /// The statement has run a while: show a spinner (unless a bar already shows progress).
    pub(crate) fn spin(&self) {
        self.with(|bars| {
            if bars.started.is_none() || bars.spinner.is_some() {
                return;
            }
            let spinner = bars.multi.add(ProgressBar::new_spinner());
            spinner.set_style(
                ProgressStyle::with_template("{spinner} running {elapsed} (Ctrl-C cancels)")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            spinner.enable_steady_tick(Duration::from_millis(120));
            bars.spinner = Some(spinner);
        });
    }

    /// The statement ended: remove every bar.
    pub(crate) fn finish(&self) {
        self.with(|bars| {
            bars.started = None;
            for (_, bar) in bars.bars.drain() {
                bar.finish_and_clear();
            }
            if let Some(spinner) = bars.spinner.take() {
                spinner.finish_and_clear();
            }
            let _ = bars.multi.clear();
        });
    }
}

impl Bars {
    fn event(&mut self, event: &Progress) {
        let Some(started) = self.started else {
            return;
        };
        let waited = started.elapsed() >= SCAN_DELAY;
        match event {
            Progress::Scan {
                audience,
                rows,
                total,
            } => {
                let key = format!("scan {audience}");
                let done = *total > 0 && rows >= total;
                self.update(&key, !done && waited, "rows", *rows, (*total).max(*rows));
            }
            Progress::Rows {
                action,
                audience,
                done,
                total,
            } => {
                let key = format!("{action} {audience}");
                self.update(&key, done < total && waited, "rows", *done, *total);
            }
            Progress::Job {
                kind,
                audience,
                status,
                percent,
                ..
            } => {
                let key = format!("{kind} {audience}");
                let percent = u64::from(percent.unwrap_or(0));
                if let Some(bar) = self.update(&key, true, "%", percent, 100) {
                    bar.set_message(status.as_str().to_lowercase());
                }
            }
        }
    }

    /// Moves the bar for `key` to `position` of `length`, creating it (named after the key)
    /// when there is none and `create`.
    fn update(
        &mut self,
        key: &str,
        create: bool,
        unit: &str,
        position: u64,
        length: u64,
    ) -> Option<ProgressBar> {
        if let Some(bar) = self.bars.get(key) {
            bar.set_length(length);
            bar.set_position(position);
            return Some(bar.clone());
        }
        if !create {
            return None;
        }
        let template = format!(
            "{{prefix}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} {{msg}} {{elapsed}}"
        );
        let bar = ProgressBar::hidden();
        bar.set_length(length);
        bar.set_position(position);
        bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(key.to_owned());
        // A bar says more than the spinner.
        if let Some(spinner) = self.spinner.take() {
            spinner.finish_and_clear();
        }
        let bar = self.multi.add(bar);
        self.bars.insert(key.to_owned(), bar.clone());
        Some(bar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(rows: u64, total: u64) -> Progress {
        Progress::Scan {
            audience: "events.booth_scans".to_owned(),
            rows,
            total,
        }
    }

    fn bars(view: &ProgressView) -> Vec<String> {
        let mut keys = Vec::new();
        view.with(|b| keys = b.bars.keys().cloned().collect());
        keys.sort();
        keys
    }

    #[test]
    fn scans_get_a_bar_only_when_slow_and_unfinished() {
        let view = ProgressView {
            inner: Some(Arc::new(Mutex::new(Bars {
                multi: MultiProgress::with_draw_target(ProgressDrawTarget::hidden()),
                started: None,
                spinner: None,
                bars: HashMap::new(),
            }))),
        };
        let observer = view.observer().expect("enabled");
        // Between statements: ignored.
        observer(&scan(10, 100));
        assert!(bars(&view).is_empty());
        // A fast scan: no bar.
        view.begin();
        observer(&scan(10, 100));
        assert!(bars(&view).is_empty());
        // A slow one that is not finished: a bar.
        view.with(|b| b.started = Some(Instant::now() - SCAN_DELAY));
        observer(&scan(100, 100));
        assert!(bars(&view).is_empty());
        observer(&scan(20, 100));
        assert_eq!(bars(&view), vec!["scan events.booth_scans"]);
        // Jobs always get one.
        observer(&Progress::Job {
            job_id: "j".to_owned(),
            kind: crate::jobs::JobKind::Enrich,
            audience: "events.booth_scans".to_owned(),
            status: crate::client::RunStatus::Running,
            percent: Some(40),
            elapsed: Duration::ZERO,
        });
        assert_eq!(bars(&view).len(), 2);
        view.finish();
        assert!(bars(&view).is_empty());
        assert!(ProgressView::new(false).observer().is_none());
    }
}
