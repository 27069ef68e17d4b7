//! Meta-commands (`\d`, `\format`, `\q`, …): their definitions, which `\?` prints and Tab
//! completes, and the parsing of a `\` line into a [`Meta`].

use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::StringArray;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;

use crate::cli::Format;

/// What a meta-command takes as its argument (for completion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arg {
    /// Nothing.
    None,
    /// A table name.
    Table,
    /// A schema name.
    Schema,
    /// A file path.
    Path,
    /// An output format.
    Format,
    /// `on` or `off`.
    OnOff,
}

/// One meta-command's definition.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommandDef {
    /// Its names, the first being the one `\?` shows.
    pub(crate) names: &'static [&'static str],
    /// Its arguments, as `\?` shows them.
    pub(crate) usage: &'static str,
    /// What its argument is.
    pub(crate) arg: Arg,
    /// What it does.
    pub(crate) about: &'static str,
}

/// Every meta-command.
pub(crate) const COMMANDS: &[CommandDef] = &[
    CommandDef {
        names: &["\\d"],
        usage: "[NAME]",
        arg: Arg::Table,
        about: "list tables, or describe table NAME (columns with their GTM Studio types and filters)",
    },
    CommandDef {
        names: &["\\dt"],
        usage: "[SCHEMA]",
        arg: Arg::Schema,
        about: "list tables (of one schema)",
    },
    CommandDef {
        names: &["\\dn"],
        usage: "",
        arg: Arg::None,
        about: "list schemas (folders and local)",
    },
    CommandDef {
        names: &["\\timing"],
        usage: "[on|off]",
        arg: Arg::OnOff,
        about: "show or hide the elapsed time after each statement",
    },
    CommandDef {
        names: &["\\format"],
        usage: "[table|csv|json|ndjson|markdown]",
        arg: Arg::Format,
        about: "set (or show) the output format",
    },
    CommandDef {
        names: &["\\o"],
        usage: "[FILE]",
        arg: Arg::Path,
        about: "write results to FILE (appending), or back to the terminal",
    },
    CommandDef {
        names: &["\\i", "\\include"],
        usage: "FILE",
        arg: Arg::Path,
        about: "run the statements and meta-commands in FILE",
    },
    CommandDef {
        names: &["\\refresh"],
        usage: "",
        arg: Arg::None,
        about: "reload the folder and audience listings from GTM Studio",
    },
    CommandDef {
        names: &["\\?", "\\help"],
        usage: "",
        arg: Arg::None,
        about: "show this help",
    },
    CommandDef {
        names: &["\\q", "\\quit"],
        usage: "",
        arg: Arg::None,
        about: "quit (as does Ctrl-D)",
    },
];

/// The definition of the command called `name`.
pub(crate) fn find(name: &str) -> Option<&'static CommandDef> {
    COMMANDS.iter().find(|c| c.names.contains(&name))
}

/// A parsed meta-command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Meta {
    /// `\d [NAME]`.
    Describe(Option<String>),
    /// `\dt [SCHEMA]`.
    Tables(Option<String>),
    /// `\dn`.
    Schemas,
    /// `\timing [on|off]` (`None` toggles).
    Timing(Option<bool>),
    /// `\format [FORMAT]` (`None` shows the current one).
    Format(Option<Format>),
    /// `\o [FILE]` (`None`: back to the terminal).
    Output(Option<PathBuf>),
    /// `\i FILE`.
    Include(PathBuf),
    /// `\refresh`.
    Refresh,
    /// `\?`.
    Help,
    /// `\q`.
    Quit,
}

impl Meta {
    /// Parses a line starting with `\`. The error is the message to show.
    pub(crate) fn parse(line: &str) -> Result<Self, String> {
        let line = line.trim();
        let (name, arg) = match line.find(char::is_whitespace) {
            Some(i) => (&line[..i], unquote(line[i..].trim())),
            None => (line, ""),
        };
        let arg = (!arg.is_empty()).then(|| arg.to_owned());
        let Some(def) = find(name) else {
            return Err(format!("unknown command {name}: \\? lists the commands"));
        };
        let takes_none = |meta: Self| match &arg {
            Some(a) => Err(format!("{name} takes no argument (got '{a}')")),
            None => Ok(meta),
        };
        match def.names[0] {
            "\\d" => Ok(Self::Describe(arg)),
            "\\dt" => Ok(Self::Tables(arg)),
            "\\dn" => takes_none(Self::Schemas),
            "\\timing" => match arg.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => Ok(Self::Timing(None)),
                Some("on") => Ok(Self::Timing(Some(true))),
                Some("off") => Ok(Self::Timing(Some(false))),
                Some(other) => Err(format!("\\timing takes on or off, not '{other}'")),
            },
            "\\format" => match arg {
                None => Ok(Self::Format(None)),
                Some(f) => f.parse().map(|f| Self::Format(Some(f))),
            },
            "\\o" => Ok(Self::Output(arg.map(PathBuf::from))),
            "\\i" => arg
                .map(|a| Self::Include(PathBuf::from(a)))
                .ok_or_else(|| format!("{name} needs a file: {name} FILE")),
            "\\refresh" => takes_none(Self::Refresh),
            "\\?" => Ok(Self::Help),
            "\\q" => Ok(Self::Quit),
            other => Err(format!("{other} is defined but not handled")),
        }
    }
}

