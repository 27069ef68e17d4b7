//! What the user typed, line by line: meta-commands, complete statements (validated by
//! parsing) and the unfinished statement that makes the prompt a continuation prompt.
//!
//! As in psql, a statement runs when a line ends it with `;`; until then the lines are kept
//! and the prompt changes. A `;` inside a string, a quoted identifier or a comment does not
//! count (see `lexer`). A line starting with `\` is a meta-command, even in the middle of a
//! statement (which is kept).

use datafusion::sql::parser::DFParser;
use datafusion::sql::sqlparser::dialect::GenericDialect;

use super::lexer::{self, Kind};

/// Something to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A meta-command line (starting with `\`).
    Meta(String),
    /// A statement that parses (without its `;`).
    Statement(String),
    /// A statement that does not parse, with the parser's message.
    Invalid {
        /// The statement.
        statement: String,
        /// Why it does not parse.
        message: String,
    },
}

/// The lines of the statement being typed.
#[derive(Debug, Default)]
pub(crate) struct Input {
    pending: String,
}

impl Input {
    /// The unfinished statement (empty when none).
    pub(crate) fn pending(&self) -> &str {
        &self.pending
    }

    /// Whether no statement is being typed.
    pub(crate) fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Forgets the unfinished statement (Ctrl-C at the prompt).
    pub(crate) fn clear(&mut self) {
        self.pending.clear();
    }

    /// Takes one line (which may hold several, when pasted) and returns what it completes.
    /// A statement that does not parse is returned as [`Item::Invalid`], and what followed it
    /// on the line is dropped.
    pub(crate) fn push(&mut self, line: &str) -> Vec<Item> {
        if line.trim_start().starts_with('\\') {
            return vec![Item::Meta(line.trim().to_owned())];
        }
        if !self.pending.is_empty() {
            self.pending.push('\n');
        }
        self.pending.push_str(line);
        let (statements, rest) = split(&self.pending);
        self.pending = if is_blank(&rest) { String::new() } else { rest };
        let mut items = Vec::with_capacity(statements.len());
        for statement in statements {
            let item = check(statement);
            let invalid = matches!(item, Item::Invalid { .. });
            items.push(item);
            if invalid {
                self.pending.clear();
                break;
            }
        }
        items
    }

    /// At the end of a file: the unfinished statement, if any, as a last statement.
    pub(crate) fn finish(&mut self) -> Option<Item> {
        let rest = std::mem::take(&mut self.pending);
        (!is_blank(&rest)).then(|| check(rest.trim().to_owned()))
    }
}

/// A statement as an [`Item`]: [`Item::Statement`] when it parses.
fn check(statement: String) -> Item {
    match validate(&statement) {
        Ok(()) => Item::Statement(statement),
        Err(message) => Item::Invalid { statement, message },
    }
}

