//! A procedure's arguments: literals read from the SQL AST (never planned through
//! DataFusion) and bound to its parameters, positionally or by name (`name => value`).

use datafusion::common::TableReference;
use datafusion::sql::sqlparser::ast::{
    Expr, Function, FunctionArg, FunctionArgExpr, FunctionArguments, Ident, UnaryOperator, Value,
};

use crate::error::{Error, Result};

/// A literal argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    /// `'text'`.
    Text(String),
    /// `42`, `-1.5` (as written).
    Number(String),
    /// `true` / `false`.
    Bool(bool),
    /// `NULL` (treated as an absent argument).
    Null,
    /// An unquoted name such as `events.booth_scans` (parts normalized: unquoted lower-cased).
    Name(Vec<String>),
    /// `['a', 'b']` or `ARRAY['a', 'b']`.
    List(Vec<Self>),
}

impl Literal {
    /// How the literal reads in a message.
    fn describe(&self) -> String {
        match self {
            Self::Text(s) => format!("'{s}'"),
            Self::Number(n) => n.clone(),
            Self::Bool(b) => b.to_string(),
            Self::Null => "NULL".to_owned(),
            Self::Name(parts) => parts.join("."),
            Self::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Self::describe)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// One parameter of a procedure.
#[derive(Debug)]
pub(crate) struct Param {
    /// Its name (for `name => value`).
    pub(crate) name: &'static str,
    /// What a value looks like, for messages (`'folder.audience'`, `true | false`).
    pub(crate) form: &'static str,
    /// Whether it must be given.
    pub(crate) required: bool,
    /// Whether usage shows it positionally (`'x'`) rather than by name (`name => 'x'`).
    pub(crate) positional: bool,
}

/// A procedure's parameters.
#[derive(Debug)]
pub(crate) struct Signature {
    /// The procedure's name.
    pub(crate) procedure: &'static str,
    /// Its parameters, in positional order.
    pub(crate) params: &'static [Param],
    /// Named arguments beyond `params` it accepts (`set_match_criteria`'s column mappings),
    /// shown in usage as this form; `None`: unknown names are errors.
    pub(crate) more_named: Option<&'static str>,
}

impl Signature {
    /// `proc('folder.audience', 'name', prompt => 'text' [, tool => 'AI_TOOL'])`.
    pub(crate) fn usage(&self) -> String {
        let mut out = format!("{}(", self.procedure);
        let mut first = true;
        for p in self.params {
            let shown = if p.positional {
                p.form.to_owned()
            } else {
                format!("{} => {}", p.name, p.form)
            };
            let sep = if first { "" } else { ", " };
            if p.required {
                out.push_str(&format!("{sep}{shown}"));
            } else {
                out.push_str(&format!(" [{sep}{shown}]"));
            }
            first = false;
        }
        if let Some(more) = self.more_named {
            out.push_str(&format!(" [, {more} …]"));
        }
        out.push(')');
        out
    }

    fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::Invalid(format!(
            "{}: {message}; usage: CALL {}",
            self.procedure,
            self.usage()
        ))
    }

    /// Binds a `CALL`'s arguments to the parameters.
    ///
    /// # Errors
    /// Too many positional arguments, unknown or repeated names, missing required
    /// arguments, arguments that are not literals.
    pub(crate) fn bind(&'static self, call: &Function) -> Result<Args> {
        let list = match &call.args {
            FunctionArguments::None => Vec::new(),
            FunctionArguments::Subquery(_) => {
                return Err(self.error("arguments must be literals, not a subquery"));
            }
            FunctionArguments::List(list) => {
                if list.duplicate_treatment.is_some() || !list.clauses.is_empty() {
                    return Err(self.error("arguments must be plain literals"));
                }
                list.args.clone()
            }
        };
        let mut values: Vec<(&'static Param, Literal)> = Vec::new();
        let mut more: Vec<(String, Literal)> = Vec::new();
        let mut position = 0usize;
        let mut named_seen = false;
        for arg in &list {
            let (name, expr) = match arg {
                FunctionArg::Unnamed(expr) => (None, expr),
                FunctionArg::Named { name, arg, .. } => (Some(normalize(name)), arg),
                FunctionArg::ExprNamed { name, arg, .. } => match name {
                    Expr::Identifier(ident) => (Some(normalize(ident)), arg),
                    other => {
                        return Err(self.error(format!("'{other}' is not an argument name")));
                    }
                },
            };
            let FunctionArgExpr::Expr(expr) = expr else {
                return Err(self.error("arguments must be literals, not wildcards"));
            };
            let what = name.clone().unwrap_or_else(|| {
                self.params.get(position).map_or_else(
                    || format!("argument {}", position + 1),
                    |p| p.name.to_owned(),
                )
            });
            let value = literal(expr).map_err(|e| self.error(format!("{what}: {e}")))?;
            match name {
                None => {
                    if named_seen {
                        return Err(self.error(format!(
                            "the positional argument {} comes after named ones",
                            value.describe()
                        )));
                    }
                    let Some(param) = self.params.get(position) else {
                        return Err(self.error(format!(
                            "too many arguments: it takes at most {} without names, got {} ({})",
                            self.params.len(),
                            position + 1,
                            value.describe()
                        )));
                    };
                    position += 1;
                    values.push((param, value));
                }
                Some(name) => {
                    named_seen = true;
                    if let Some(param) = self.params.iter().find(|p| p.name == name) {
                        if values.iter().any(|(p, _)| p.name == name) {
                            return Err(self.error(format!("argument {name} is given twice")));
                        }
                        values.push((param, value));
                    } else if self.more_named.is_some() {
                        if more.iter().any(|(n, _)| *n == name) {
                            return Err(self.error(format!("argument {name} is given twice")));
                        }
                        more.push((name, value));
                    } else {
                        let names: Vec<&str> = self.params.iter().map(|p| p.name).collect();
                        return Err(self.error(format!(
                            "unknown argument {name} (it takes {})",
                            names.join(", ")
                        )));
                    }
                }
            }
        }
        for param in self.params.iter().filter(|p| p.required) {
            let given = values
                .iter()
                .any(|(p, v)| p.name == param.name && *v != Literal::Null);
            if !given {
                return Err(self.error(format!(
                    "missing argument {} ({})",
                    param.name,
                    if param.positional {
                        param.form.to_owned()
                    } else {
                        format!("{} => {}", param.name, param.form)
                    }
                )));
            }
        }
        Ok(Args {
            signature: self,
            values,
            more,
        })
    }
}

/// An identifier as SQL reads it: unquoted lower-cased, quoted as written.
fn normalize(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    }
}

/// The literal an argument expression is.
fn literal(expr: &Expr) -> std::result::Result<Literal, String> {
    match expr {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => Ok(Literal::Number(n.clone())),
            Value::Boolean(b) => Ok(Literal::Bool(*b)),
            Value::Null => Ok(Literal::Null),
            other => other
                .clone()
                .into_string()
                .map(Literal::Text)
                .ok_or_else(|| format!("{other} is not a supported literal")),
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match literal(expr)? {
            Literal::Number(n) => Ok(Literal::Number(format!("-{n}"))),
            _ => Err(format!("{expr} cannot be negated")),
        },
        Expr::Nested(inner) => literal(inner),
        Expr::Identifier(ident) => Ok(Literal::Name(vec![normalize(ident)])),
        Expr::CompoundIdentifier(parts) => Ok(Literal::Name(parts.iter().map(normalize).collect())),
        Expr::Array(array) => array
            .elem
            .iter()
            .map(literal)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Literal::List),
        other => Err(format!(
            "expected a literal ('text', a number, true or false, or a list ['a', 'b']), not {other}"
        )),
    }
}

