//! The demo audience a new local data directory starts with: the user guide's booth scans,
//! matched and enriched, so that the first `SELECT` returns something.

use gtmsql_emulator::samples::{Sample, contact_people};

use crate::GtmSession;
use crate::error::Result;

/// The demo table's SQL name.
pub const DEMO_TABLE: &str = "demo.saastr_2026_booth_scans";

/// Contacts from the identity graph that match, besides the guide's Dana and Marco.
const MATCHING_SAMPLES: usize = 6;

/// Creates the demo when the server has no folder and no audience yet. Returns whether it
/// did. It is built with gtmsql's own SQL, as a user would: a folder, an audience with the
/// guide's columns, match criteria, rows, and an enrichment.
///
/// # Errors
/// Any failing statement (the half-built demo is left for the user to inspect or drop).
pub async fn create_demo_if_empty(session: &GtmSession) -> Result<bool> {
    let client = session.catalog().client();
    let empty = client
        .list_folders()
        .await
        .map_err(|e| crate::Error::remote("listing folders", e))?
        .is_empty()
        && client
            .list_audiences()
            .await
            .map_err(|e| crate::Error::remote("listing audiences", e))?
            .is_empty();
    if !empty {
        return Ok(false);
    }
    let mut rows = vec![
        "('dana@northwind.io', 'Dana Lin', 'Northwind')".to_owned(),
        "('marco@brightloom.com', 'Marco Reyes', 'Brightloom')".to_owned(),
    ];
    for person in contact_people(Sample::Matching, MATCHING_SAMPLES, true) {
        rows.push(format!(
            "('{}', '{}', '{}')",
            quote(&person.email),
            quote(&person.full_name),
            quote(&person.company)
        ));
    }
    let statements = [
        "CREATE SCHEMA demo".to_owned(),
        "CREATE TABLE demo.\"SaaStr 2026 Booth Scans\" (\"Email\" EMAIL, \"Full Name\" TEXT, \"Company\" TEXT) WITH (auto_match = true)".to_owned(),
        format!("CALL add_match_column('{DEMO_TABLE}', 'ZoomInfo Contact')"),
        format!(
            "CALL add_ai_column('{DEMO_TABLE}', 'Follow-up Angle', prompt => 'In one sentence, suggest a relevant opening angle for a sales follow-up with this contact based on their company and recent activity.', tool => 'AI_WEB_RESEARCH', depends_on => ['company'])"
        ),
        format!(
            "INSERT INTO {DEMO_TABLE} (email, full_name, company) VALUES {}",
            rows.join(", ")
        ),
        format!("CALL enrich('{DEMO_TABLE}')"),
    ];
    for statement in statements {
        session.execute(&statement).await?;
    }
    Ok(true)
}

/// Text inside a SQL string literal.
fn quote(text: &str) -> String {
    text.replace('\'', "''")
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("O'Neil"), "O''Neil");
    }
}
