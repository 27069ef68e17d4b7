//! The `gtmsql` command line, as a library: choose where to connect, then run SQL from `-c`,
//! a file or stdin, or open the REPL; and `gtmsql emulator serve`.

mod args;
pub mod print;

use std::io::{IsTerminal, Read, Write};

use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};

pub use args::{Args, Command, EmulatorCommand};
pub use print::Format;

use crate::GtmSession;
use crate::client::AudienceClient;
use crate::config::{Settings, Target, default_history_path};
use crate::embedded::{DEMO_TABLE, Embedded, create_demo_if_empty};
use crate::error::{Error, Result};
use crate::repl::{self, ReplOptions};

/// Where the SQL comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// `-c SQL` (one or more statements).
    Command(String),
    /// `-f FILE`.
    File(std::path::PathBuf),
    /// Standard input, read to its end.
    Stdin,
}

/// Splits a script into the text of its statements, at the semicolons outside quotes and
/// comments. Each statement keeps its own text (re-printing parsed statements would change
/// it: DataFusion prints `COPY … TO` paths unquoted).
///
/// # Errors
/// An unterminated quote or comment.
pub fn split_statements(script: &str) -> Result<Vec<String>> {
    let tokens = Tokenizer::new(&GenericDialect {}, script)
        .tokenize()
        .map_err(|e| Error::Invalid(format!("cannot read the SQL: {e}")))?;
    let mut statements = Vec::new();
    let mut current = String::new();
    for token in tokens {
        if token == Token::SemiColon {
            push_statement(&mut statements, &mut current);
        } else {
            current.push_str(&token.to_string());
        }
    }
    push_statement(&mut statements, &mut current);
    Ok(statements)
}

/// Keeps `text` as a statement unless it is only whitespace and comments.
fn push_statement(statements: &mut Vec<String>, text: &mut String) {
    let statement = std::mem::take(text);
    let only_comments = Tokenizer::new(&GenericDialect {}, &statement)
        .tokenize()
        .map(|tokens| tokens.iter().all(|t| matches!(t, Token::Whitespace(_))))
        .unwrap_or(false);
    if !only_comments {
        statements.push(statement.trim().to_owned());
    }
}

/// Runs the `gtmsql` command. Results go to stdout; the banner and errors to stderr (the
/// caller prints the returned error).
///
/// # Errors
/// The first failing statement, or a connection or configuration problem.
pub async fn main(args: Args) -> Result<()> {
    if let Some(Command::Emulator(EmulatorCommand::Serve(serve))) = args.subcommand {
        let mut out = std::io::stdout();
        return gtmsql_emulator::serve::serve(serve, &mut out)
            .await
            .map_err(Error::Invalid);
    }
    let settings = Settings::resolve(&args.flags())?;
    let source = match (&args.command, &args.file) {
        (Some(sql), _) => Some(Source::Command(sql.clone())),
        (None, Some(path)) => Some(Source::File(path.clone())),
        (None, None) if !std::io::stdin().is_terminal() => Some(Source::Stdin),
        (None, None) => None,
    };
    let (client, embedded) = match &settings.target {
        Target::Remote(builder) => ((**builder).clone().build()?, None),
        Target::Embedded { data_dir, demo } => {
            let embedded = Embedded::start(data_dir.clone()).await?;
            (embedded.client().clone(), Some((embedded, *demo)))
        }
    };
    let result = run_session(&args, &settings, source, client, embedded.as_ref()).await;
    if let Some((embedded, _)) = embedded {
        embedded.shutdown().await;
    }
    result
}

async fn run_session(
    args: &Args,
    settings: &Settings,
    source: Option<Source>,
    client: AudienceClient,
    embedded: Option<&(Embedded, bool)>,
) -> Result<()> {
    let session = GtmSession::connect(client).await?;
    for (key, value) in &settings.options {
        session.set_option(key, value)?;
    }
    let mut banner = embedded.map(|(e, _)| e.banner());
    if let Some((_, true)) = embedded
        && create_demo_if_empty(&session).await?
    {
        session.refresh().await?;
        if let Some(line) = &mut banner {
            line.push_str(&format!("; try SELECT * FROM {DEMO_TABLE};"));
        }
    }
    match source {
        Some(source) => {
            let mut out = std::io::stdout();
            match run_script(&session, &source, settings.format, &mut out).await {
                // A closed pipe (`| head`) is not a failure.
                Err(e) if e.to_string().contains("Broken pipe") => Ok(()),
                other => other,
            }
        }
        None => {
            if args.quiet {
                banner = None;
            }
            repl::run(
                session,
                ReplOptions {
                    format: settings.format,
                    history: default_history_path(),
                    banner,
                    ..ReplOptions::default()
                },
            )
            .await
        }
    }
}

/// Runs every statement of `source` in `session`, printing each result to `out` in
/// `format`. Stops at the first error, which it returns.
///
/// # Errors
/// The first failing statement; an unreadable source; a failed write to `out`.
pub async fn run_script(
    session: &GtmSession,
    source: &Source,
    format: Format,
    out: &mut (dyn Write + Send),
) -> Result<()> {
    let script = match source {
        Source::Command(sql) => sql.clone(),
        Source::File(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::Invalid(format!("cannot read {}: {e}", path.display())))?,
        Source::Stdin => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::Invalid(format!("cannot read stdin: {e}")))?;
            text
        }
    };
    for statement in split_statements(&script)? {
        let frame = session.sql(&statement).await?;
        let schema = frame.schema().inner().clone();
        let batches = frame.collect().await?;
        if schema.fields().is_empty() {
            // DDL and SET: nothing to print.
            continue;
        }
        print::write(out, format, &schema, &batches)?;
    }
    out.flush()
        .map_err(|e| Error::Invalid(format!("cannot write the output: {e}")))?;
    Ok(())
}

/// Runs a script against a server reached with `client` (a session of its own).
///
/// # Errors
/// As [`run_script`], and a failure to connect.
pub async fn run(
    client: AudienceClient,
    source: &Source,
    format: Format,
    out: &mut (dyn Write + Send),
) -> Result<()> {
    let session = GtmSession::connect(client).await?;
    run_script(&session, source, format, out).await
}

#[cfg(test)]
mod tests {
    use super::split_statements;

    #[test]
    fn statements_keep_their_text() {
        let script = "-- a comment; with a semicolon\nSELECT 'a;b' AS s;\n\nCOPY (SELECT 1) TO '/tmp/x y.parquet' STORED AS PARQUET ; /* c; */ ;SELECT 2";
        assert_eq!(
            split_statements(script).unwrap(),
            vec![
                "-- a comment; with a semicolon\nSELECT 'a;b' AS s",
                "COPY (SELECT 1) TO '/tmp/x y.parquet' STORED AS PARQUET",
                "SELECT 2"
            ]
        );
        assert!(split_statements("SELECT 'open").is_err());
        assert!(split_statements(" -- nothing\n").unwrap().is_empty());
    }
}
