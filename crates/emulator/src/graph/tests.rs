//! Tests of the identity graph.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Instant;

use super::matching::MatchOutcome;
use super::*;
use crate::model::MatchField;

/// One shared graph for the default seed (building it is the slow part of these tests).
fn graph() -> &'static IdentityGraph {
    static GRAPH: OnceLock<IdentityGraph> = OnceLock::new();
    GRAPH.get_or_init(|| IdentityGraph::new(DEFAULT_SEED))
}

/// Builds match inputs.
fn inputs(pairs: &[(MatchField, &str)]) -> Vec<(MatchField, String)> {
    pairs.iter().map(|(f, v)| (*f, (*v).to_owned())).collect()
}

/// The contact a match produced, or a panic message.
fn matched_contact(outcome: MatchOutcome) -> Contact {
    match outcome {
        MatchOutcome::Contact(c) => c,
        other => panic!("expected a contact, got {other:?}"),
    }
}

/// The company a match produced, or a panic message.
fn matched_company(outcome: MatchOutcome) -> Company {
    match outcome {
        MatchOutcome::Company(c) => c,
        other => panic!("expected a company, got {other:?}"),
    }
}

/// The process's resident memory in KiB (0 where `/proc` is unavailable).
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4)
}

#[test]
#[allow(clippy::print_stderr)]
fn generation_time_and_scale() {
    let rss_before = resident_kib();
    // The best of three builds, as other tests and builds compete for the CPU.
    let mut built = std::time::Duration::MAX;
    let mut g = None;
    for _ in 0..3 {
        let start = Instant::now();
        let fresh = IdentityGraph::new(12_345);
        built = built.min(start.elapsed());
        g = Some(fresh);
    }
    let g = g.unwrap_or_else(|| IdentityGraph::new(12_345));
    let eager_kib = resident_kib().saturating_sub(rss_before);
    let start = Instant::now();
    let _ = g.contacts_by_name("Dana", "Lin");
    let name_index = start.elapsed();
    let start = Instant::now();
    let _ = g.contact_by_hashed_email(&sha256::to_hex(&sha256::digest(b"dana@northwind.io")));
    let hash_index = start.elapsed();
    eprintln!(
        "graph: {} companies, {} contacts; eager build {built:?}; lazy name index {name_index:?}; \
         lazy hashed-email index {hash_index:?}; resident growth after the builds ~{eager_kib} KiB \
         (Linux only; other tests share the process), after both indexes ~{} KiB",
        g.company_count(),
        g.contact_count(),
        resident_kib().saturating_sub(rss_before)
    );
    assert_eq!(g.company_count(), COMPANY_COUNT);
    assert!(
        (250_000..=350_000).contains(&g.contact_count()),
        "{}",
        g.contact_count()
    );
}

#[test]
fn hashed_email_lookup() {
    let g = graph();
    let dana = sha256::to_hex(&sha256::digest(b"dana@northwind.io"));
    let found = g.contact_by_hashed_email(&dana);
    assert_eq!(found.map(|c| c.email), Some("dana@northwind.io".to_owned()));
    let someone = g.contact_at(123_456).map(|c| c.email).unwrap_or_default();
    let hex = sha256::to_hex(&sha256::digest(someone.as_bytes())).to_ascii_uppercase();
    assert_eq!(
        g.contact_by_hashed_email(&hex).map(|c| c.email),
        Some(someone)
    );
}

#[test]
fn same_seed_same_data_other_seed_differs() {
    let a = graph();
    let b = IdentityGraph::new(DEFAULT_SEED);
    let c = IdentityGraph::new(DEFAULT_SEED ^ 1);
    let json = |v: &dyn erased::Json| v.json();
    let mut differing = 0;
    for i in (0..a.company_count()).step_by(997) {
        let (x, y, z) = (a.company_at(i), b.company_at(i), c.company_at(i));
        assert_eq!(json(&x), json(&y));
        if json(&x) != json(&z) {
            differing += 1;
        }
    }
    for i in (0..a.contact_count()).step_by(9_973) {
        assert_eq!(json(&a.contact_at(i)), json(&b.contact_at(i)));
    }
    assert!(differing > 20, "{differing}");
    assert_eq!(a.contact_count(), b.contact_count());
    // Fixtures do not depend on the seed.
    assert_eq!(a.company_at(0), c.company_at(0));
    assert_eq!(a.contact_at(6), c.contact_at(6));
}