/// A `CALL`'s arguments bound to its procedure's parameters.
#[derive(Debug)]
pub(crate) struct Args {
    signature: &'static Signature,
    values: Vec<(&'static Param, Literal)>,
    more: Vec<(String, Literal)>,
}

impl Args {
    fn get(&self, name: &str) -> Option<(&'static Param, &Literal)> {
        self.values
            .iter()
            .find(|(p, v)| p.name == name && *v != Literal::Null)
            .map(|(p, v)| (*p, v))
    }

    fn wrong(&self, param: &Param, value: &Literal) -> Error {
        self.signature.error(format!(
            "{} must be {}, not {}",
            param.name,
            param.form,
            value.describe()
        ))
    }

    /// An error about argument `name`, with the usage.
    pub(crate) fn error(&self, name: &str, message: impl std::fmt::Display) -> Error {
        self.signature.error(format!("{name}: {message}"))
    }

    /// The audience argument (`'folder.audience'` or the unquoted name), which every
    /// procedure has as `audience`.
    pub(crate) fn audience(&self) -> Result<TableReference> {
        let Some((param, value)) = self.get("audience") else {
            return Err(self
                .signature
                .error("missing the audience ('folder.audience')"));
        };
        match value {
            Literal::Text(s) if !s.trim().is_empty() => Ok(TableReference::parse_str(s)),
            Literal::Name(parts) => match parts.as_slice() {
                [folder, table] => Ok(TableReference::partial(folder.as_str(), table.as_str())),
                [catalog, folder, table] => Ok(TableReference::full(
                    catalog.as_str(),
                    folder.as_str(),
                    table.as_str(),
                )),
                _ => Err(self.wrong(param, value)),
            },
            other => Err(self.wrong(param, other)),
        }
    }

