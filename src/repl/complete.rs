//! Tab completion: which words fit where the cursor is.
//!
//! The statement around the cursor (the lines already entered and the current one) decides:
//! after `FROM`, `JOIN`, `INTO`, `UPDATE` or `TABLE` come schemas and tables (`events.` then
//! `events.booth_scans`); elsewhere come the columns of the tables the statement names
//! (anywhere in it, so `SELECT full_<Tab> FROM events.booth_scans` works once the `FROM` is
//! typed, and every table's columns when it names none), then keywords and functions;
//! `alias.` or `table.` gives that table's columns. Inside a string come file paths (for
//! `LOCATION '…'`), or table names in `CALL`'s arguments; meta-commands complete their names
//! and arguments. Names come from a [`CatalogSnapshot`], never from the server.

use super::lexer::{self, Kind, Token};
use super::meta::{self, Arg};
use super::names::{CatalogSnapshot, TableNames};
use crate::provider::{CATALOG, LOCAL_SCHEMA};

/// One completion: what the list shows and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Shown in the list.
    pub(crate) display: String,
    /// Replaces the word being completed.
    pub(crate) replacement: String,
}

/// What Tab does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Completion {
    /// Replace the line from `start` to the cursor with one of `candidates`.
    Words {
        /// Where the word being completed starts in the line.
        start: usize,
        /// The candidates, best first.
        candidates: Vec<Candidate>,
    },
    /// Complete a file path.
    Path,
}

impl Completion {
    fn none(start: usize) -> Self {
        Self::Words {
            start,
            candidates: Vec::new(),
        }
    }
}

/// Keywords offered in expressions and clauses.
const KEYWORDS: &[&str] = &[
    "ADD",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "AS",
    "ASC",
    "BETWEEN",
    "BIGINT",
    "BOOLEAN",
    "BY",
    "CALL",
    "CASE",
    "CAST",
    "COLUMN",
    "COLUMNS",
    "CONFLICT",
    "COPY",
    "CREATE",
    "CROSS",
    "DATE",
    "DECIMAL",
    "DELETE",
    "DESC",
    "DESCRIBE",
    "DISTINCT",
    "DO",
    "DOUBLE",
    "DROP",
    "ELSE",
    "END",
    "EXCEPT",
    "EXISTS",
    "EXPLAIN",
    "EXTERNAL",
    "FALSE",
    "FILTER",
    "FIRST",
    "FROM",
    "FULL",
    "GROUP",
    "HAVING",
    "IF",
    "ILIKE",
    "IN",
    "INNER",
    "INSERT",
    "INTEGER",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IS",
    "JOIN",
    "LAST",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LOCATION",
    "NOT",
    "NOTHING",
    "NULL",
    "NULLS",
    "OFFSET",
    "ON",
    "OPTIONS",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "RENAME",
    "REPLACE",
    "RIGHT",
    "SCHEMA",
    "SELECT",
    "SET",
    "SHOW",
    "STORED",
    "TABLE",
    "TABLES",
    "THEN",
    "TIMESTAMP",
    "TO",
    "TRUE",
    "UNION",
    "UNNEST",
    "UPDATE",
    "USING",
    "VALUES",
    "VARCHAR",
    "VERBOSE",
    "VIEW",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
];

/// Whether `word` is a keyword the editor colours.
pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Keywords that start a statement.
const STARTERS: &[&str] = &[
    "ALTER", "CALL", "COPY", "CREATE", "DELETE", "DESCRIBE", "DROP", "EXPLAIN", "INSERT", "SELECT",
    "SET", "SHOW", "UPDATE", "VALUES", "WITH",
];

/// Keywords after which a table name comes.
const BEFORE_TABLE: &[&str] = &[
    "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "EXISTS", "DESCRIBE",
];

/// Keywords that begin a clause (to tell a `FROM a, b` list from a select list).
const CLAUSES: &[&str] = &[
    "SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "ON", "USING", "SET", "VALUES",
    "JOIN", "UNION", "WINDOW", "BY",
];