/// Serialisation helper for comparing `Option<Company>` and `Option<Contact>` byte for byte.
mod erased {
    /// Anything serialisable to JSON text.
    pub(crate) trait Json {
        /// The JSON text.
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

#[test]
fn fixtures_are_present_and_rich() {
    let g = graph();
    let nw = g
        .company(300_000_001)
        .unwrap_or_else(|| panic!("Northwind missing"));
    assert_eq!(
        (nw.name.as_str(), nw.domain.as_str(), nw.city.as_str()),
        ("Northwind", "northwind.io", "Seattle")
    );
    assert_eq!(nw.locality(), "Seattle, WA");
    assert!(nw.funding.is_some() && nw.news.len() >= 3 && nw.conversation_signals.len() >= 3);
    assert_eq!(
        nw.news[1].line(),
        "2026-09-14: Northwind opened a Denver office"
    );
    let bl = g
        .company(300_000_002)
        .unwrap_or_else(|| panic!("Brightloom missing"));
    assert_eq!(
        (bl.domain.as_str(), bl.city.as_str()),
        ("brightloom.com", "San Francisco")
    );
    let dana = g
        .contact(1_200_000_001)
        .unwrap_or_else(|| panic!("Dana missing"));
    assert_eq!(
        (dana.full_name().as_str(), dana.email.as_str()),
        ("Dana Lin", "dana@northwind.io")
    );
    assert_eq!(dana.company_id, nw.id);
    let marco = g
        .contact(1_200_000_007)
        .unwrap_or_else(|| panic!("Marco missing"));
    assert_eq!(
        (marco.full_name().as_str(), marco.company_id),
        ("Marco Reyes", bl.id)
    );
    assert_eq!(g.contacts_of(nw.id).len(), 6);
    assert_eq!(g.contacts_of(bl.id).len(), 5);
    assert!(
        g.contacts_of(nw.id)
            .iter()
            .chain(g.contacts_of(bl.id).iter())
            .all(|c| c.enrichment_fault.is_none())
    );
    assert!(nw.enrichment_fault.is_none() && bl.enrichment_fault.is_none());
    // Unique fixture names and domains.
    assert_eq!(g.companies_by_name("Northwind").len(), 1);
    assert_eq!(g.companies_by_name("brightloom, inc.").len(), 1);
    assert_eq!(g.contacts_by_name("dana", "LIN").len(), 1);
    assert_eq!(g.contacts_by_name("Marco", "Reyes").len(), 1);
}

#[test]
fn fixture_lookups_and_matching() {
    let g = graph();
    for variant in [
        "northwind.io",
        "https://www.Northwind.io/about",
        "www.northwind.io:443",
        "dana@northwind.io",
        "HTTP://NORTHWIND.IO?x=1",
        "app.northwind.io",
    ] {
        assert_eq!(
            g.company_by_domain(variant).map(|c| c.id),
            Some(300_000_001),
            "{variant}"
        );
    }
    assert_eq!(
        g.contact_by_email(" Dana@NorthWind.IO ").map(|c| c.id),
        Some(1_200_000_001)
    );
    assert_eq!(
        g.contact_by_email("marco@brightloom.com").map(|c| c.id),
        Some(1_200_000_007)
    );
    assert!(g.contact_by_email("nobody@northwind.io").is_none());

    let by_email = g.match_contact(&inputs(&[(MatchField::ContactEmail, "DANA@northwind.io")]));
    assert_eq!(matched_contact(by_email).first_name, "Dana");
    let by_name = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, "Dana"),
        (MatchField::ContactLastName, "Lin"),
        (MatchField::CompanyName, "Northwind Inc."),
    ]));
    assert_eq!(matched_contact(by_name).email, "dana@northwind.io");
    let full_name = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, "Marco Reyes"),
        (MatchField::CompanyWebsite, "https://brightloom.com"),
    ]));
    assert_eq!(matched_contact(full_name).email, "marco@brightloom.com");
    let unique_name_alone = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, "Dana"),
        (MatchField::ContactLastName, "Lin"),
    ]));
    assert_eq!(matched_contact(unique_name_alone).id, 1_200_000_001);
    let contradiction = g.match_contact(&inputs(&[
        (MatchField::ContactEmail, "dana@northwind.io"),
        (MatchField::CompanyName, "Brightloom"),
    ]));
    assert_eq!(contradiction, MatchOutcome::NoMatch);
    let wrong_company = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, "Dana Lin"),
        (MatchField::CompanyName, "Brightloom"),
    ]));
    assert_eq!(wrong_company, MatchOutcome::NoMatch);
    let unknown_company = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, "Dana Lin"),
        (MatchField::CompanyName, "Zzyzx Holdings"),
    ]));
    assert_eq!(unknown_company, MatchOutcome::NoMatch);
    let by_id = g.match_contact(&inputs(&[(MatchField::ZoominfoContactId, " 1200000007 ")]));
    assert_eq!(matched_contact(by_id).first_name, "Marco");
    let by_linkedin = g.match_contact(&inputs(&[(
        MatchField::ContactLinkedinUrl,
        "https://www.linkedin.com/in/danalin-revops/",
    )]));
    assert_eq!(matched_contact(by_linkedin).id, 1_200_000_001);
    let hashed = sha256::to_hex(&sha256::digest(b"marco@brightloom.com"));
    let by_hash = g.match_contact(&inputs(&[(MatchField::ContactHashedEmails, &hashed)]));
    assert_eq!(matched_contact(by_hash).id, 1_200_000_007);
    let blank = g.match_contact(&inputs(&[
        (MatchField::ContactEmail, "  "),
        (MatchField::CompanyName, "Northwind"),
    ]));
    assert_eq!(blank, MatchOutcome::MissingInput);
    assert_eq!(g.match_contact(&[]), MatchOutcome::MissingInput);
    let ids_disagree = g.match_contact(&inputs(&[
        (MatchField::ZoominfoContactId, "1200000001"),
        (MatchField::ContactEmail, "marco@brightloom.com"),
    ]));
    assert_eq!(ids_disagree, MatchOutcome::NoMatch);

    for site in [
        "northwind.io",
        "www.northwind.io:443",
        "https://www.Northwind.io/about",
    ] {
        let m = g.match_company(&inputs(&[(MatchField::CompanyWebsite, site)]));
        assert_eq!(matched_company(m).name, "Northwind");
    }
    let by_name = g.match_company(&inputs(&[(MatchField::CompanyName, "  NORTHWIND, Inc ")]));
    assert_eq!(matched_company(by_name).domain, "northwind.io");
    let by_slug = g.match_company(&inputs(&[(
        MatchField::CompanyLinkedinUrl,
        "linkedin.com/company/brightloom/about",
    )]));
    assert_eq!(matched_company(by_slug).domain, "brightloom.com");
    let clash = g.match_company(&inputs(&[
        (MatchField::CompanyWebsite, "northwind.io"),
        (MatchField::CompanyName, "Brightloom"),
    ]));
    assert_eq!(clash, MatchOutcome::NoMatch);
    let by_id = g.match_company(&inputs(&[(MatchField::ZoominfoCompanyId, "300000002")]));
    assert_eq!(matched_company(by_id).name, "Brightloom");
    assert_eq!(
        g.match_company(&inputs(&[(MatchField::CompanyCity, "Seattle")])),
        MatchOutcome::MissingInput
    );
    assert_eq!(
        g.match_company(&inputs(&[(MatchField::CompanyWebsite, "gmail.com")])),
        MatchOutcome::NoMatch
    );
}

