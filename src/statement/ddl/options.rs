//! `WITH (key = value, …)` options of `CREATE SCHEMA` and `CREATE TABLE`.

use datafusion::sql::sqlparser::ast::{CommentDef, Expr, SqlOption, Value};

use crate::client::AudienceType;

/// What a folder or audience is created with besides its name and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CreateOptions {
    /// `type`: CONTACT (default) or COMPANY (audiences only).
    pub(crate) audience_type: AudienceType,
    /// `auto_match`: ask GTM Studio to map columns to match criteria (audiences only).
    pub(crate) auto_match: bool,
    /// `description` (or a `COMMENT`).
    pub(crate) description: Option<String>,
    /// `notes`.
    pub(crate) notes: Option<String>,
}

impl Default for CreateOptions {
    fn default() -> Self {
        Self {
            audience_type: AudienceType::Contact,
            auto_match: false,
            description: None,
            notes: None,
        }
    }
}

/// Which options a statement takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Accepts {
    /// `description`, `notes`.
    Folder,
    /// `type`, `auto_match`, `description`, `notes`.
    Audience,
}

impl Accepts {
    fn keys(self) -> &'static str {
        match self {
            Self::Folder => "description, notes",
            Self::Audience => "type, auto_match, description, notes",
        }
    }
}

/// Reads the options; `Err` is a message naming the option at fault (without the statement).
pub(crate) fn parse(options: &[SqlOption], accepts: Accepts) -> Result<CreateOptions, String> {
    let mut out = CreateOptions::default();
    for option in options {
        match option {
            SqlOption::KeyValue { key, value } => {
                let name = key.value.to_ascii_lowercase();
                match (name.as_str(), accepts) {
                    ("type", Accepts::Audience) => out.audience_type = audience_type(value)?,
                    ("auto_match" | "auto_match_criteria", Accepts::Audience) => {
                        out.auto_match = boolean(&name, value)?;
                    }
                    ("description" | "comment", _) => {
                        out.description = Some(string(&name, value)?);
                    }
                    ("notes", _) => out.notes = Some(string(&name, value)?),
                    _ => {
                        return Err(format!(
                            "unknown option {}; the options are {}",
                            key.value,
                            accepts.keys()
                        ));
                    }
                }
            }
            SqlOption::Comment(CommentDef::WithEq(text) | CommentDef::WithoutEq(text)) => {
                out.description = Some(text.clone());
            }
            other => {
                return Err(format!(
                    "option {other} is not supported; the options are {}, written WITH (key = value, …)",
                    accepts.keys()
                ));
            }
        }
    }
    Ok(out)
}

fn literal(value: &Expr) -> Option<&Value> {
    match value {
        Expr::Value(v) => Some(&v.value),
        _ => None,
    }
}

fn string(name: &str, value: &Expr) -> Result<String, String> {
    literal(value)
        .and_then(|v| v.clone().into_string())
        .ok_or_else(|| format!("option {name} takes a string, e.g. {name} = '…'"))
}

fn boolean(name: &str, value: &Expr) -> Result<bool, String> {
    let parsed = match literal(value) {
        Some(Value::Boolean(b)) => Some(*b),
        Some(v) => match v.clone().into_string().map(|s| s.to_ascii_lowercase()) {
            Some(s) if s == "true" => Some(true),
            Some(s) if s == "false" => Some(false),
            _ => None,
        },
        None => None,
    };
    parsed.ok_or_else(|| format!("option {name} takes true or false, not {value}"))
}

fn audience_type(value: &Expr) -> Result<AudienceType, String> {
    let text = match value {
        Expr::Identifier(ident) => Some(ident.value.clone()),
        other => literal(other).and_then(|v| v.clone().into_string()),
    };
    match text.map(|t| t.to_ascii_uppercase()).as_deref() {
        Some("CONTACT") => Ok(AudienceType::Contact),
        Some("COMPANY") => Ok(AudienceType::Company),
        _ => Err(format!(
            "option type is 'CONTACT' or 'COMPANY', not {value}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use datafusion::sql::sqlparser::ast::{CreateTableOptions, Statement};
    use datafusion::sql::sqlparser::dialect::GenericDialect;
    use datafusion::sql::sqlparser::parser::Parser;

    use super::*;

    fn table_options(sql: &str) -> Vec<SqlOption> {
        let statements = Parser::parse_sql(&GenericDialect {}, sql).expect(sql);
        let Some(Statement::CreateTable(create)) = statements.into_iter().next() else {
            panic!("not a CREATE TABLE: {sql}");
        };
        match create.table_options {
            CreateTableOptions::None => Vec::new(),
            CreateTableOptions::With(o)
            | CreateTableOptions::Options(o)
            | CreateTableOptions::Plain(o)
            | CreateTableOptions::TableProperties(o) => o,
        }
    }

    #[test]
    fn audience_options_parse_from_with() {
        let options = table_options(
            "CREATE TABLE f.a (email EMAIL) WITH (type = 'COMPANY', auto_match = true, description = 'Booth scans', notes = 'n')",
        );
        let parsed = parse(&options, Accepts::Audience).expect("options");
        assert_eq!(
            parsed,
            CreateOptions {
                audience_type: AudienceType::Company,
                auto_match: true,
                description: Some("Booth scans".to_owned()),
                notes: Some("n".to_owned()),
            }
        );
        let options = table_options("CREATE TABLE f.a (x TEXT) WITH (TYPE = company)");
        let parsed = parse(&options, Accepts::Audience).expect("options");
        assert_eq!(parsed.audience_type, AudienceType::Company);
        assert_eq!(
            parse(
                &table_options("CREATE TABLE f.a (x TEXT)"),
                Accepts::Audience
            ),
            Ok(CreateOptions::default())
        );
    }

    #[test]
    fn bad_options_name_the_option() {
        let err = parse(
            &table_options("CREATE TABLE f.a (x TEXT) WITH (type = 'PERSON')"),
            Accepts::Audience,
        )
        .expect_err("bad type");
        assert!(err.contains("'CONTACT' or 'COMPANY'"), "{err}");
        let err = parse(
            &table_options("CREATE TABLE f.a (x TEXT) WITH (auto_match = 'maybe')"),
            Accepts::Audience,
        )
        .expect_err("bad bool");
        assert!(err.contains("true or false"), "{err}");
        let err = parse(
            &table_options("CREATE TABLE f.a (x TEXT) WITH (colour = 'red')"),
            Accepts::Audience,
        )
        .expect_err("unknown");
        assert!(err.contains("unknown option colour"), "{err}");
        let err = parse(
            &table_options("CREATE TABLE f.a (x TEXT) WITH (type = 'COMPANY')"),
            Accepts::Folder,
        )
        .expect_err("folders have no type");
        assert!(err.contains("description, notes"), "{err}");
    }
}