/// Words that follow a table name without being its alias.
const NOT_ALIAS: &[&str] = &[
    "AS",
    "BY",
    "CROSS",
    "DEFAULT",
    "EXCEPT",
    "FROM",
    "FULL",
    "GROUP",
    "HAVING",
    "INNER",
    "INTERSECT",
    "JOIN",
    "LATERAL",
    "LEFT",
    "LIMIT",
    "NATURAL",
    "OFFSET",
    "ON",
    "ORDER",
    "OUTER",
    "QUALIFY",
    "RIGHT",
    "SELECT",
    "SET",
    "UNION",
    "USING",
    "VALUES",
    "WHERE",
    "WINDOW",
];

/// The completions for the cursor at `pos` in `line`, `pending` holding the earlier lines of
/// the statement.
pub(crate) fn complete(
    names: &CatalogSnapshot,
    pending: &str,
    line: &str,
    pos: usize,
) -> Completion {
    let before = &line[..pos];
    if before.trim_start().starts_with('\\') {
        return complete_meta(names, before);
    }
    let text = if pending.is_empty() {
        line.to_owned()
    } else {
        format!("{pending}\n{line}")
    };
    let offset = text.len() - line.len();
    let cursor = offset + pos;
    let tokens = lexer::tokenize(&text);
    let statement_start = tokens
        .iter()
        .rfind(|t| t.kind == Kind::Semicolon && t.end <= cursor)
        .map_or(0, |t| t.end);
    let statement_end = tokens
        .iter()
        .find(|t| t.kind == Kind::Semicolon && t.start >= cursor)
        .map_or(text.len(), |t| t.start);
    let statement = &text[statement_start..statement_end];

    if let Some(token) = tokens.iter().find(|t| t.start < cursor && cursor <= t.end) {
        let inside = match token.kind {
            Kind::String | Kind::QuotedIdent => !token.closed || cursor < token.end,
            Kind::Comment => {
                token.text(&text).starts_with("--") || !token.closed || cursor < token.end
            }
            _ => false,
        };
        if inside && token.kind == Kind::Comment {
            return Completion::none(pos);
        }
        if inside && token.kind == Kind::String {
            let call = super::input::leading_keyword(statement) == "CALL";
            let quote = token.start + 1;
            if call && quote >= offset {
                let word = parse_word(&text[quote..cursor], quote);
                return Completion::Words {
                    start: quote - offset,
                    candidates: tables(names, &word),
                };
            }
            return Completion::Path;
        }
    }

    let word = word_before(&text, cursor, statement_start);
    if word.start < offset {
        return Completion::none(pos);
    }
    if word.raw.is_empty()
        && text[..cursor]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '"' | '_' | '`'))
    {
        return Completion::none(pos);
    }
    let context = context(&tokens, &text, statement_start, word.start);
    // The statement without the word being typed (an unclosed quote in it would hide the rest).
    let around = format!(
        "{} {}",
        &text[statement_start..word.start],
        &text[cursor..statement_end.max(cursor)]
    );
    let candidates = match context {
        Context::Start => keywords(STARTERS, &word),
        Context::Tables => tables(names, &word),
        Context::Expression => expression(names, &around, &word),
    };
    Completion::Words {
        start: word.start - offset,
        candidates: dedup(candidates),
    }
}

/// Where the cursor's word sits in its statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// At the start: a statement keyword.
    Start,
    /// Where a table name goes.
    Tables,
    /// Anywhere else: columns, keywords and functions.
    Expression,
}

fn context(tokens: &[Token], text: &str, statement_start: usize, word_start: usize) -> Context {
    let significant: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.significant() && t.start >= statement_start && t.end <= word_start)
        .collect();
    let Some(last) = significant.last() else {
        return Context::Start;
    };
    let upper = |t: &Token| {
        if t.kind == Kind::Word {
            t.text(text).to_ascii_uppercase()
        } else {
            String::new()
        }
    };
    if BEFORE_TABLE.contains(&upper(last).as_str()) {
        return Context::Tables;
    }
    if last.text(text) == "," {
        let clause = significant
            .iter()
            .rev()
            .map(|t| upper(t))
            .find(|w| CLAUSES.contains(&w.as_str()));
        if clause.as_deref() == Some("FROM") {
            return Context::Tables;
        }
    }
    Context::Expression
}

