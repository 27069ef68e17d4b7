//! The rustyline helper: Tab completion (see `complete`), syntax highlighting, the hint on
//! an empty prompt, and line validation.
//!
//! Statements span lines the psql way: the REPL loop keeps the lines of an unfinished
//! statement and asks for the next one with the continuation prompt (see `input`), which
//! rustyline's own multi-line mode cannot show. So the validator accepts every line, and
//! statements are validated by parsing once a `;` ends them; the helper is told the pending
//! lines so that completion sees the whole statement.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError};

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::complete::{self, Completion};
use super::lexer::{self, Kind};
use super::names::SharedNames;
use super::style::{self, Palette};

/// The hint on an empty prompt.
const HINT: &str = "\\? for help, \\q to quit";

/// gtmsql's rustyline helper.
pub(crate) struct GtmHelper {
    names: SharedNames,
    pending: Arc<Mutex<String>>,
    palette: Palette,
    files: FilenameCompleter,
}

impl std::fmt::Debug for GtmHelper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GtmHelper")
            .field("palette", &self.palette)
            .finish_non_exhaustive()
    }
}

impl GtmHelper {
    /// A helper completing from `names`, colouring with `palette`.
    pub(crate) fn new(names: SharedNames, palette: Palette) -> Self {
        Self {
            names,
            pending: Arc::default(),
            palette,
            files: FilenameCompleter::new(),
        }
    }

    /// The handle through which the loop tells the helper the pending lines.
    pub(crate) fn pending(&self) -> Arc<Mutex<String>> {
        Arc::clone(&self.pending)
    }

    fn pending_text(&self) -> String {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Completer for GtmHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        match complete::complete(&self.names.get(), &self.pending_text(), line, pos) {
            Completion::Words { start, candidates } => Ok((
                start,
                candidates
                    .into_iter()
                    .map(|c| Pair {
                        display: c.display,
                        replacement: c.replacement,
                    })
                    .collect(),
            )),
            Completion::Path => self.files.complete(line, pos, ctx),
        }
    }
}

impl Hinter for GtmHelper {
    type Hint = String;

    fn hint(&self, line: &str, _pos: usize, _ctx: &Context<'_>) -> Option<String> {
        (line.is_empty() && self.pending_text().is_empty()).then(|| HINT.to_owned())
    }
}

impl Highlighter for GtmHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.palette.enabled() {
            Cow::Owned(highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        Cow::Owned(self.palette.paint(style::BOLD, prompt))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(self.palette.paint(style::DIM, hint))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.palette.enabled() && kind != CmdKind::MoveCursor
    }
}

impl Validator for GtmHelper {}

impl Helper for GtmHelper {}

/// `line` with keywords, strings, numbers and comments coloured.
fn highlight(line: &str) -> String {
    if line.trim_start().starts_with('\\') {
        return format!("{}{line}{}", style::BOLD, style::RESET);
    }
    let mut out = String::with_capacity(line.len() * 2);
    for token in lexer::tokenize(line) {
        let text = token.text(line);
        let colour = match token.kind {
            Kind::Word if complete::is_keyword(text) => Some(style::KEYWORD),
            Kind::String => Some(style::STRING),
            Kind::Number => Some(style::NUMBER),
            Kind::Comment => Some(style::DIM),
            _ => None,
        };
        match colour {
            Some(colour) => {
                out.push_str(colour);
                out.push_str(text);
                out.push_str(style::RESET);
            }
            None => out.push_str(text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_keeps_the_text() {
        let line = "SELECT 'a' AS s, 42 FROM t -- note";
        let coloured = highlight(line);
        assert!(coloured.contains(&format!("{}SELECT{}", style::KEYWORD, style::RESET)));
        assert!(coloured.contains(&format!("{}'a'{}", style::STRING, style::RESET)));
        assert!(coloured.contains(&format!("{}42{}", style::NUMBER, style::RESET)));
        let stripped = coloured
            .replace(style::KEYWORD, "")
            .replace(style::STRING, "")
            .replace(style::NUMBER, "")
            .replace(style::DIM, "")
            .replace(style::RESET, "");
        assert_eq!(stripped, line);
        // Column names are not keywords.
        assert_eq!(highlight("full_name"), "full_name");
    }
}