#[test]
fn generated_lookups_round_trip() {
    let g = graph();
    for i in (2..g.company_count()).step_by(1_499) {
        let c = g.company_at(i).unwrap_or_else(|| panic!("company {i}"));
        assert_eq!(c.index(), i);
        assert_eq!(g.company_by_domain(&c.website).map(|x| x.id), Some(c.id));
        assert_eq!(
            g.company_by_linkedin_url(&c.linkedin_url).map(|x| x.id),
            Some(c.id)
        );
        assert!(
            g.companies_by_name(&c.name.to_ascii_uppercase())
                .iter()
                .any(|x| x.id == c.id)
        );
        if let Some(t) = &c.ticker {
            assert_eq!(g.company_by_ticker(t).map(|x| x.id), Some(c.id));
        }
        let m = g.match_company(&inputs(&[
            (MatchField::CompanyName, &c.name),
            (MatchField::CompanyCity, &c.city),
            (MatchField::CompanyPhone, &c.phone),
        ]));
        assert_eq!(matched_company(m).id, c.id);
    }
    for i in (11..g.contact_count()).step_by(14_983) {
        let c = g.contact_at(i).unwrap_or_else(|| panic!("contact {i}"));
        assert_eq!(c.index(), i);
        assert_eq!(
            g.contact_by_email(&c.email.to_ascii_uppercase())
                .map(|x| x.id),
            Some(c.id)
        );
        assert_eq!(
            g.contact_by_linkedin_url(&c.linkedin_url).map(|x| x.id),
            Some(c.id)
        );
        assert!(
            g.contacts_by_name(&c.first_name, &c.last_name)
                .iter()
                .any(|x| x.id == c.id)
        );
        assert!(g.contacts_of(c.company_id).iter().any(|x| x.id == c.id));
        let company = g.company(c.company_id).map(|x| x.name).unwrap_or_default();
        let m = g.match_contact(&inputs(&[
            (MatchField::ContactFirstName, &c.first_name),
            (MatchField::ContactLastName, &c.last_name),
            (MatchField::CompanyName, &company),
        ]));
        // Several same-named companies can make a name+company match ambiguous; never wrong.
        if let MatchOutcome::Contact(found) = m {
            assert_eq!(found.id, c.id);
        }
        let m = g.match_contact(&inputs(&[
            (MatchField::ContactFirstName, &c.full_name()),
            (
                MatchField::ContactZoominfoCompanyId,
                &c.company_id.to_string(),
            ),
        ]));
        assert_eq!(matched_contact(m).id, c.id);
    }
    assert!(
        g.contact_by_linkedin_url("https://www.linkedin.com/in/dana-lin-zzzzz")
            .is_none()
    );
    assert!(g.company(299_999_999).is_none() && g.company(300_030_001).is_none());
    assert!(
        g.contact(1_200_000_000).is_none()
            && g.contact(CONTACT_ID_BASE + g.contact_count() as u64)
                .is_none()
    );
}