/// The word being completed: a possibly qualified, possibly quoted name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Where it starts (in the text it was taken from).
    start: usize,
    /// Its text.
    raw: String,
    /// The qualifier parts before the last `.`, normalized (unquoted ones lower-cased).
    qualifier: Vec<String>,
    /// The qualifier as typed, with its trailing `.` (empty without a qualifier).
    qualifier_raw: String,
    /// The part after the last `.`, without its opening quote.
    partial: String,
    /// Whether that part is quoted.
    quoted: bool,
}

/// The word that ends at `cursor`, not reaching before `floor`.
fn word_before(text: &str, cursor: usize, floor: usize) -> Word {
    let tokens = lexer::tokenize(&text[..cursor]);
    let mut start = cursor;
    for token in tokens.iter().rev() {
        let is_name_part = match token.kind {
            Kind::Word | Kind::QuotedIdent => true,
            Kind::Punct => token.text(text) == ".",
            _ => false,
        };
        if !is_name_part || token.start < floor {
            break;
        }
        start = token.start;
    }
    parse_word(&text[start..cursor], start)
}

/// Splits a name as typed into its qualifier and its last part.
fn parse_word(raw: &str, start: usize) -> Word {
    let tokens = lexer::tokenize(raw);
    let mut parts: Vec<(String, bool)> = vec![(String::new(), false)];
    let mut qualifier_end = 0;
    for token in &tokens {
        let text = token.text(raw);
        match token.kind {
            Kind::Punct if text == "." => {
                parts.push((String::new(), false));
                qualifier_end = token.end;
            }
            Kind::QuotedIdent => {
                let last = parts.last_mut().expect("one part");
                last.0.push_str(&unquote(text));
                last.1 = true;
            }
            _ => parts.last_mut().expect("one part").0.push_str(text),
        }
    }
    let (partial, quoted) = parts.pop().expect("one part");
    let qualifier = parts
        .into_iter()
        .map(|(p, quoted)| if quoted { p } else { p.to_lowercase() })
        .collect();
    Word {
        start,
        raw: raw.to_owned(),
        qualifier,
        qualifier_raw: raw[..qualifier_end].to_owned(),
        partial,
        quoted,
    }
}

/// A quoted identifier's name (the quotes removed, doubled quotes undoubled; an unclosed one
/// has only its opening quote).
fn unquote(text: &str) -> String {
    let mut chars = text.chars();
    let Some(quote) = chars.next() else {
        return String::new();
    };
    let inner = chars.as_str();
    let inner = inner.strip_suffix(quote).unwrap_or(inner);
    inner.replace(&format!("{quote}{quote}"), &quote.to_string())
}

