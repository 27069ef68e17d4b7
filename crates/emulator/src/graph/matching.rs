//! Matching uploaded rows (`MatchField` → value) to graph contacts and companies.
//!
//! # Common rules
//! * Values are trimmed; blank values are ignored. When a field appears several times, its
//!   first non-blank value counts.
//! * If no *identifying* input remains the outcome is [`MatchOutcome::MissingInput`]
//!   (contacts: contact id, email, hashed email, LinkedIn URL, or a first+last name; companies:
//!   company id, website, LinkedIn URL, ticker, or name). Otherwise it is a match or
//!   [`MatchOutcome::NoMatch`].
//! * A *strong key* that does not resolve is skipped (the next key is tried); two strong keys
//!   that resolve to different entities are a contradiction, hence `NoMatch`.
//!
//! # Contacts ([`IdentityGraph::match_contact`])
//! 1. Strong keys, in precedence order: `ZOOMINFO_CONTACT_ID` (exact id);
//!    `CONTACT_EMAIL` (case-insensitive); `CONTACT_HASHED_EMAILS` (lowercase-hex SHA-256 of the
//!    lowercase email; several hashes may be separated by commas, semicolons or spaces);
//!    `CONTACT_LINKEDIN_URL`.
//! 2. *Company evidence*: each of `COMPANY_NAME` (normalised, see
//!    [`super::normalize_company_name`]; several same-named companies are narrowed by
//!    `COMPANY_CITY`/`STATE`/`COUNTRY`/`ZIP_CODE`/`PHONE` when given), `COMPANY_WEBSITE`
//!    (normalised domain), `CONTACT_ZOOMINFO_COMPANY_ID` and the domain of a `CONTACT_EMAIL` that
//!    matched no contact gives a set of companies. Evidence that resolves to nothing in the
//!    graph is *unknown*, not contradicting.
//! 3. If a strong key matched, every resolved piece of company evidence must include the
//!    contact's company (else `NoMatch`: "email says Northwind, company says Brightloom").
//! 4. Otherwise a person name is needed: `CONTACT_FIRST_NAME` + `CONTACT_LAST_NAME`, or a full
//!    name ("Dana Lin") in `CONTACT_FIRST_NAME` when the last name is absent (first token =
//!    first name, last token = last name). Name parts are compared as lowercase ASCII
//!    alphanumerics.
//!    * With company evidence given: at least one piece must resolve, and the contact's company
//!      must be in every resolved set; exactly one such contact matches.
//!    * Without company evidence: the name must be unique in the whole graph.
//!
//! # Companies ([`IdentityGraph::match_company`])
//! 1. Strong keys, in precedence order: `ZOOMINFO_COMPANY_ID` (or
//!    `CONTACT_ZOOMINFO_COMPANY_ID`), `COMPANY_WEBSITE` (a domain, URL, `host:port` or email
//!    address), `COMPANY_LINKEDIN_URL`, `COMPANY_TICKER`.
//! 2. If one matched and `COMPANY_NAME` resolves to companies that do not include it: `NoMatch`.
//! 3. Otherwise `COMPANY_NAME` must identify exactly one company after narrowing by the given
//!    `COMPANY_CITY`, `COMPANY_STATE` (name or code), `COMPANY_COUNTRY` (common aliases such as
//!    "US", "USA", "UK"), `COMPANY_ZIP_CODE` and `COMPANY_PHONE` (last ten digits).
//!
//! Deriving a `COMPANY_WEBSITE` from a contact email for a COMPANY audience is the caller's job.

use crate::model::MatchField;

use super::{
    Company, Contact, IdentityGraph, company_index, contact_index, normalize_person_name, words,
};

/// The result of matching one uploaded row.
// The variants carry whole records by design (the caller consumes them once per row).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MatchOutcome {
    /// A contact matched (its company is `graph.company(contact.company_id)`).
    Contact(Contact),
    /// A company matched.
    Company(Company),
    /// Identifying input was given but nothing (or nothing unambiguous) matched.
    NoMatch,
    /// No identifying input was given.
    MissingInput,
}

/// The first non-blank trimmed value of `field`.
fn get(inputs: &[(MatchField, String)], field: MatchField) -> Option<&str> {
    inputs
        .iter()
        .filter(|(f, _)| *f == field)
        .map(|(_, v)| v.trim())
        .find(|v| !v.is_empty())
}

/// Parses an id that may carry whitespace or a trailing ".0" from a spreadsheet.
fn parse_id(value: &str) -> Option<u64> {
    let v = value.trim();
    let v = v.strip_suffix(".0").unwrap_or(v);
    v.parse().ok()
}

/// Lowercase alphanumerics.
fn key(s: &str) -> String {
    normalize_person_name(s)
}

