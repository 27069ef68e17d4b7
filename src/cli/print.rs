//! Result output: table, CSV, JSON, NDJSON and Markdown.

use std::io::Write;
use std::str::FromStr;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::arrow::util::pretty::pretty_format_batches;

use crate::error::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// An aligned text table (the default).
    #[default]
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// A GitHub-flavoured Markdown table (numbers right-aligned, `|` escaped, NULL empty).
    Markdown,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Self::Table),
            "csv" => Ok(Self::Csv),
            "json" => Ok(Self::Json),
            "ndjson" | "jsonl" => Ok(Self::Ndjson),
            "markdown" | "md" => Ok(Self::Markdown),
            other => Err(format!(
                "unknown format '{other}': expected table, csv, json, ndjson or markdown"
            )),
        }
    }
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("cannot write the output: {e}"))
}

/// Writes `batches` (of `schema`) to `out`.
pub fn write(
    out: &mut (dyn Write + Send),
    format: Format,
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> Result<()> {
    match format {
        Format::Table => {
            let table = if batches.iter().all(|b| b.num_rows() == 0) {
                pretty_format_batches(&[RecordBatch::new_empty(schema.clone())])?
            } else {
                pretty_format_batches(batches)?
            };
            writeln!(out, "{table}").map_err(io)?;
        }
        Format::Csv => {
            let mut writer = datafusion::arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(&mut *out);
            if batches.is_empty() {
                writer.write(&RecordBatch::new_empty(schema.clone()))?;
            }
            for b in batches {
                writer.write(b)?;
            }
        }
        Format::Json => {
            let mut writer = datafusion::arrow::json::ArrayWriter::new(&mut *out);
            let refs: Vec<&RecordBatch> = batches.iter().collect();
            writer.write_batches(&refs)?;
            writer.finish()?;
            writeln!(out).map_err(io)?;
        }
        Format::Ndjson => {
            let mut writer = datafusion::arrow::json::LineDelimitedWriter::new(&mut *out);
            let refs: Vec<&RecordBatch> = batches.iter().collect();
            writer.write_batches(&refs)?;
            writer.finish()?;
        }
        Format::Markdown => write_markdown(out, schema, batches)?,
    }
    Ok(())
}

/// A Markdown table: a header, an alignment row (numbers to the right) and one row per
/// record, columns padded to a common width.
fn write_markdown(
    out: &mut (dyn Write + Send),
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> Result<()> {
    let options = FormatOptions::default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for batch in batches {
        let formatters = batch
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for row in 0..batch.num_rows() {
            rows.push(
                formatters
                    .iter()
                    .map(|f| markdown_cell(&f.value(row).to_string()))
                    .collect(),
            );
        }
    }
    let header: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| markdown_cell(f.name()))
        .collect();
    let right: Vec<bool> = schema
        .fields()
        .iter()
        .map(|f| f.data_type().is_numeric())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count(), 3])
                .max()
                .unwrap_or(3)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(widths[i] - c.chars().count());
                if right[i] {
                    format!("{pad}{c}")
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    writeln!(out, "{}", line(&header)).map_err(io)?;
    let rule: Vec<String> = widths
        .iter()
        .zip(&right)
        .map(|(w, r)| {
            if *r {
                format!("{}:", "-".repeat(w + 1))
            } else {
                "-".repeat(w + 2)
            }
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|")).map_err(io)?;
    for row in &rows {
        writeln!(out, "{}", line(row)).map_err(io)?;
    }
    Ok(())
}

/// A value as a Markdown cell: `|` escaped, line breaks as `<br>`.
fn markdown_cell(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Int64Array, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    #[test]
    fn markdown_tables_align_numbers_and_escape_cells() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("name", DataType::Utf8, true),
            Field::new("employees", DataType::Int64, true),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(StringArray::from(vec![
                    Some("Ada | Co"),
                    None,
                    Some("two\nlines"),
                ])),
                Arc::new(Int64Array::from(vec![Some(5000), Some(7), None])),
            ],
        )
        .unwrap();
        let mut out = Vec::new();
        write(&mut out, Format::Markdown, &schema, &[batch]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| name         | employees |\n\
             |--------------|----------:|\n\
             | Ada \\| Co    |      5000 |\n\
             |              |         7 |\n\
             | two<br>lines |           |\n"
        );
        let mut out = Vec::new();
        write(&mut out, Format::Markdown, &schema, &[]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| name | employees |\n|------|----------:|\n"
        );
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
    }
}