/// A name as SQL needs it written: bare when it is a plain lower-case identifier, quoted
/// otherwise (or when `force`).
fn quote_ident(name: &str, force: bool) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain && !force {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// Whether `name` completes `word`'s last part (case-insensitively, unless it is quoted).
fn matches(name: &str, word: &Word) -> bool {
    if word.quoted {
        name.starts_with(&word.partial)
    } else {
        name.to_lowercase()
            .starts_with(&word.partial.to_lowercase())
    }
}

fn name_candidate(word: &Word, name: &str) -> Candidate {
    Candidate {
        display: name.to_owned(),
        replacement: format!("{}{}", word.qualifier_raw, quote_ident(name, word.quoted)),
    }
}

/// Keywords from `list` completing the word, in the case the word is typed in.
fn keywords(list: &[&str], word: &Word) -> Vec<Candidate> {
    if !word.qualifier.is_empty() || word.quoted {
        return Vec::new();
    }
    let lower =
        word.raw.chars().any(char::is_lowercase) && !word.raw.chars().any(char::is_uppercase);
    list.iter()
        .filter(|k| matches(k, word))
        .map(|k| {
            let k = if lower {
                k.to_lowercase()
            } else {
                (*k).to_owned()
            };
            Candidate {
                display: k.clone(),
                replacement: k,
            }
        })
        .collect()
}

/// Schemas and tables completing the word (`events.`, `events.booth_scans`; local tables are
/// offered bare, as the default schema is `local`).
fn tables(names: &CatalogSnapshot, word: &Word) -> Vec<Candidate> {
    let schema_tables = |schema: &str| -> Vec<Candidate> {
        names
            .tables
            .iter()
            .filter(|t| t.schema == schema && matches(&t.name, word))
            .map(|t| name_candidate(word, &t.name))
            .collect()
    };
    match word.qualifier.as_slice() {
        [] => {
            let mut out: Vec<Candidate> = names
                .schemas
                .iter()
                .filter(|s| matches(s, word))
                .map(|s| Candidate {
                    display: format!("{s}."),
                    replacement: format!("{}.", quote_ident(s, word.quoted)),
                })
                .collect();
            for t in &names.tables {
                if t.schema == LOCAL_SCHEMA {
                    if matches(&t.name, word) {
                        out.push(name_candidate(word, &t.name));
                    }
                } else if matches(&t.name, word)
                    || matches(&format!("{}.{}", t.schema, t.name), word)
                {
                    let full = format!(
                        "{}.{}",
                        quote_ident(&t.schema, false),
                        quote_ident(&t.name, false)
                    );
                    out.push(Candidate {
                        display: format!("{}.{}", t.schema, t.name),
                        replacement: full,
                    });
                }
            }
            out
        }
        [catalog] if catalog == CATALOG && !names.schemas.contains(catalog) => names
            .schemas
            .iter()
            .filter(|s| matches(s, word))
            .map(|s| Candidate {
                display: format!("{s}."),
                replacement: format!("{}{}.", word.qualifier_raw, quote_ident(s, word.quoted)),
            })
            .collect(),
        [schema] | [_, schema] => schema_tables(schema),
        _ => Vec::new(),
    }
}

/// A table the statement names, with its alias.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TableRef {
    parts: Vec<String>,
    alias: Option<String>,
}

/// The tables `statement` names after `FROM`, `JOIN`, `UPDATE`, `INTO` and `TABLE`.
fn table_refs(statement: &str) -> Vec<TableRef> {
    let tokens: Vec<Token> = lexer::tokenize(statement)
        .into_iter()
        .filter(Token::significant)
        .collect();
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(statement).to_ascii_uppercase())
            .unwrap_or_default()
    };
    let ident = |i: usize| -> Option<String> {
        let t = tokens.get(i)?;
        match t.kind {
            Kind::Word => Some(t.text(statement).to_lowercase()),
            Kind::QuotedIdent if t.closed => Some(unquote(t.text(statement))),
            _ => None,
        }
    };
    let punct = |i: usize, p: &str| tokens.get(i).is_some_and(|t| t.text(statement) == p);
    let mut refs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let keyword = word(i);
        i += 1;
        if !matches!(
            keyword.as_str(),
            "FROM" | "JOIN" | "UPDATE" | "INTO" | "TABLE"
        ) {
            continue;
        }
        while let Some(first) = ident(i) {
            let mut parts = vec![first];
            i += 1;
            while punct(i, ".") {
                let Some(next) = ident(i + 1) else { break };
                parts.push(next);
                i += 2;
            }
            if punct(i, "(") {
                break;
            }
            let mut alias = None;
            if word(i) == "AS" {
                alias = ident(i + 1);
                i += 2;
            } else if !NOT_ALIAS.contains(&word(i).as_str())
                && let Some(a) = ident(i)
            {
                alias = Some(a);
                i += 1;
            }
            refs.push(TableRef { parts, alias });
            if keyword == "FROM" && punct(i, ",") {
                i += 1;
                continue;
            }
            break;
        }
    }
    refs
}