/// An argument without the quotes around it, if it has them.
fn unquote(arg: &str) -> &str {
    for quote in ['\'', '"'] {
        if let Some(inner) = arg.strip_prefix(quote).and_then(|a| a.strip_suffix(quote)) {
            return inner;
        }
    }
    arg
}

/// The `\?` table: one row per command, from [`COMMANDS`].
pub(crate) fn help() -> RecordBatch {
    let schema = Arc::new(Schema::new(vec![
        Field::new("command", DataType::Utf8, false),
        Field::new("description", DataType::Utf8, false),
    ]));
    let commands: Vec<String> = COMMANDS
        .iter()
        .map(|c| {
            let name = c.names.join(", ");
            if c.usage.is_empty() {
                name
            } else {
                format!("{name} {}", c.usage)
            }
        })
        .collect();
    let about: Vec<&str> = COMMANDS.iter().map(|c| c.about).collect();
    RecordBatch::try_new(
        schema,
        vec![
            Arc::new(StringArray::from(commands)),
            Arc::new(StringArray::from(about)),
        ],
    )
    .expect("two string columns of the same length")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(Meta::parse("\\d"), Ok(Meta::Describe(None)));
        assert_eq!(
            Meta::parse("\\d  events.booth_scans "),
            Ok(Meta::Describe(Some("events.booth_scans".to_owned())))
        );
        assert_eq!(
            Meta::parse("\\dt events"),
            Ok(Meta::Tables(Some("events".to_owned())))
        );
        assert_eq!(Meta::parse("\\dn"), Ok(Meta::Schemas));
        assert_eq!(Meta::parse("\\timing"), Ok(Meta::Timing(None)));
        assert_eq!(Meta::parse("\\timing OFF"), Ok(Meta::Timing(Some(false))));
        assert_eq!(
            Meta::parse("\\format markdown"),
            Ok(Meta::Format(Some(Format::Markdown)))
        );
        assert_eq!(Meta::parse("\\format"), Ok(Meta::Format(None)));
        assert_eq!(
            Meta::parse("\\o 'my results.csv'"),
            Ok(Meta::Output(Some(PathBuf::from("my results.csv"))))
        );
        assert_eq!(Meta::parse("\\o"), Ok(Meta::Output(None)));
        assert_eq!(
            Meta::parse("\\include a.sql"),
            Ok(Meta::Include(PathBuf::from("a.sql")))
        );
        assert_eq!(Meta::parse("\\refresh"), Ok(Meta::Refresh));
        assert_eq!(Meta::parse("\\help"), Ok(Meta::Help));
        assert_eq!(Meta::parse("\\q"), Ok(Meta::Quit));
        assert_eq!(Meta::parse("\\quit"), Ok(Meta::Quit));
    }

    #[test]
    fn mistakes_are_explained() {
        let unknown = Meta::parse("\\x").unwrap_err();
        assert!(
            unknown.contains("\\x") && unknown.contains("\\?"),
            "{unknown}"
        );
        assert!(Meta::parse("\\format xml").unwrap_err().contains("xml"));
        assert!(Meta::parse("\\timing maybe").unwrap_err().contains("maybe"));
        assert!(Meta::parse("\\i").unwrap_err().contains("FILE"));
        assert!(Meta::parse("\\dn x").unwrap_err().contains("no argument"));
    }

    #[test]
    fn every_definition_parses_and_is_in_the_help() {
        let help = help();
        assert_eq!(help.num_rows(), COMMANDS.len());
        for def in COMMANDS {
            for name in def.names {
                let line = match def.arg {
                    Arg::Path => format!("{name} file.sql"),
                    _ => (*name).to_owned(),
                };
                assert!(Meta::parse(&line).is_ok(), "{line}");
            }
        }
    }
}