#[test]
fn ambiguous_names_need_a_company() {
    let g = graph();
    // Find a generated name shared by several contacts.
    let index = g.contact_names.get_or_init(|| generate::name_index(g));
    let shared = index
        .shared()
        .next()
        .and_then(|s| s.first())
        .map(|i| *i as usize);
    let c = shared
        .and_then(|i| g.contact_at(i))
        .unwrap_or_else(|| panic!("no shared name"));
    let alone = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, &c.first_name),
        (MatchField::ContactLastName, &c.last_name),
    ]));
    assert_eq!(alone, MatchOutcome::NoMatch);
    let domain = g
        .company(c.company_id)
        .map(|x| x.domain)
        .unwrap_or_default();
    let narrowed = g.match_contact(&inputs(&[
        (MatchField::ContactFirstName, &c.first_name),
        (MatchField::ContactLastName, &c.last_name),
        (MatchField::CompanyWebsite, &domain),
    ]));
    assert_eq!(matched_contact(narrowed).id, c.id);
}

#[test]
fn emails_are_unique_lowercase_over_a_sample() {
    let g = graph();
    let mut seen = HashSet::new();
    let step = g.contact_count() / 50_000;
    for i in (0..g.contact_count()).step_by(step.max(1)).take(50_000) {
        let e = generate::email(g, i);
        assert_eq!(e, e.to_ascii_lowercase());
        assert!(seen.insert(e.clone()), "duplicate {e}");
    }
    // Whole companies too: siblings are where collisions would happen.
    for c in (2..g.company_count()).step_by(37) {
        let mut local = HashSet::new();
        for contact in g.contacts_of(company_id(c)) {
            assert!(
                local.insert(contact.email.clone()),
                "duplicate {}",
                contact.email
            );
        }
    }
}

