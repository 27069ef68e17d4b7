//! Match criteria: which ZoomInfo attributes suit which audience type, and the automatic
//! mapping used by `?autoMatchCriteria=true` and by a match-criteria call without a body.
//!
//! The real service maps columns "with AI". The emulator's stand-in is a deterministic
//! heuristic on the column's name (case-insensitive, punctuation ignored) and dataType:
//!
//! | column | CONTACT audience | COMPANY audience |
//! |---|---|---|
//! | dataType EMAIL, or a name with "email" | CONTACT_EMAIL | — |
//! | "first name" / "last name" / "middle name" | CONTACT_FIRST/LAST/MIDDLE_NAME | — |
//! | "full name", "name", "contact", "person" (TEXT) | CONTACT_FIRST_NAME (a full name there is split when matching) | — |
//! | "title", "job title", "position" | JOB_TITLE | — |
//! | "company", "company name", "account", "organization" | COMPANY_NAME | COMPANY_NAME |
//! | dataType URL, or "website", "domain", "url" | COMPANY_WEBSITE | COMPANY_WEBSITE |
//! | "linkedin" | CONTACT_LINKEDIN_URL | COMPANY_LINKEDIN_URL |
//! | "phone", "direct phone" / "mobile", "cell" | DIRECT_PHONE / MOBILE_PHONE | COMPANY_PHONE |
//! | "city" / "state", "region" / "country" / "zip", "postal code" | CONTACT_* | COMPANY_* |
//! | "ticker" | — | COMPANY_TICKER |
//! | "zoominfo id", "zi id", "person id" / "company id" | ZOOMINFO_CONTACT_ID | ZOOMINFO_COMPANY_ID |
//!
//! Each attribute is mapped at most once (the first matching column wins), and only CUSTOM
//! and FORMULA columns are candidates.

use crate::model::{AudienceType, ColumnType, DataType, MatchField};
use crate::store::audiences::MatchCriterion;
use crate::store::columns::Column;

/// Whether `field` may be used in an audience of `audience_type`.
pub(crate) fn allowed(field: MatchField, audience_type: AudienceType) -> bool {
    use MatchField as M;
    match field {
        M::CompanyWebsite | M::CompanyName => true,
        M::ZoominfoCompanyId
        | M::CompanyCountry
        | M::CompanyState
        | M::CompanyCity
        | M::CompanyZipCode
        | M::CompanyPhone
        | M::CompanyTicker
        | M::CompanyLinkedinId
        | M::CompanyIpAddresses
        | M::CompanyMetroArea
        | M::CompanyLinkedinUrl
        | M::CompanyFacebookUrl
        | M::CompanyTwitterUrl
        | M::CompanyGooglePlusUrl
        | M::CompanyYoutubeUrl
        | M::CompanyLocation
        | M::CompanyLocationCode => audience_type == AudienceType::Company,
        _ => audience_type == AudienceType::Contact,
    }
}

/// Maps the audience's columns to ZoomInfo attributes.
pub(crate) fn auto_map(columns: &[Column], audience_type: AudienceType) -> Vec<MatchCriterion> {
    let mut out: Vec<MatchCriterion> = Vec::new();
    for col in columns
        .iter()
        .filter(|c| matches!(c.column_type, ColumnType::Custom | ColumnType::Formula))
    {
        let Some(field) = guess(&col.name, col.value_type(), audience_type) else {
            continue;
        };
        if out.iter().any(|c| c.mapped_to == field) {
            continue;
        }
        out.push(MatchCriterion {
            column_id: col.id.clone(),
            mapped_to: field,
        });
    }
    out
}

fn guess(name: &str, dt: DataType, at: AudienceType) -> Option<MatchField> {
    use MatchField as M;
    let n: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |w: &str| n == w || n.contains(w);
    let contact = at == AudienceType::Contact;
    let pick = |c: MatchField, co: MatchField| if contact { c } else { co };
    if dt == DataType::Email || has("email") {
        return contact.then_some(M::ContactEmail);
    }
    if has("linkedin") {
        return Some(pick(M::ContactLinkedinUrl, M::CompanyLinkedinUrl));
    }
    if has("zoominfo") || n == "zi id" || has("person id") || has("contact id") || has("company id")
    {
        if has("company") {
            return Some(if contact {
                M::ContactZoominfoCompanyId
            } else {
                M::ZoominfoCompanyId
            });
        }
        return Some(pick(M::ZoominfoContactId, M::ZoominfoCompanyId));
    }
    if dt == DataType::Url || has("website") || has("domain") || n == "url" || n == "site" {
        return Some(M::CompanyWebsite);
    }
    if has("ticker") {
        return (!contact).then_some(M::CompanyTicker);
    }
    if contact {
        if has("first name") || n == "firstname" || n == "first" {
            return Some(M::ContactFirstName);
        }
        if has("last name") || n == "lastname" || n == "surname" || n == "last" {
            return Some(M::ContactLastName);
        }
        if has("middle name") {
            return Some(M::ContactMiddleName);
        }
        if has("title") || n == "position" || n == "role" {
            return Some(M::JobTitle);
        }
        if has("mobile") || has("cell") {
            return Some(M::MobilePhone);
        }
        if has("phone") {
            return Some(M::DirectPhone);
        }
    } else if has("phone") {
        return Some(M::CompanyPhone);
    }
    if has("company")
        || has("account")
        || has("organization")
        || has("organisation")
        || n == "employer"
    {
        return Some(M::CompanyName);
    }
    if contact
        && (n == "name"
            || has("full name")
            || n == "contact"
            || n == "person"
            || n == "contact name")
    {
        return Some(M::ContactFirstName);
    }
    if !contact && n == "name" {
        return Some(M::CompanyName);
    }
    if has("city") {
        return Some(pick(M::ContactCity, M::CompanyCity));
    }
    if has("state") || has("region") || has("province") {
        return Some(pick(M::ContactState, M::CompanyState));
    }
    if has("country") {
        return Some(pick(M::ContactCountry, M::CompanyCountry));
    }
    if has("zip") || has("postal") || has("postcode") {
        return Some(pick(M::ContactZipCode, M::CompanyZipCode));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guides_columns_map_as_documented() {
        let c = AudienceType::Contact;
        assert_eq!(
            guess("Email", DataType::Email, c),
            Some(MatchField::ContactEmail)
        );
        assert_eq!(
            guess("Full Name", DataType::Text, c),
            Some(MatchField::ContactFirstName)
        );
        assert_eq!(
            guess("Company", DataType::Text, c),
            Some(MatchField::CompanyName)
        );
        assert_eq!(guess("Notes", DataType::Text, c), None);
    }

    #[test]
    fn company_audiences_use_company_fields() {
        let co = AudienceType::Company;
        assert_eq!(
            guess("Website", DataType::Url, co),
            Some(MatchField::CompanyWebsite)
        );
        assert_eq!(
            guess("Name", DataType::Text, co),
            Some(MatchField::CompanyName)
        );
        assert_eq!(
            guess("HQ City", DataType::Text, co),
            Some(MatchField::CompanyCity)
        );
        assert_eq!(guess("Email", DataType::Email, co), None);
        assert!(!allowed(MatchField::ContactEmail, co));
        assert!(allowed(MatchField::CompanyName, AudienceType::Contact));
        assert!(!allowed(MatchField::CompanyCity, AudienceType::Contact));
    }
}