/// Canonical country key: "US", "USA", "United States of America" all give "unitedstates".
fn country_key(s: &str) -> String {
    let k = key(s);
    match k.as_str() {
        "us" | "usa" | "unitedstatesofamerica" | "america" => "unitedstates".to_owned(),
        "uk" | "gb" | "gbr" | "greatbritain" | "england" | "scotland" => "unitedkingdom".to_owned(),
        "uae" => "unitedarabemirates".to_owned(),
        "de" | "deu" | "deutschland" => "germany".to_owned(),
        "ca" | "can" => "canada".to_owned(),
        _ => k,
    }
}

/// Whether a company satisfies the given location/phone filters.
fn location_matches(company: &Company, inputs: &[(MatchField, String)]) -> bool {
    if let Some(city) = get(inputs, MatchField::CompanyCity)
        && key(city) != key(&company.city)
    {
        return false;
    }
    if let Some(state) = get(inputs, MatchField::CompanyState) {
        let wanted = key(state);
        let code = words::CITIES
            .iter()
            .find(|c| c.state == company.state && c.country == company.country)
            .map(|c| key(c.state_code));
        if wanted != key(&company.state) && Some(&wanted) != code.as_ref() {
            return false;
        }
    }
    if let Some(country) = get(inputs, MatchField::CompanyCountry)
        && country_key(country) != country_key(&company.country)
    {
        return false;
    }
    if let Some(zip) = get(inputs, MatchField::CompanyZipCode) {
        let (wanted, have) = (key(zip), key(&company.zip_code));
        let us_prefix =
            company.country == "United States" && wanted.len() > 5 && wanted.starts_with(&have);
        if wanted != have && !us_prefix {
            return false;
        }
    }
    if let Some(phone) = get(inputs, MatchField::CompanyPhone) {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let (wanted, have) = (digits(phone), digits(&company.phone));
        let tail = |s: &str| s[s.len().saturating_sub(10)..].to_owned();
        if wanted.len() < 7 || tail(&wanted) != tail(&have) {
            return false;
        }
    }
    true
}

/// Splits name inputs into (first, last): separate fields, or a full name in either field.
fn person_name(inputs: &[(MatchField, String)]) -> Option<(String, String)> {
    let first = get(inputs, MatchField::ContactFirstName);
    let last = get(inputs, MatchField::ContactLastName);
    match (first, last) {
        (Some(f), Some(l)) => Some((f.to_owned(), l.to_owned())),
        (Some(full), None) | (None, Some(full)) => {
            let full = full.replace(',', " ");
            let parts: Vec<&str> = full.split_whitespace().collect();
            match parts.as_slice() {
                [f, .., l] => Some(((*f).to_owned(), (*l).to_owned())),
                _ => None,
            }
        }
        (None, None) => None,
    }
}

/// Merges a resolved strong key into the running candidate; `Err` on contradiction.
fn merge<T: PartialEq>(current: Option<T>, next: Option<T>) -> Result<Option<T>, ()> {
    match (current, next) {
        (Some(a), Some(b)) if a != b => Err(()),
        (Some(a), _) => Ok(Some(a)),
        (None, b) => Ok(b),
    }
}

impl IdentityGraph {
    /// Company indexes for a company name, narrowed by location filters when ambiguous.
    fn company_name_set(&self, name: &str, inputs: &[(MatchField, String)]) -> Vec<usize> {
        let set = self.company_indexes_by_name(name);
        if set.len() <= 1 {
            return set;
        }
        set.into_iter()
            .filter(|i| {
                self.company_at(*i)
                    .is_some_and(|c| location_matches(&c, inputs))
            })
            .collect()
    }