/// The table a (possibly qualified) name refers to: `local.t`, `schema.t`, `gtm.schema.t`,
/// or a bare name that is a local table or the only table of that name.
fn resolve<'n>(names: &'n CatalogSnapshot, parts: &[String]) -> Option<&'n TableNames> {
    match parts {
        [table] => names
            .table(LOCAL_SCHEMA, table)
            .or_else(|| names.unique_table(table)),
        [schema, table] => names.table(schema, table),
        [catalog, schema, table] if catalog == CATALOG => names.table(schema, table),
        _ => None,
    }
}

/// Columns, keywords and functions for a word in an expression.
fn expression(names: &CatalogSnapshot, statement: &str, word: &Word) -> Vec<Candidate> {
    let refs = table_refs(statement);
    let columns = |table: &TableNames| -> Vec<Candidate> {
        table
            .columns
            .iter()
            .filter(|c| matches(c, word))
            .map(|c| name_candidate(word, c))
            .collect()
    };
    if !word.qualifier.is_empty() {
        if let [qualifier] = word.qualifier.as_slice() {
            let by_alias = refs
                .iter()
                .find(|r| r.alias.as_ref() == Some(qualifier))
                .or_else(|| refs.iter().find(|r| r.parts.last() == Some(qualifier)));
            if let Some(table) = by_alias.and_then(|r| resolve(names, &r.parts)) {
                return columns(table);
            }
        }
        if let Some(table) = resolve(names, &word.qualifier) {
            return columns(table);
        }
        let in_schema = tables(names, word);
        if !in_schema.is_empty() || word.qualifier.len() > 1 {
            return in_schema;
        }
        // An alias the statement does not define yet (`SELECT s.` before `FROM … s`):
        // every table's columns.
        let mut out: Vec<Candidate> = names.tables.iter().flat_map(columns).collect();
        out.sort_by(|a, b| a.display.cmp(&b.display));
        return out;
    }
    let mut referenced: Vec<&TableNames> = refs
        .iter()
        .filter_map(|r| resolve(names, &r.parts))
        .collect();
    if referenced.is_empty() {
        referenced = names.tables.iter().collect();
    }
    let mut out: Vec<Candidate> = referenced.into_iter().flat_map(columns).collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.extend(keywords(KEYWORDS, word));
    if !word.quoted {
        out.extend(
            names
                .functions
                .iter()
                .filter(|f| matches(f, word))
                .map(|f| Candidate {
                    display: format!("{f}()"),
                    replacement: f.clone(),
                }),
        );
    }
    out
}

/// A meta-command's name, or its argument.
fn complete_meta(names: &CatalogSnapshot, before: &str) -> Completion {
    let indent = before.len() - before.trim_start().len();
    let body = &before[indent..];
    let Some(space) = body.find(char::is_whitespace) else {
        let candidates = meta::COMMANDS
            .iter()
            .flat_map(|c| c.names.iter())
            .filter(|n| n.starts_with(body))
            .map(|n| Candidate {
                display: (*n).to_owned(),
                replacement: (*n).to_owned(),
            })
            .collect();
        return Completion::Words {
            start: indent,
            candidates,
        };
    };
    let name = &body[..space];
    let arg_start = before
        .rfind(char::is_whitespace)
        .map_or(before.len(), |i| i + 1);
    let word = parse_word(&before[arg_start..], arg_start);
    let fixed = |options: &[&str]| -> Vec<Candidate> {
        options
            .iter()
            .filter(|o| o.starts_with(&word.raw))
            .map(|o| Candidate {
                display: (*o).to_owned(),
                replacement: (*o).to_owned(),
            })
            .collect()
    };
    let candidates = match meta::find(name).map(|c| c.arg) {
        Some(Arg::Path) => return Completion::Path,
        Some(Arg::Table) => tables(names, &word),
        Some(Arg::Schema) => names
            .schemas
            .iter()
            .filter(|s| matches(s, &word))
            .map(|s| name_candidate(&word, s))
            .collect(),
        Some(Arg::Format) => fixed(&["table", "csv", "json", "ndjson", "markdown"]),
        Some(Arg::OnOff) => fixed(&["on", "off"]),
        Some(Arg::None) | None => Vec::new(),
    };
    Completion::Words {
        start: arg_start,
        candidates,
    }
}

