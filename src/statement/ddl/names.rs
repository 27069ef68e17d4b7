//! Display names for the folders, audiences and columns DDL creates, and the SQL names they
//! will be listed under.
//!
//! GTM Studio shows display names ("Trade Shows", "Full Name"); gtmsql lists their snake_case
//! forms (`trade_shows`, `full_name`, see `provider::naming`). So that what you create is
//! found under the name you wrote:
//!
//! * an **unquoted** identifier is title-cased word by word: `trade_shows` → "Trade Shows",
//!   `q3_2026` → "Q3 2026". Its snake_case form is the identifier again. Identifiers that
//!   could not come back (`_tmp`, `a__b`) are refused with the name they would get;
//! * a **quoted** identifier is the display name verbatim: `"SaaStr 2026 Booth Scans"` stays
//!   as written and is listed as `saastr_2026_booth_scans`.

use datafusion::sql::sqlparser::ast::Ident;

use crate::provider::naming::snake_case;

/// What is being named, for messages and snake_case fallbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A folder (schema).
    Folder,
    /// An audience (table).
    Audience,
    /// A column.
    Column,
}

impl Kind {
    /// The word for it in messages (and the snake_case fallback prefix).
    pub(crate) fn word(self) -> &'static str {
        match self {
            Self::Folder => "folder",
            Self::Audience => "audience",
            Self::Column => "column",
        }
    }
}

/// A display name and the SQL name gtmsql will list it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewName {
    /// What GTM Studio shows.
    pub(crate) display: String,
    /// Its snake_case form (before any `_2` suffix for uniqueness).
    pub(crate) sql: String,
}

/// The display name an identifier in a `CREATE`/`ALTER` creates.
///
/// # Errors
/// A message (without the statement) when the identifier is empty, or unquoted and would not
/// come back as itself.
pub(crate) fn new_name(ident: &Ident, kind: Kind) -> Result<NewName, String> {
    if ident.quote_style.is_some() {
        let display = ident.value.trim();
        if display.is_empty() {
            return Err(format!("a {} name cannot be empty", kind.word()));
        }
        return Ok(NewName {
            display: display.to_owned(),
            sql: snake_case(display, kind.word()),
        });
    }
    let lower = ident.value.to_lowercase();
    match title_case(&lower) {
        Some(display) => Ok(NewName {
            display,
            sql: lower,
        }),
        None => {
            let listed = snake_case(&lower, kind.word());
            Err(format!(
                "{lower} would be listed as {listed} (SQL names are the snake_case form of GTM Studio's display names); write {listed}, or quote the name to use it as the display name"
            ))
        }
    }
}

/// The display name of a query output column (`CREATE TABLE … AS SELECT`): plain snake_case
/// names are title-cased (`full_name` → "Full Name"), anything else (`"Full Name"`,
/// `count(*)`) is kept as it is.
pub(crate) fn field_name(name: &str) -> NewName {
    let display = title_case(name).unwrap_or_else(|| name.trim().to_owned());
    NewName {
        sql: snake_case(&display, Kind::Column.word()),
        display,
    }
}

/// The name to look an existing object up by: unquoted identifiers lower-cased (as
/// DataFusion normalizes them), quoted ones as written.
pub(crate) fn lookup(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    }
}

/// `trade_shows` → "Trade Shows", when the result's snake_case form is `name` again.
fn title_case(name: &str) -> Option<String> {
    let display = name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    (!display.is_empty() && snake_case(&display, "") == name).then_some(display)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unquoted(s: &str) -> Ident {
        Ident::new(s)
    }

    fn quoted(s: &str) -> Ident {
        Ident::with_quote('"', s)
    }

    #[test]
    fn unquoted_names_are_title_cased_and_come_back() {
        for (ident, display) in [
            ("trade_shows", "Trade Shows"),
            ("TRADE_SHOWS", "Trade Shows"),
            ("email", "Email"),
            ("q3_2026", "Q3 2026"),
            ("events2", "Events2"),
            ("straße", "Straße"),
        ] {
            let name = new_name(&unquoted(ident), Kind::Folder).expect(ident);
            assert_eq!(name.display, display);
            assert_eq!(name.sql, ident.to_lowercase());
            assert_eq!(snake_case(&name.display, "folder"), name.sql);
        }
    }

    #[test]
    fn unquoted_names_that_would_not_come_back_are_refused() {
        for (ident, listed) in [("_tmp", "tmp"), ("a__b", "a_b"), ("x_", "x")] {
            let err = new_name(&unquoted(ident), Kind::Column).expect_err(ident);
            assert!(
                err.contains(&format!("would be listed as {listed}")),
                "{err}"
            );
        }
    }

    #[test]
    fn quoted_names_are_kept_verbatim() {
        let name = new_name(&quoted("SaaStr 2026 Booth Scans"), Kind::Audience).expect("name");
        assert_eq!(name.display, "SaaStr 2026 Booth Scans");
        assert_eq!(name.sql, "saastr_2026_booth_scans");
        let name = new_name(&quoted("2026 Leads"), Kind::Audience).expect("name");
        assert_eq!(name.sql, "audience_2026_leads");
        assert!(new_name(&quoted("  "), Kind::Column).is_err());
    }

    #[test]
    fn query_columns_are_title_cased_only_when_plain() {
        assert_eq!(field_name("full_name").display, "Full Name");
        assert_eq!(field_name("full_name").sql, "full_name");
        assert_eq!(field_name("Full Name").display, "Full Name");
        assert_eq!(field_name("count(*)").display, "count(*)");
        assert_eq!(field_name("count(*)").sql, "count");
    }

    #[test]
    fn lookups_normalize_like_datafusion() {
        assert_eq!(lookup(&unquoted("Events")), "events");
        assert_eq!(lookup(&quoted("Events 2026")), "Events 2026");
    }
}
