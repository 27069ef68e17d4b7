//! The REPL's state and what each input does: statements are run, printed and reported;
//! meta-commands change the state or describe the catalog; `\i` runs a file through the same
//! path as typed lines.
//!
//! Results (and `\d` listings) go to the output (stdout, or the `\o` file); the report line,
//! notices and errors go to stderr, so that they stay out of `\o` files and out of a
//! redirected stdout.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use super::describe;
use super::exec::{self, Interrupts};
use super::input::{self, Input, Item};
use super::meta::{self, Meta};
use super::names::SharedNames;
use super::progress::ProgressView;
use super::report::{self, Status};
use super::style::{self, Palette};
use crate::GtmSession;
use crate::cli::{Format, print};
use crate::client::StatsSnapshot;
use crate::error::{Error, Result};

/// How deep `\i` files may include each other.
const MAX_INCLUDE_DEPTH: usize = 16;

/// Statements whose leading keyword says they only read (the others may change the names
/// completion offers).
const READ_ONLY: &[&str] = &[
    "SELECT", "WITH", "EXPLAIN", "SHOW", "DESCRIBE", "DESC", "VALUES",
];

/// What to do after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Go on.
    Continue,
    /// It failed or was cancelled (a `\i` file stops; the prompt goes on).
    Stop,
    /// Leave the REPL.
    Quit,
}

/// Where results go.
#[derive(Debug)]
enum Sink {
    Terminal,
    File {
        path: PathBuf,
        file: BufWriter<File>,
    },
}

/// The REPL's state.
pub(crate) struct Shell {
    session: GtmSession,
    format: Format,
    timing: bool,
    sink: Sink,
    stdout: Box<dyn Write + Send>,
    stderr: Box<dyn Write + Send>,
    palette: Palette,
    names: SharedNames,
    progress: ProgressView,
    interrupts: Interrupts,
    depth: usize,
}

impl std::fmt::Debug for Shell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shell")
            .field("format", &self.format)
            .field("timing", &self.timing)
            .field("sink", &self.sink)
            .finish_non_exhaustive()
    }
}

impl Shell {
    /// A shell printing results to `stdout` and messages to `stderr` (coloured with
    /// `palette`), drawing progress with `progress` (installed as the session's observer).
    pub(crate) fn new(
        session: GtmSession,
        format: Format,
        stdout: Box<dyn Write + Send>,
        stderr: Box<dyn Write + Send>,
        palette: Palette,
        progress: ProgressView,
    ) -> Self {
        session.jobs().set_observer(progress.observer());
        Self {
            session,
            format,
            timing: true,
            sink: Sink::Terminal,
            stdout,
            stderr,
            palette,
            names: SharedNames::default(),
            progress,
            interrupts: Interrupts::install(),
            depth: 0,
        }
    }

    /// The names completion offers (shared with the editor).
    pub(crate) fn names(&self) -> SharedNames {
        self.names.clone()
    }

    /// Takes a new snapshot of the names.
    pub(crate) async fn refresh_names(&self) {
        self.names.refresh(&self.session).await;
    }

    /// Does what `item` says.
    pub(crate) async fn handle(&mut self, item: Item) -> Flow {
        match item {
            Item::Meta(line) => self.meta(&line).await,
            Item::Statement(sql) => self.statement(&sql).await,
            Item::Invalid { message, .. } => {
                self.error(&message);
                Flow::Stop
            }
        }
    }

    /// Writes a notice line to stderr.
    pub(crate) fn notice(&mut self, message: &str) {
        let _ = self.stdout.flush();
        let _ = writeln!(self.stderr, "{message}");
    }

    fn error(&mut self, message: &str) {
        // One line, whatever the error's text holds.
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = self.palette.paint(style::RED, &format!("Error: {message}"));
        self.notice(&line);
    }

    fn report(&mut self, status: Status, elapsed: Duration, traffic: &StatsSnapshot) {
        let elapsed = self.timing.then_some(elapsed);
        let line = report::line(status, elapsed, traffic);
        let line = self.palette.paint(style::DIM, &line);
        self.notice(&line);
    }