    /// A text argument, if given.
    pub(crate) fn text(&self, name: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some((_, Literal::Text(s))) => Ok(Some(s.clone())),
            Some((param, other)) => Err(self.wrong(param, other)),
        }
    }

    /// A list of text (a single text is a list of one), if given.
    pub(crate) fn text_list(&self, name: &str) -> Result<Option<Vec<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some((_, Literal::Text(s))) => Ok(Some(vec![s.clone()])),
            Some((param, Literal::List(items))) => items
                .iter()
                .map(|item| match item {
                    Literal::Text(s) => Ok(s.clone()),
                    Literal::Name(parts) if parts.len() == 1 => Ok(parts[0].clone()),
                    other => Err(self.wrong(param, other)),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some((param, other)) => Err(self.wrong(param, other)),
        }
    }

    /// A boolean (`true`, `false`, or the text `'true'` / `'false'`), if given.
    pub(crate) fn boolean(&self, name: &str) -> Result<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some((_, Literal::Bool(b))) => Ok(Some(*b)),
            Some((param, Literal::Text(s))) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(self.wrong(param, &Literal::Text(s.clone()))),
            },
            Some((param, other)) => Err(self.wrong(param, other)),
        }
    }

    /// The named arguments beyond the parameters, as (name, text value), in order.
    pub(crate) fn more_texts(&self) -> Result<Vec<(String, String)>> {
        let form = self.signature.more_named.unwrap_or("name => 'text'");
        self.more
            .iter()
            .filter(|(_, v)| *v != Literal::Null)
            .map(|(name, value)| match value {
                Literal::Text(s) => Ok((name.clone(), s.clone())),
                other => Err(self.signature.error(format!(
                    "{name} must be a text value ({form}), not {}",
                    other.describe()
                ))),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use datafusion::sql::parser::{DFParser, Statement as DFStatement};
    use datafusion::sql::sqlparser::ast::Statement;
    use datafusion::sql::sqlparser::dialect::GenericDialect;

    use super::*;

    static SIG: Signature = Signature {
        procedure: "demo",
        params: &[
            Param {
                name: "audience",
                form: "'folder.audience'",
                required: true,
                positional: true,
            },
            Param {
                name: "name",
                form: "'display name'",
                required: true,
                positional: true,
            },
            Param {
                name: "columns",
                form: "['column', …]",
                required: false,
                positional: false,
            },
            Param {
                name: "wait",
                form: "true | false",
                required: false,
                positional: false,
            },
        ],
        more_named: None,
    };

    fn call(sql: &str) -> Function {
        let mut statements = DFParser::parse_sql_with_dialect(sql, &GenericDialect {}).unwrap();
        let Some(DFStatement::Statement(statement)) = statements.pop_front() else {
            panic!("not a statement: {sql}");
        };
        let Statement::Call(function) = *statement else {
            panic!("not a CALL: {sql}");
        };
        function
    }

    fn bind(sql: &str) -> Result<Args> {
        SIG.bind(&call(sql))
    }

    #[test]
    fn positional_and_named_arguments_bind() {
        let args =
            bind("CALL demo('Events.Booth_Scans', 'X', columns => ['a', \"B\"], wait => false)")
                .unwrap();
        assert_eq!(
            args.audience().unwrap(),
            TableReference::partial("events", "booth_scans")
        );
        assert_eq!(args.text("name").unwrap().as_deref(), Some("X"));
        assert_eq!(
            args.text_list("columns").unwrap(),
            Some(vec!["a".to_owned(), "B".to_owned()])
        );
        assert_eq!(args.boolean("wait").unwrap(), Some(false));

        let args = bind(
            "CALL demo(events.booth_scans, name => 'X', columns => ARRAY['a'], wait => 'TRUE')",
        )
        .unwrap();
        assert_eq!(
            args.audience().unwrap(),
            TableReference::partial("events", "booth_scans")
        );
        assert_eq!(
            args.text_list("columns").unwrap(),
            Some(vec!["a".to_owned()])
        );
        assert_eq!(args.boolean("wait").unwrap(), Some(true));
        assert_eq!(
            bind("CALL demo('a.b', 'X', columns => 'one')")
                .unwrap()
                .text_list("columns")
                .unwrap(),
            Some(vec!["one".to_owned()])
        );
    }

    #[test]
    fn bad_arguments_are_named_with_the_usage() {
        let usage = "usage: CALL demo('folder.audience', 'display name' [, columns => ['column', …]] [, wait => true | false])";
        let cases = [
            (
                "CALL demo('a.b')",
                "demo: missing argument name ('display name')",
            ),
            (
                "CALL demo('a.b', 'x', ['c'], true, 'y')",
                "demo: too many arguments: it takes at most 4 without names, got 5 ('y')",
            ),
            (
                "CALL demo('a.b', 'x', colour => 'red')",
                "demo: unknown argument colour (it takes audience, name, columns, wait)",
            ),
            (
                "CALL demo('a.b', 'x', wait => true, wait => false)",
                "demo: argument wait is given twice",
            ),
            (
                "CALL demo('a.b', 'x', wait => 1 + 1)",
                "demo: wait: expected a literal",
            ),
            (
                "CALL demo(name => 'x', 'a.b')",
                "demo: the positional argument 'a.b' comes after named ones",
            ),
        ];
        for (sql, expected) in cases {
            let e = bind(sql).unwrap_err().to_string();
            assert!(e.starts_with(expected), "{sql}: {e}");
            assert!(e.ends_with(usage), "{sql}: {e}");
        }
        let args = bind("CALL demo('a.b', 'x', wait => 'maybe', columns => [1])").unwrap();
        let e = args.boolean("wait").unwrap_err().to_string();
        assert!(
            e.starts_with("demo: wait must be true | false, not 'maybe'"),
            "{e}"
        );
        let e = args.text_list("columns").unwrap_err().to_string();
        assert!(
            e.starts_with("demo: columns must be ['column', …], not 1"),
            "{e}"
        );
        let e = bind("CALL demo(42, 'x')")
            .unwrap()
            .audience()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("demo: audience must be 'folder.audience', not 42"),
            "{e}"
        );
    }
}