#[test]
fn domains_slugs_and_tickers_are_unique() {
    let g = graph();
    assert_eq!(g.by_domain.len(), g.company_count());
    assert_eq!(g.by_slug.len(), g.company_count());
    let tickers = g.cores.iter().filter(|c| c.ticker.is_some()).count();
    assert_eq!(g.by_ticker.len(), tickers);
    assert!(tickers > 50, "{tickers}");
    let tlds: HashSet<&str> = g
        .cores
        .iter()
        .filter_map(|c| c.domain.rsplit('.').next())
        .collect();
    assert!(
        tlds.iter()
            .all(|t| ["com", "io", "co", "ai", "net"].contains(t)),
        "{tlds:?}"
    );
    assert!(g.cores.iter().all(|c| {
        c.domain
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.')
    }));
}

#[test]
fn name_normalisation() {
    assert_eq!(
        normalize_company_name("Harbor & Finch, Inc."),
        "harborandfinch"
    );
    assert_eq!(normalize_company_name("harbor and finch"), "harborandfinch");
    assert_eq!(
        normalize_company_name("  Cobalt   Ridge Analytics LLC "),
        "cobaltridgeanalytics"
    );
    assert_eq!(normalize_company_name("Northwind Corp."), "northwind");
    assert_eq!(normalize_company_name("Northwind GmbH"), "northwind");
    assert_eq!(normalize_company_name("Northwind Co"), "northwind");
    assert_eq!(
        normalize_company_name("NorthWind Corporation Ltd"),
        "northwind"
    );
    assert_eq!(normalize_company_name("Inc"), "inc");
    assert_eq!(short_company_name("Harbor & Finch, Inc."), "Harbor & Finch");
    assert_eq!(
        short_company_name("Cobalt Ridge Analytics LLC"),
        "Cobalt Ridge Analytics"
    );
    assert_eq!(short_company_name("Northwind"), "Northwind");
    assert_eq!(normalize_person_name("O'Brien "), "obrien");
    assert_eq!(
        normalize_domain("mailto:Dana@Northwind.io"),
        Some("northwind.io".to_owned())
    );
    assert_eq!(normalize_domain("not a domain"), None);
    assert_eq!(month_year("2026-08-12"), "August 2026");
}

#[test]
fn id_round_trips() {
    for i in [0usize, 1, 2, 29_999, 123_456] {
        assert_eq!(company_index(company_id(i)), Some(i));
        assert_eq!(contact_index(contact_id(i)), Some(i));
    }
    assert_eq!(company_id(0).to_string().len(), 9);
    assert_eq!(contact_id(0).to_string().len(), 10);
    assert_eq!(company_index(5), None);
    assert_eq!(contact_index(1_199_999_999), None);
}

#[test]
fn fault_rates_are_roughly_as_stated() {
    let g = graph();
    let count = |faults: Vec<Option<EntityFault>>| {
        let t = faults
            .iter()
            .filter(|f| f.as_ref().is_some_and(EntityFault::is_retryable))
            .count();
        let p = faults
            .iter()
            .filter(|f| f.as_ref().is_some_and(|f| !f.is_retryable()))
            .count();
        (t, p)
    };
    let (t, p) = count(
        (2..20_002)
            .filter_map(|i| g.company_at(i))
            .map(|c| c.enrichment_fault)
            .collect(),
    );
    assert!(
        (300..=500).contains(&t) && (130..=270).contains(&p),
        "companies {t} {p}"
    );
    let (t, p) = count(
        (11..20_011)
            .filter_map(|i| g.contact_at(i))
            .map(|c| c.enrichment_fault)
            .collect(),
    );
    assert!(
        (300..=500).contains(&t) && (130..=270).contains(&p),
        "contacts {t} {p}"
    );
}

