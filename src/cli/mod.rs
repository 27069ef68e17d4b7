//! The `gtmsql` command line, as a library: run SQL from `-c` or a file and print the results.

pub mod print;

use std::io::Write;

use datafusion::sql::parser::DFParser;
use datafusion::sql::sqlparser::dialect::GenericDialect;

pub use print::Format;

use crate::GtmSession;
use crate::client::AudienceClient;
use crate::error::{Error, Result};

/// Where the SQL comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// `-c SQL` (one or more statements).
    Command(String),
    /// `-f FILE`.
    File(std::path::PathBuf),
}

/// Splits a script into statements (quotes and comments respected).
pub fn split_statements(script: &str) -> Result<Vec<String>> {
    let statements = DFParser::parse_sql_with_dialect(script, &GenericDialect {})?;
    Ok(statements.iter().map(ToString::to_string).collect())
}

/// Runs every statement of `source`, printing each result to `out` in `format`. Stops at the
/// first error, which it returns.
pub async fn run(
    client: AudienceClient,
    source: &Source,
    format: Format,
    out: &mut (dyn Write + Send),
) -> Result<()> {
    let script = match source {
        Source::Command(sql) => sql.clone(),
        Source::File(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::Invalid(format!("cannot read {}: {e}", path.display())))?,
    };
    let statements = split_statements(&script)?;
    let session = GtmSession::connect(client).await?;
    for statement in statements {
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
