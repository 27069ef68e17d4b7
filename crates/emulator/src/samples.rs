//! Entities of the identity graph to test with: emails and domains that match, that fail
//! retryably the first time, that always fail, and that match nothing.
//!
//! Tests and examples (here and in gtmsql) use these instead of hard-coding graph contents,
//! so they keep working if the generator's word lists change.

use crate::graph::{EntityFault, IdentityGraph};

/// What a sample should do when enriched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// Matches, and enriches without error.
    Matching,
    /// Matches, but its match fails with a retryable ERROR the first time it is enriched.
    RetryableFailure,
    /// Matches, but its match always fails with a non-retryable ERROR.
    PermanentFailure,
}

fn wanted(kind: Sample, fault: Option<&EntityFault>) -> bool {
    matches!(
        (kind, fault),
        (Sample::Matching, None)
            | (
                Sample::RetryableFailure,
                Some(EntityFault::Transient { .. })
            )
            | (
                Sample::PermanentFailure,
                Some(EntityFault::Permanent { .. })
            )
    )
}

/// A contact of the identity graph, as a person would write it into a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamplePerson {
    /// Work email.
    pub email: String,
    /// First and last name.
    pub full_name: String,
    /// The employer's name.
    pub company: String,
}

/// `n` contacts of the given kind (the same ones on every run), skipping the user guide's
/// fixture contacts; with `one_per_company`, at most one contact of each company.
pub fn contact_people(kind: Sample, n: usize, one_per_company: bool) -> Vec<SamplePerson> {
    let graph: &IdentityGraph = &crate::identity_graph();
    let mut companies = std::collections::HashSet::new();
    (0..graph.contact_count())
        .filter_map(|i| graph.contact_at(i))
        .filter(|c| !crate::graph::is_fixture_company(c.company_id))
        .filter(|c| {
            let company_fault = graph
                .company(c.company_id)
                .and_then(|co| co.enrichment_fault);
            company_fault.is_none() && wanted(kind, c.enrichment_fault.as_ref())
        })
        .filter(|c| !one_per_company || companies.insert(c.company_id))
        .take(n)
        .map(|c| SamplePerson {
            full_name: format!("{} {}", c.first_name, c.last_name),
            company: graph
                .company(c.company_id)
                .map(|co| co.name)
                .unwrap_or_default(),
            email: c.email,
        })
        .collect()
}

/// `n` contact emails of the given kind (the same ones on every run), skipping the user
/// guide's fixture contacts.
pub fn contact_emails(kind: Sample, n: usize) -> Vec<String> {
    contact_people(kind, n, false)
        .into_iter()
        .map(|p| p.email)
        .collect()
}

/// `n` company domains of the given kind, skipping the fixture companies.
pub fn company_domains(kind: Sample, n: usize) -> Vec<String> {
    let graph: &IdentityGraph = &crate::identity_graph();
    (0..graph.company_count())
        .filter_map(|i| graph.company_at(i))
        .filter(|c| !crate::graph::is_fixture_company(c.id))
        .filter(|c| wanted(kind, c.enrichment_fault.as_ref()))
        .take(n)
        .map(|c| c.domain)
        .collect()
}

/// An email that matches no contact in the graph.
pub fn unknown_email(i: usize) -> String {
    format!("nobody{i}@no-such-company.example")
}
