//! SQL names for folders, audiences and columns: stable snake_case forms of display names.
//!
//! `"SaaStr 2026 Booth Scans"` becomes `saastr_2026_booth_scans`, `"Follow-up Angle"` becomes
//! `follow_up_angle`. Names are made unique within their scope by appending `_2`, `_3`, … in
//! a stable order (the order the caller gives, e.g. creation order), and names that would
//! start with a digit or be empty get a prefix. `_row_id` is reserved for the row's id.

use std::collections::HashSet;

/// The name of the row-id column every audience table has.
pub const ROW_ID: &str = "_row_id";

/// The snake_case form of a display name (not yet unique).
pub fn snake_case(display: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(display.len());
    let mut pending_sep = false;
    for c in display.chars() {
        if c.is_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(c.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    if out.is_empty() {
        return fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, &format!("{fallback}_"));
    }
    out
}

/// Assigns unique snake_case names to display names, in order.
#[derive(Debug, Default)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A namer with some names already taken (e.g. [`ROW_ID`]).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// The next unique name for `display`.
    pub fn name(&mut self, display: &str, fallback: &str) -> String {
        let base = snake_case(display, fallback);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_become_snake_case() {
        assert_eq!(
            snake_case("SaaStr 2026 Booth Scans", "t"),
            "saastr_2026_booth_scans"
        );
        assert_eq!(snake_case("Follow-up Angle", "c"), "follow_up_angle");
        assert_eq!(snake_case("  E-mail (work) ", "c"), "e_mail_work");
        assert_eq!(snake_case("2026 leads", "t"), "t_2026_leads");
        assert_eq!(snake_case("!!!", "column"), "column");
        assert_eq!(snake_case("Ünïcödé Näme", "c"), "ünïcödé_näme");
    }

    #[test]
    fn names_are_unique_in_order() {
        let mut n = Namer::with_reserved(&[ROW_ID]);
        assert_eq!(n.name("Email", "c"), "email");
        assert_eq!(n.name("EMAIL", "c"), "email_2");
        assert_eq!(n.name("email!", "c"), "email_3");
        assert_eq!(n.name("_row_id", "c"), "row_id");
        assert_eq!(n.name("Row ID", "c"), "row_id_2");
    }
}