/// Whether `statement` parses (with DataFusion's parser and the generic dialect, as
/// `GtmSession::sql` does), and the parser's message when it does not.
pub(crate) fn validate(statement: &str) -> Result<(), String> {
    DFParser::parse_sql_with_dialect(statement, &GenericDialect {})
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Splits `text` at the `;` that end statements: the complete statements (trimmed, without
/// their `;`, empty ones dropped) and what follows the last `;`.
pub(crate) fn split(text: &str) -> (Vec<String>, String) {
    let mut statements = Vec::new();
    let mut start = 0;
    for token in lexer::tokenize(text) {
        if token.kind == Kind::Semicolon {
            let statement = &text[start..token.start];
            if !is_blank(statement) {
                statements.push(statement.trim().to_owned());
            }
            start = token.end;
        }
    }
    (statements, text[start..].to_owned())
}

/// Whether `text` holds nothing but whitespace and finished comments.
pub(crate) fn is_blank(text: &str) -> bool {
    lexer::tokenize(text)
        .iter()
        .all(|t| !t.significant() && t.closed)
}

/// The first word of a statement, upper-cased (`SELECT`, `CREATE`, …); empty when it does
/// not start with a word.
pub(crate) fn leading_keyword(statement: &str) -> String {
    lexer::tokenize(statement)
        .into_iter()
        .find(lexer::Token::significant)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(statement).to_ascii_uppercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(s: &str) -> Item {
        Item::Statement(s.to_owned())
    }

    #[test]
    fn a_statement_runs_when_a_line_ends_it() {
        let mut input = Input::default();
        assert_eq!(input.push("SELECT"), vec![]);
        assert_eq!(input.pending(), "SELECT");
        assert_eq!(input.push("  1 AS n"), vec![]);
        assert_eq!(input.push(";"), vec![statement("SELECT\n  1 AS n")]);
        assert!(input.is_empty());
    }

    #[test]
    fn several_statements_on_a_line_and_a_rest() {
        let mut input = Input::default();
        let items = input.push("SELECT 1; SELECT 'a;b' -- x;\n; SELECT");
        assert_eq!(
            items,
            vec![statement("SELECT 1"), statement("SELECT 'a;b' -- x;")]
        );
        assert_eq!(input.pending(), " SELECT");
        assert_eq!(input.push("2;"), vec![statement("SELECT\n2")]);
    }

    #[test]
    fn quotes_and_comments_keep_the_statement_open() {
        let mut input = Input::default();
        assert_eq!(input.push("SELECT 'a;"), vec![]);
        assert_eq!(input.push("b';"), vec![statement("SELECT 'a;\nb'")]);
        assert_eq!(input.push("/* a;"), vec![]);
        assert!(!input.is_empty());
        assert_eq!(
            input.push("*/ SELECT 1;"),
            vec![statement("/* a;\n*/ SELECT 1")]
        );
    }

    #[test]
    fn comments_and_empty_statements_are_not_statements() {
        let mut input = Input::default();
        assert_eq!(input.push(";;"), vec![]);
        assert!(input.is_empty());
        assert_eq!(input.push("-- just a note"), vec![]);
        assert!(input.is_empty());
        assert_eq!(input.push("SELECT 1; -- done"), vec![statement("SELECT 1")]);
        assert!(input.is_empty());
    }

    #[test]
    fn invalid_statements_report_the_parser_and_drop_the_rest() {
        let mut input = Input::default();
        let items = input.push("SELEC 1; SELECT 2; SELECT");
        assert_eq!(items.len(), 1);
        let Item::Invalid { statement, message } = &items[0] else {
            panic!("{items:?}");
        };
        assert_eq!(statement, "SELEC 1");
        assert!(message.contains("SELEC"), "{message}");
        assert!(input.is_empty());
    }

    #[test]
    fn meta_commands_are_lines_of_their_own() {
        let mut input = Input::default();
        assert_eq!(
            input.push("  \\d events.booth_scans "),
            vec![Item::Meta("\\d events.booth_scans".to_owned())]
        );
        assert_eq!(input.push("SELECT 1"), vec![]);
        assert_eq!(input.push("\\?"), vec![Item::Meta("\\?".to_owned())]);
        assert_eq!(input.pending(), "SELECT 1");
    }

    #[test]
    fn gtmsql_statements_parse() {
        for sql in [
            "CALL enrich('events.booth_scans')",
            "SET gtm.page_size = 100",
            "CREATE SCHEMA leads",
            "INSERT INTO events.booth_scans (email) VALUES ('a@b.c') ON CONFLICT DO NOTHING",
        ] {
            assert_eq!(validate(sql), Ok(()), "{sql}");
        }
    }

    #[test]
    fn a_file_may_end_without_a_semicolon() {
        let mut input = Input::default();
        assert_eq!(input.push("SELECT 1;"), vec![statement("SELECT 1")]);
        assert_eq!(input.push("SELECT 2"), vec![]);
        assert_eq!(input.finish(), Some(statement("SELECT 2")));
        assert_eq!(input.finish(), None);
        input.push("-- trailing comment");
        assert_eq!(input.finish(), None);
    }

    #[test]
    fn leading_keywords() {
        assert_eq!(leading_keyword("  -- c\n create table t (a int)"), "CREATE");
        assert_eq!(leading_keyword("(SELECT 1)"), "");
    }
}