fn dedup(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    candidates
        .into_iter()
        .filter(|c| seen.insert(c.replacement.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> CatalogSnapshot {
        let table = |schema: &str, name: &str, columns: &[&str]| TableNames {
            schema: schema.to_owned(),
            name: name.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        };
        CatalogSnapshot {
            schemas: vec!["bulk".to_owned(), "events".to_owned(), "local".to_owned()],
            tables: vec![
                table("bulk", "contacts", &["_row_id", "email", "first_name"]),
                table("events", "accounts", &["_row_id", "company", "domain"]),
                table(
                    "events",
                    "booth_scans",
                    &["_row_id", "email", "full_name", "employees", "Mixed Case"],
                ),
                table("local", "picks", &["email", "score"]),
            ],
            functions: vec![
                "count".to_owned(),
                "coalesce".to_owned(),
                "upper".to_owned(),
            ],
        }
    }

    /// The replacements offered with the cursor at `¦` in `line` (at its end without one).
    fn at_end(pending: &str, line: &str) -> (usize, Vec<String>) {
        let pos = line.find('¦').unwrap_or(line.len());
        let line = line.replace('¦', "");
        match complete(&names(), pending, &line, pos) {
            Completion::Words { start, candidates } => (
                start,
                candidates.into_iter().map(|c| c.replacement).collect(),
            ),
            Completion::Path => (usize::MAX, vec!["<path>".to_owned()]),
        }
    }

    fn offered(line: &str) -> Vec<String> {
        at_end("", line).1
    }

    #[test]
    fn columns_of_the_tables_the_statement_names() {
        // The FROM clause after the cursor counts.
        let line = "SELECT full_na FROM events.booth_scans";
        let pos = "SELECT full_na".len();
        let Completion::Words { start, candidates } = complete(&names(), "", line, pos) else {
            panic!("words expected");
        };
        assert_eq!(start, 7);
        assert_eq!(candidates[0].replacement, "full_name");
        assert_eq!(candidates.len(), 1);
        // Columns of both joined tables, not of others.
        let got =
            offered("SELECT * FROM events.booth_scans b JOIN bulk.contacts c ON b.email = c.e");
        assert_eq!(got, vec!["c.email"]);
        let got = offered("SELECT co¦ FROM events.accounts");
        assert_eq!(&got[..2], ["company", "column"]);
        assert!(got.contains(&"coalesce".to_owned()));
    }

    #[test]
    fn a_unique_prefix_completes_without_a_from_clause() {
        assert_eq!(offered("SELECT full_na"), vec!["full_name"]);
        assert_eq!(offered("select scor"), vec!["score"]);
    }

    #[test]
    fn earlier_lines_of_the_statement_give_the_context() {
        let (start, got) = at_end("SELECT *\nFROM events.accounts a", "WHERE a.dom");
        assert_eq!(start, 6);
        assert_eq!(got, vec!["a.domain"]);
        // A finished statement's tables do not count for the next one.
        assert_eq!(
            at_end("SELECT * FROM events.accounts;", "SELECT dom").1,
            vec!["domain"]
        );
    }

    #[test]
    fn qualified_columns_through_aliases_and_table_names() {
        assert_eq!(
            offered("SELECT b.em¦ FROM events.booth_scans AS b"),
            vec!["b.email", "b.employees"]
        );
        assert_eq!(
            offered("SELECT booth_scans.full¦ FROM events.booth_scans"),
            vec!["booth_scans.full_name"]
        );
        assert_eq!(
            offered("SELECT events.booth_scans.full"),
            vec!["events.booth_scans.full_name"]
        );
        assert_eq!(offered("SELECT p.sc¦ FROM picks p"), vec!["p.score"]);
        // An alias not defined yet: any table's columns.
        assert_eq!(offered("SELECT s.full_"), vec!["s.full_name"]);
        assert_eq!(
            offered("SELECT b.\"Mix¦ FROM events.booth_scans b"),
            vec!["b.\"Mixed Case\""]
        );
    }

    #[test]
    fn tables_after_from_join_and_into() {
        assert_eq!(
            offered("SELECT * FROM ev"),
            vec!["events.", "events.accounts", "events.booth_scans"]
        );
        assert_eq!(
            offered("SELECT * FROM events.bo"),
            vec!["events.booth_scans"]
        );
        assert_eq!(offered("SELECT * FROM booth"), vec!["events.booth_scans"]);
        assert_eq!(offered("SELECT * FROM pi"), vec!["picks"]);
        assert_eq!(offered("INSERT INTO bulk."), vec!["bulk.contacts"]);
        assert_eq!(
            offered("SELECT * FROM events.accounts a JOIN events."),
            vec!["events.accounts", "events.booth_scans"]
        );
        assert_eq!(
            offered("SELECT * FROM events.accounts, bu"),
            vec!["bulk.", "bulk.contacts"]
        );
        assert_eq!(offered("SELECT * FROM gtm.ev"), vec!["gtm.events."]);
        assert_eq!(
            offered("SELECT * FROM gtm.events.acc"),
            vec!["gtm.events.accounts"]
        );
    }

    #[test]
    fn keywords_follow_the_typed_case() {
        assert_eq!(offered("sel"), vec!["select"]);
        assert_eq!(offered("SEL"), vec!["SELECT"]);
        assert_eq!(offered("SELECT 1 FROM events.accounts WHER"), vec!["WHERE"]);
        assert!(offered("").contains(&"SELECT".to_owned()));
        assert!(!offered("").contains(&"WHERE".to_owned()));
    }

    #[test]
    fn nothing_inside_comments_or_right_after_a_literal() {
        assert!(offered("SELECT 1 -- full_na").is_empty());
        assert!(offered("SELECT 1").is_empty());
    }

    #[test]
    fn strings_complete_paths_or_call_arguments() {
        assert_eq!(
            offered("CREATE EXTERNAL TABLE t STORED AS CSV LOCATION 'tests/da"),
            vec!["<path>"]
        );
        let (start, got) = at_end("", "CALL enrich('events.bo");
        assert_eq!(start, 13);
        assert_eq!(got, vec!["events.booth_scans"]);
    }

    #[test]
    fn meta_commands_and_their_arguments() {
        assert_eq!(offered("\\ti"), vec!["\\timing"]);
        assert_eq!(offered("\\format m"), vec!["markdown"]);
        assert_eq!(offered("\\timing o"), vec!["on", "off"]);
        assert_eq!(offered("\\d events.b"), vec!["events.booth_scans"]);
        assert_eq!(offered("\\dt ev"), vec!["events"]);
        assert_eq!(offered("\\i tests/"), vec!["<path>"]);
        let (start, _) = at_end("", "\\d ev");
        assert_eq!(start, 3);
    }

    #[test]
    fn names_needing_quotes_are_quoted() {
        assert_eq!(quote_ident("full_name", false), "full_name");
        assert_eq!(quote_ident("Mixed Case", false), "\"Mixed Case\"");
        assert_eq!(quote_ident("a\"b", false), "\"a\"\"b\"");
        assert_eq!(quote_ident("x", true), "\"x\"");
        assert_eq!(
            offered("SELECT mix¦ FROM events.booth_scans"),
            vec!["\"Mixed Case\""]
        );
    }

    #[test]
    fn table_references_with_aliases() {
        let refs = table_refs(
            "SELECT * FROM a.b x, c AS y JOIN \"D\".e ON 1=1 LEFT JOIN f WHERE g IN (SELECT 1 FROM h)",
        );
        let got: Vec<(String, Option<String>)> = refs
            .into_iter()
            .map(|r| (r.parts.join("."), r.alias))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a.b".to_owned(), Some("x".to_owned())),
                ("c".to_owned(), Some("y".to_owned())),
                ("D.e".to_owned(), None),
                ("f".to_owned(), None),
                ("h".to_owned(), None),
            ]
        );
    }
}
