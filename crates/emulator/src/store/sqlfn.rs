//! SQL functions the search compiler uses that SQLite does not have.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Registers `contains_word(text, phrase)` on a connection.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "contains_word",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let hay: Option<String> = ctx.get(0)?;
            let needle: Option<String> = ctx.get(1)?;
            Ok(match (hay, needle) {
                (Some(h), Some(n)) => Some(contains_word(&h, &n)),
                _ => None,
            })
        },
    )
}

/// Whether `phrase` occurs in `text` on word boundaries, ignoring ASCII case.
///
/// Words are runs of letters and digits; a phrase of several words matches those words in
/// sequence (`"data platform"` matches "A data-platform vendor" but not "dataplatform").
pub(crate) fn contains_word(text: &str, phrase: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let needle = words(phrase);
    if needle.is_empty() {
        return false;
    }
    let hay = words(text);
    hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::contains_word;

    #[test]
    fn words_match_on_boundaries_only() {
        assert!(contains_word("VP of Sales", "sales"));
        assert!(contains_word("A data-platform vendor", "data platform"));
        assert!(!contains_word("Salesforce admin", "sales"));
        assert!(!contains_word("anything", "  "));
    }
}