#[test]
fn word_lists_are_clean() {
    let all = words::FIRST_NAMES
        .iter()
        .chain(words::LAST_NAMES)
        .chain(words::NAME_PREFIXES)
        .chain(words::NAME_SUFFIXES);
    for w in all {
        assert!(w.is_ascii() && !w.contains('.'), "{w}");
    }
    let unique = |list: &[&str]| {
        list.iter()
            .map(|w| normalize_person_name(w))
            .collect::<HashSet<_>>()
            .len()
    };
    assert_eq!(unique(words::FIRST_NAMES), words::FIRST_NAMES.len());
    assert_eq!(unique(words::LAST_NAMES), words::LAST_NAMES.len());
    assert!(words::FIRST_NAMES.len() >= 240 && words::LAST_NAMES.len() >= 240);
    assert!(words::NAME_PREFIXES.len() >= 150 && words::NAME_SUFFIXES.len() >= 150);
    assert!(
        words::INDUSTRIES.len() >= 40
            && words::CITIES.len() >= 120
            && words::TECHNOLOGIES.len() >= 80
    );
    for t in words::TECHNOLOGIES {
        assert!(!t.name.contains('.'), "{}", t.name);
    }
    for i in words::INDUSTRIES {
        assert!(
            !i.subs.is_empty()
                && !i.descriptors.is_empty()
                && !i.offerings.is_empty()
                && !i.customers.is_empty()
                && !i.products.is_empty()
        );
        assert!(
            i.offerings
                .iter()
                .chain(i.customers)
                .chain(i.products)
                .all(|w| !w.contains('.'))
        );
    }
}

#[test]
fn generated_entities_look_plausible() {
    let g = graph();
    let mut big = 0;
    let mut funded = 0;
    for i in (2..g.company_count()).step_by(101) {
        let c = g.company_at(i).unwrap_or_else(|| panic!("company {i}"));
        assert!(c.website.ends_with(&c.domain));
        assert!(
            c.revenue_usd > 0
                && c.employee_count > 0
                && !c.technologies.is_empty()
                && !c.news.is_empty()
        );
        assert!(c.news.windows(2).all(|w| w[0].date >= w[1].date));
        assert!(
            c.news
                .iter()
                .all(|n| n.date.as_str() <= AS_OF_DATE && !n.headline.contains('.'))
        );
        assert!(c.conversation_signals.iter().all(|s| !s.contains('.')));
        assert_eq!(c.company_status, "Active");
        big += usize::from(c.employee_count >= 10_000);
        funded += usize::from(c.funding.is_some());
        if let Some(f) = &c.funding {
            assert!(
                f.amount_usd % 1_000_000 == 0
                    && c.total_funding_usd >= f.amount_usd
                    && !f.investors.is_empty()
            );
        }
    }
    assert!(big >= 1, "heavy tail missing");
    assert!(funded > 20, "{funded}");
    for i in (11..g.contact_count()).step_by(3_001) {
        let c = g.contact_at(i).unwrap_or_else(|| panic!("contact {i}"));
        assert!(MANAGEMENT_LEVELS.contains(&c.management_level.as_str()));
        assert!((70..=99).contains(&c.contact_accuracy_score));
        assert!(c.linkedin_url.starts_with("https://www.linkedin.com/in/"));
    }
}

#[test]
#[allow(clippy::print_stderr)]
fn print_a_few_samples() {
    let g = graph();
    for i in [2usize, 3, 4, 5000, 29_999] {
        if let Some(c) = g.company_at(i) {
            eprintln!("{}", serde_json::to_string(&c).unwrap_or_default());
            if let Some(p) = g.contacts_of(c.id).first() {
                eprintln!("{}", serde_json::to_string(p).unwrap_or_default());
            }
        }
    }
}

#[test]
fn graph_is_shareable_across_threads() {
    /// Compiles only for `Send + Sync` types.
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<IdentityGraph>();
}
