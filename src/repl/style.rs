//! Terminal colours: ANSI styles, applied only when the stream is a terminal and `NO_COLOR`
//! is not set (or when the caller forces them on or off).

use std::io::IsTerminal;

/// Dim (the report line, hints).
pub(crate) const DIM: &str = "\x1b[2m";
/// Red (errors).
pub(crate) const RED: &str = "\x1b[31m";
/// Bold blue (keywords).
pub(crate) const KEYWORD: &str = "\x1b[1;34m";
/// Green (string literals).
pub(crate) const STRING: &str = "\x1b[32m";
/// Cyan (numbers).
pub(crate) const NUMBER: &str = "\x1b[36m";
/// Bold (the prompt).
pub(crate) const BOLD: &str = "\x1b[1m";
/// Back to normal.
pub(crate) const RESET: &str = "\x1b[0m";

/// Whether to colour one output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Palette {
    enabled: bool,
}

impl Palette {
    /// Colours when `forced` says so, else when `stream` is a terminal and `NO_COLOR` is unset.
    pub(crate) fn detect(forced: Option<bool>, stream: &impl IsTerminal) -> Self {
        let enabled = forced.unwrap_or_else(|| {
            stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        });
        Self { enabled }
    }

    /// Whether colours are on.
    pub(crate) fn enabled(self) -> bool {
        self.enabled
    }

    /// `text` in `style` (unchanged when colours are off).
    pub(crate) fn paint(self, style: &str, text: &str) -> String {
        if self.enabled {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_is_a_no_op_without_colours() {
        let on = Palette::detect(Some(true), &std::io::stderr());
        let off = Palette::detect(Some(false), &std::io::stderr());
        assert_eq!(off.paint(RED, "Error"), "Error");
        assert_eq!(on.paint(RED, "Error"), "\x1b[31mError\x1b[0m");
    }
}