    /// Company evidence for contact matching: each given piece with the company indexes it
    /// resolves to (empty when unknown).
    fn company_evidence(
        &self,
        inputs: &[(MatchField, String)],
        email_domain: Option<&str>,
    ) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        if let Some(name) = get(inputs, MatchField::CompanyName) {
            out.push(self.company_name_set(name, inputs));
        }
        if let Some(site) = get(inputs, MatchField::CompanyWebsite) {
            out.push(self.company_index_by_domain(site).into_iter().collect());
        }
        if let Some(id) = get(inputs, MatchField::ContactZoominfoCompanyId) {
            let index = parse_id(id)
                .and_then(company_index)
                .filter(|i| *i < self.company_count());
            out.push(index.into_iter().collect());
        }
        if let Some(domain) = email_domain {
            let index = self.company_index_by_domain(domain);
            // A free-mail or unknown domain is no evidence at all.
            if let Some(i) = index {
                out.push(vec![i]);
            }
        }
        out
    }

    /// Matches a row of a CONTACT audience. See the module documentation for the rules.
    pub(crate) fn match_contact(&self, inputs: &[(MatchField, String)]) -> MatchOutcome {
        let id = get(inputs, MatchField::ZoominfoContactId);
        let email = get(inputs, MatchField::ContactEmail);
        let hashed = get(inputs, MatchField::ContactHashedEmails);
        let linkedin = get(inputs, MatchField::ContactLinkedinUrl);
        let name = person_name(inputs);
        if id.is_none()
            && email.is_none()
            && hashed.is_none()
            && linkedin.is_none()
            && name.is_none()
        {
            return MatchOutcome::MissingInput;
        }

        let by_id = id
            .and_then(parse_id)
            .and_then(contact_index)
            .filter(|i| *i < self.contact_count());
        let by_email = email
            .and_then(|e| self.contact_by_email(e))
            .map(|c| c.index());
        let by_hash = hashed.and_then(|h| {
            h.split([',', ';', ' ', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .find_map(|s| self.contact_by_hashed_email(s))
                .map(|c| c.index())
        });
        let by_linkedin = linkedin
            .and_then(|u| self.contact_by_linkedin_url(u))
            .map(|c| c.index());
        let mut candidate = None;
        for next in [by_id, by_email, by_hash, by_linkedin] {
            match merge(candidate, next) {
                Ok(c) => candidate = c,
                Err(()) => return MatchOutcome::NoMatch,
            }
        }

        let email_domain = match (email, by_email) {
            (Some(e), None) => e.rsplit_once('@').map(|(_, d)| d),
            _ => None,
        };
        let evidence = self.company_evidence(inputs, email_domain);

        if let Some(index) = candidate {
            let company = self.company_of_contact(index);
            if evidence
                .iter()
                .any(|set| !set.is_empty() && !set.contains(&company))
            {
                return MatchOutcome::NoMatch;
            }
            return self
                .contact_at(index)
                .map_or(MatchOutcome::NoMatch, MatchOutcome::Contact);
        }

        let Some((first, last)) = name else {
            return MatchOutcome::NoMatch;
        };
        let mut found = self.contact_indexes_by_name(&first, &last);
        if !evidence.is_empty() {
            let resolved: Vec<&Vec<usize>> = evidence.iter().filter(|s| !s.is_empty()).collect();
            if resolved.is_empty() {
                return MatchOutcome::NoMatch;
            }
            found.retain(|i| {
                let company = self.company_of_contact(*i);
                resolved.iter().all(|set| set.contains(&company))
            });
        }
        match found.as_slice() {
            [only] => self
                .contact_at(*only)
                .map_or(MatchOutcome::NoMatch, MatchOutcome::Contact),
            _ => MatchOutcome::NoMatch,
        }
    }

    /// Matches a row of a COMPANY audience. See the module documentation for the rules.
    pub(crate) fn match_company(&self, inputs: &[(MatchField, String)]) -> MatchOutcome {
        let id = get(inputs, MatchField::ZoominfoCompanyId)
            .or_else(|| get(inputs, MatchField::ContactZoominfoCompanyId));
        let website = get(inputs, MatchField::CompanyWebsite);
        let linkedin = get(inputs, MatchField::CompanyLinkedinUrl);
        let ticker = get(inputs, MatchField::CompanyTicker);
        let name = get(inputs, MatchField::CompanyName);
        if id.is_none()
            && website.is_none()
            && linkedin.is_none()
            && ticker.is_none()
            && name.is_none()
        {
            return MatchOutcome::MissingInput;
        }

        let by_id = id
            .and_then(parse_id)
            .and_then(company_index)
            .filter(|i| *i < self.company_count());
        let by_site = website.and_then(|w| self.company_index_by_domain(w));
        let by_linkedin = linkedin
            .and_then(|u| self.company_by_linkedin_url(u))
            .map(|c| c.index());
        let by_ticker = ticker
            .and_then(|t| self.company_by_ticker(t))
            .map(|c| c.index());
        let mut candidate = None;
        for next in [by_id, by_site, by_linkedin, by_ticker] {
            match merge(candidate, next) {
                Ok(c) => candidate = c,
                Err(()) => return MatchOutcome::NoMatch,
            }
        }
        let by_name = name.map(|n| self.company_indexes_by_name(n));

        if let Some(index) = candidate {
            if by_name
                .as_ref()
                .is_some_and(|set| !set.is_empty() && !set.contains(&index))
            {
                return MatchOutcome::NoMatch;
            }
            return self
                .company_at(index)
                .map_or(MatchOutcome::NoMatch, MatchOutcome::Company);
        }
        let Some(set) = by_name else {
            return MatchOutcome::NoMatch;
        };
        let narrowed: Vec<Company> = set
            .into_iter()
            .filter_map(|i| self.company_at(i))
            .filter(|c| location_matches(c, inputs))
            .collect();
        match <[Company; 1]>::try_from(narrowed) {
            Ok([only]) => MatchOutcome::Company(only),
            Err(_) => MatchOutcome::NoMatch,
        }
    }
}