    /// Prints a result to the output in the current format.
    fn print(&mut self, schema: &SchemaRef, batches: &[RecordBatch]) -> Result<()> {
        let out: &mut (dyn Write + Send) = match &mut self.sink {
            Sink::Terminal => &mut *self.stdout,
            Sink::File { file, .. } => file,
        };
        print::write(out, self.format, schema, batches)?;
        out.flush()
            .map_err(|e| Error::Invalid(format!("cannot write the output: {e}")))
    }

    fn print_batch(&mut self, batch: &RecordBatch) -> Flow {
        match self.print(&batch.schema(), std::slice::from_ref(batch)) {
            Ok(()) => Flow::Continue,
            Err(e) => {
                self.error(&e.user_message());
                Flow::Stop
            }
        }
    }

    async fn statement(&mut self, sql: &str) -> Flow {
        let run = exec::statement(&self.session, sql, &mut self.interrupts, &self.progress).await;
        let reloaded = run.traffic.operation("Audiences_listAudiences") > 0;
        if reloaded || !READ_ONLY.contains(&input::leading_keyword(sql).as_str()) {
            self.refresh_names().await;
        }
        match &run.outcome {
            None => {
                self.report(Status::Cancelled, run.elapsed, &run.traffic);
                Flow::Stop
            }
            Some(Err(e)) => {
                self.error(&e.user_message());
                Flow::Stop
            }
            Some(Ok(rows)) if rows.schema.fields().is_empty() => {
                self.report(Status::Done, run.elapsed, &run.traffic);
                Flow::Continue
            }
            Some(Ok(rows)) => {
                if let Err(e) = self.print(&rows.schema, &rows.batches) {
                    self.error(&e.user_message());
                    return Flow::Stop;
                }
                let count = rows.batches.iter().map(RecordBatch::num_rows).sum();
                self.report(Status::Rows(count), run.elapsed, &run.traffic);
                Flow::Continue
            }
        }
    }

    async fn meta(&mut self, line: &str) -> Flow {
        let command = match Meta::parse(line) {
            Ok(command) => command,
            Err(message) => {
                self.error(&message);
                return Flow::Stop;
            }
        };
        match command {
            Meta::Quit => Flow::Quit,
            Meta::Help => {
                let help = meta::help();
                let result =
                    print::write(&mut *self.stdout, Format::Table, &help.schema(), &[help]);
                if let Err(e) = result {
                    self.error(&e.user_message());
                }
                Flow::Continue
            }
            Meta::Describe(None) | Meta::Tables(None) => self.tables(None).await,
            Meta::Tables(Some(schema)) => self.tables(Some(&schema)).await,
            Meta::Describe(Some(name)) => {
                let work = describe::columns(&self.session, &name);
                match exec::cancellable(work, &mut self.interrupts, &self.progress).await {
                    Some(Ok(batch)) => self.print_batch(&batch),
                    Some(Err(e)) => {
                        self.error(&e.user_message());
                        Flow::Stop
                    }
                    None => {
                        self.notice("Cancelled");
                        Flow::Stop
                    }
                }
            }
            Meta::Schemas => match describe::schemas(&self.session) {
                Ok(batch) => self.print_batch(&batch),
                Err(e) => {
                    self.error(&e.user_message());
                    Flow::Stop
                }
            },
            Meta::Timing(on) => {
                self.timing = on.unwrap_or(!self.timing);
                let state = if self.timing { "on" } else { "off" };
                self.notice(&format!("Timing is {state}."));
                Flow::Continue
            }
            Meta::Format(None) => {
                let name = format_name(self.format);
                self.notice(&format!("Output format is {name}."));
                Flow::Continue
            }
            Meta::Format(Some(format)) => {
                self.format = format;
                self.notice(&format!("Output format is {}.", format_name(format)));
                Flow::Continue
            }
            Meta::Output(target) => self.output(target),
            Meta::Include(path) => Box::pin(self.include(&path)).await,
            Meta::Refresh => self.refresh().await,
        }
    }

