//! The interactive REPL: a rustyline editor with history, statements over several lines
//! (ended by `;`, validated by DataFusion's parser), Tab completion of keywords, schemas,
//! tables and columns, meta-commands (`\?` lists them), progress bars, Ctrl-C to cancel a
//! running statement, and after each statement a line with its rows, time and API traffic.
//!
//! The parts: `input` (lines into statements), `editor` (the rustyline helper), `complete`
//! and `names` (completion), `meta` (meta-commands), `describe` (`\d`), `exec` (running a
//! statement under Ctrl-C), `progress`, `report`, `style`, and `shell`, which ties them
//! together.

mod complete;
mod describe;
mod editor;
mod exec;
mod input;
mod lexer;
mod meta;
mod names;
mod progress;
mod report;
mod shell;
mod style;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;

use self::editor::GtmHelper;
use self::input::Input;
use self::progress::ProgressView;
use self::shell::{Flow, Shell};
use self::style::Palette;
use crate::GtmSession;
use crate::cli::Format;
use crate::error::{Error, Result};

/// The prompt.
const PROMPT: &str = "gtmsql> ";
/// The prompt while a statement continues (as wide as [`PROMPT`]).
const CONTINUATION: &str = "     -> ";

/// How the REPL starts.
#[derive(Debug, Clone, Default)]
pub struct ReplOptions {
    /// The initial output format (`\format` changes it).
    pub format: Format,
    /// The history file (`None`: no history). Its directory is created if needed.
    pub history: Option<PathBuf>,
    /// A line to print before the first prompt (e.g. which server the session talks to).
    pub banner: Option<String>,
    /// Colours: `Some(true)` always, `Some(false)` never, `None` (the default) when the
    /// stream is a terminal and `NO_COLOR` is not set. Progress bars show only when stderr
    /// is a terminal.
    pub color: Option<bool>,
}

type LineEditor = rustyline::Editor<GtmHelper, FileHistory>;

/// Runs the REPL on the terminal until `\q` or Ctrl-D.
///
/// Results go to stdout (or the file `\o` names); the line after each statement, notices and
/// errors go to stderr. A failing statement prints one `Error: …` line and the REPL goes on.
///
/// # Errors
/// When the terminal cannot be read.
pub async fn run(session: GtmSession, options: ReplOptions) -> Result<()> {
    let stdout_palette = Palette::detect(options.color, &std::io::stdout());
    let stderr_palette = Palette::detect(options.color, &std::io::stderr());
    let progress = ProgressView::new(std::io::stderr().is_terminal());
    let mut shell = Shell::new(
        session,
        options.format,
        Box::new(std::io::stdout()),
        Box::new(std::io::stderr()),
        stderr_palette,
        progress,
    );
    shell.refresh_names().await;

    let helper = GtmHelper::new(shell.names(), stdout_palette);
    let pending = helper.pending();
    let mut editor = new_editor(stdout_palette)?;
    editor.set_helper(Some(helper));
    if let Some(path) = &options.history {
        load_history(&mut editor, path, &mut shell);
    }
    if let Some(banner) = &options.banner {
        shell.notice(banner);
    }

    let mut input = Input::default();
    let mut entry = String::new();
    loop {
        let prompt = if input.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        };
        input
            .pending()
            .clone_into(&mut pending.lock().unwrap_or_else(PoisonError::into_inner));
        let (returned, line) = read_line(editor, prompt).await?;
        editor = returned;
        let line = match line {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C at the prompt drops the statement being typed.
                input.clear();
                entry.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(terminal_error(&e)),
        };
        let is_meta = line.trim_start().starts_with('\\');
        if is_meta {
            let _ = editor.add_history_entry(line.trim());
        } else {
            if !entry.is_empty() {
                entry.push('\n');
            }
            entry.push_str(&line);
        }
        let items = input.push(&line);
        if input.is_empty() && !entry.trim().is_empty() {
            let _ = editor.add_history_entry(entry.trim());
            entry.clear();
        } else if input.is_empty() {
            entry.clear();
        }
        let mut quit = false;
        for item in items {
            if shell.handle(item).await == Flow::Quit {
                quit = true;
                break;
            }
        }
        if quit {
            break;
        }
    }

    if let Some(path) = &options.history
        && let Err(e) = editor.save_history(path)
    {
        shell.notice(&format!(
            "could not save the history to {}: {e}",
            path.display()
        ));
    }
    shell.close();
    Ok(())
}

fn new_editor(palette: Palette) -> Result<LineEditor> {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .color_mode(if palette.enabled() {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        });
    let config = config
        .max_history_size(10_000)
        .and_then(|c| c.history_ignore_dups(true))
        .map_err(|e| terminal_error(&e))?
        .build();
    LineEditor::with_config(config).map_err(|e| terminal_error(&e))
}

/// Loads the history, creating its directory; a missing file is a first run.
fn load_history(editor: &mut LineEditor, path: &Path, shell: &mut Shell) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        shell.notice(&format!("could not create {}: {e}", dir.display()));
        return;
    }
    match editor.load_history(path) {
        Ok(()) => {}
        Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => shell.notice(&format!(
            "could not read the history {}: {e}",
            path.display()
        )),
    }
}

/// Reads a line on a blocking thread (rustyline blocks on the terminal; the runtime's
/// workers keep serving the session meanwhile).
async fn read_line(
    mut editor: LineEditor,
    prompt: &'static str,
) -> Result<(LineEditor, rustyline::Result<String>)> {
    tokio::task::spawn_blocking(move || {
        let _ = std::io::stdout().flush();
        let line = editor.readline(prompt);
        (editor, line)
    })
    .await
    .map_err(|e| Error::Invalid(format!("the line editor stopped: {e}")))
}

fn terminal_error(e: &ReadlineError) -> Error {
    Error::Invalid(format!("cannot use the terminal: {e}"))
}