    async fn tables(&mut self, schema: Option<&str>) -> Flow {
        match describe::tables(&self.session, schema).await {
            Ok(batch) => self.print_batch(&batch),
            Err(e) => {
                self.error(&e.user_message());
                Flow::Stop
            }
        }
    }

    fn output(&mut self, target: Option<PathBuf>) -> Flow {
        if let Sink::File { file, path } = &mut self.sink
            && let Err(e) = file.flush()
        {
            let message = format!("cannot write {}: {e}", path.display());
            self.error(&message);
        }
        let Some(path) = target else {
            self.sink = Sink::Terminal;
            self.notice("Output goes to the terminal.");
            return Flow::Continue;
        };
        match File::options().create(true).append(true).open(&path) {
            Ok(file) => {
                self.notice(&format!("Output goes to {}.", path.display()));
                self.sink = Sink::File {
                    path,
                    file: BufWriter::new(file),
                };
                Flow::Continue
            }
            Err(e) => {
                self.error(&format!("cannot open {}: {e}", path.display()));
                Flow::Stop
            }
        }
    }

    async fn refresh(&mut self) -> Flow {
        let stats = self.session.catalog().client().stats();
        let before = stats.snapshot();
        let started = Instant::now();
        let outcome =
            exec::cancellable(self.session.refresh(), &mut self.interrupts, &self.progress).await;
        let (elapsed, traffic) = (started.elapsed(), stats.snapshot().since(&before));
        match outcome {
            Some(Ok(())) => {
                self.refresh_names().await;
                let names = self.names.get();
                let count =
                    |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
                self.notice(&format!(
                    "Reloaded the listings: {}, {}.",
                    count(names.schemas.len(), "schema"),
                    count(names.tables.len(), "table")
                ));
                self.report(Status::Done, elapsed, &traffic);
                Flow::Continue
            }
            Some(Err(e)) => {
                self.error(&e.user_message());
                Flow::Stop
            }
            None => {
                self.report(Status::Cancelled, elapsed, &traffic);
                Flow::Stop
            }
        }
    }

    /// `\i`: the file's lines go through the same path as typed ones; the first failure
    /// stops the file.
    async fn include(&mut self, path: &Path) -> Flow {
        if self.depth >= MAX_INCLUDE_DEPTH {
            self.error(&format!(
                "{} includes files {MAX_INCLUDE_DEPTH} deep; is it including itself?",
                path.display()
            ));
            return Flow::Stop;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                self.error(&format!("cannot read {}: {e}", path.display()));
                return Flow::Stop;
            }
        };
        self.depth += 1;
        let mut input = Input::default();
        let mut flow = Flow::Continue;
        let mut stopped_at = None;
        'lines: for (number, line) in text.lines().enumerate() {
            for item in input.push(line) {
                flow = self.handle(item).await;
                if flow != Flow::Continue {
                    stopped_at = Some(number + 1);
                    break 'lines;
                }
            }
        }
        if flow == Flow::Continue
            && let Some(item) = input.finish()
        {
            flow = self.handle(item).await;
            if flow == Flow::Stop {
                stopped_at = Some(text.lines().count());
            }
        }
        self.depth -= 1;
        if let (Flow::Stop, Some(line)) = (flow, stopped_at) {
            self.notice(&format!("(stopped {} at line {line})", path.display()));
        }
        flow
    }

    /// Flushes the `\o` file, if any.
    pub(crate) fn close(&mut self) {
        if let Sink::File { file, path } = &mut self.sink
            && let Err(e) = file.flush()
        {
            let message = format!("cannot write {}: {e}", path.display());
            self.error(&message);
        }
        let _ = self.stdout.flush();
    }
}

/// The name `\format` takes for a format.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Ndjson => "ndjson",
        Format::Markdown => "markdown",
    }
}
