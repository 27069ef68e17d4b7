//! A deterministic synthetic "ZoomInfo database" of companies and contacts.
//!
//! It is used to match uploaded rows and to ground AI output.
//!
//! # Shape
//! [`IdentityGraph::new`] builds about 30,000 companies and 300,000 contacts from a `u64` seed.
//! Generation is cheap because almost nothing is materialised up front:
//!
//! * **Eagerly** (in `new`): a compact company table (name, unique domain, LinkedIn slug,
//!   ticker, size, industry, city), the contact-index prefix sums, and the domain, slug, ticker
//!   and normalised-name indexes.
//! * **Procedurally**: a full [`Company`] is a pure function of `(seed, index, table row)` and is
//!   built on every call; contact `i` is a pure function of `(seed, i)` and its company's row.
//!   Company `k` owns the contiguous contact indexes `starts[k]..starts[k + 1]`, so `contact(id)`
//!   is a binary search over 30,000 prefix sums (about 15 comparisons) plus the generation.
//! * **Lazily** (first use only, cached in a [`std::sync::OnceLock`]): the first+last name index
//!   used by [`IdentityGraph::contacts_by_name`] (a counting sort of all contacts by their
//!   first+last name word indexes, 1.5 MB) and the SHA-256 index used by
//!   [`IdentityGraph::contact_by_hashed_email`] (one SHA-256 per contact, 5 MB; about 0.3 s
//!   optimised, 2 s unoptimised).
//!
//! Lookups return **owned** values: each call materialises fresh `Company`/`Contact` structs
//! (microseconds optimised, tens of microseconds unoptimised). Callers that need them
//! repeatedly should keep them.
//!
//! # Determinism
//! All randomness comes from SplitMix64 streams keyed by `(seed, kind, index)` and uses only
//! integer arithmetic (`employee_growth_pct` is an integer number of tenths divided by ten), so a
//! seed gives byte-identical data on every run and platform.
//!
//! # Fixtures
//! Whatever the seed, company index 0 is Northwind (id 300000001, `northwind.io`) with contacts
//! 0..6 (Dana Lin is contact 0, id 1200000001), and company index 1 is Brightloom (id 300000002,
//! `brightloom.com`) with contacts 6..11 (Marco Reyes is contact 6, id 1200000007). No generated
//! company shares their names or domains, and no generated contact shares a fixture contact's
//! first+last name, so "Dana Lin" alone is a unique match.
//!
//! # Faults
//! About 2% of generated companies and contacts carry [`EntityFault::Transient`] and about 1%
//! [`EntityFault::Permanent`]. The graph only reports the fault; remembering that a transient
//! fault already fired once (and succeeding on the retry) is the caller's job.

mod fixtures;
mod generate;
mod index;
pub(crate) mod matching;
mod rng;
mod sha256;
mod words;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The seed the emulator uses unless told otherwise.
pub(crate) const DEFAULT_SEED: u64 = 0x5eed_2026;
/// The id of company index 0; company ids are `COMPANY_ID_BASE + index` (9 digits).
pub(crate) const COMPANY_ID_BASE: u64 = 300_000_001;
/// The id of contact index 0; contact ids are `CONTACT_ID_BASE + index` (10 digits).
pub(crate) const CONTACT_ID_BASE: u64 = 1_200_000_001;
/// How many companies the graph holds (fixtures included).
pub(crate) const COMPANY_COUNT: usize = 30_000;
/// The "today" of the synthetic data: news and funding are dated on or before it.
pub(crate) const AS_OF_DATE: &str = "2026-11-20";

/// Why enriching an entity fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(crate) enum EntityFault {
    /// Fails the first time it is enriched and succeeds when enriched again.
    Transient {
        /// One-line summary.
        summary: String,
        /// Longer explanation.
        description: String,
    },
    /// Always fails.
    Permanent {
        /// One-line summary.
        summary: String,
        /// Longer explanation.
        description: String,
    },
}

impl EntityFault {
    /// Whether enriching again can succeed.
    #[cfg(test)]
    pub(crate) const fn is_retryable(&self) -> bool {
        matches!(self, Self::Transient { .. })
    }

    /// The one-line summary.
    pub(crate) fn summary(&self) -> &str {
        match self {
            Self::Transient { summary, .. } | Self::Permanent { summary, .. } => summary,
        }
    }

    /// The longer explanation.
    pub(crate) fn description(&self) -> &str {
        match self {
            Self::Transient { description, .. } | Self::Permanent { description, .. } => {
                description
            }
        }
    }
}

/// A company's latest funding round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Funding {
    /// Round name ("Series C").
    pub(crate) round: String,
    /// Amount raised, in US dollars.
    pub(crate) amount_usd: u64,
    /// Announcement date, `YYYY-MM-DD`.
    pub(crate) date: String,
    /// Investors, lead first.
    pub(crate) investors: Vec<String>,
}

/// A dated news item about a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewsItem {
    /// `YYYY-MM-DD`.
    pub(crate) date: String,
    /// One of `product_launch`, `expansion`, `exec_hire`, `partnership`, `layoffs`,
    /// `acquisition`, `funding`, `award`.
    pub(crate) category: String,
    /// The headline, starting with the company name and without a final full stop.
    pub(crate) headline: String,
}

impl NewsItem {
    /// `"2026-09-14: Northwind opened a Denver office"`.
    pub(crate) fn line(&self) -> String {
        format!("{}: {}", self.date, self.headline)
    }
}

/// A company, with field names after ZoomInfo's Data API (serialised in camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Company {
    /// 9-digit ZoomInfo company id (`COMPANY_ID_BASE + index`).
    pub(crate) id: u64,
    /// Display name (may carry a legal suffix such as "Inc.").
    pub(crate) name: String,
    /// Primary domain, unique across the graph (`northwind.io`).
    pub(crate) domain: String,
    /// Website URL (`https://www.northwind.io`).
    pub(crate) website: String,
    /// Headquarters phone.
    pub(crate) phone: String,
    /// Headquarters street address.
    pub(crate) street: String,
    /// Headquarters city.
    pub(crate) city: String,
    /// Headquarters state or region, spelled out.
    pub(crate) state: String,
    /// Headquarters postal code.
    pub(crate) zip_code: String,
    /// Headquarters country.
    pub(crate) country: String,
    /// Metro area.
    pub(crate) metro_area: String,
    /// Primary industry.
    pub(crate) primary_industry: String,
    /// All industries, primary first.
    pub(crate) industries: Vec<String>,
    /// Sub-industry.
    pub(crate) sub_industry: String,
    /// Employees.
    pub(crate) employee_count: u32,
    /// Employee range ("201-500").
    pub(crate) employee_range: String,
    /// Annual revenue in US dollars.
    pub(crate) revenue_usd: u64,
    /// Revenue range ("$50M-$100M").
    pub(crate) revenue_range: String,
    /// Year founded.
    pub(crate) founded_year: u16,
    /// Stock ticker, for some large companies.
    pub(crate) ticker: Option<String>,
    /// One or two sentences.
    pub(crate) description: String,
    /// LinkedIn company page.
    pub(crate) linkedin_url: String,
    /// Technologies in use.
    pub(crate) technologies: Vec<String>,
    /// Latest funding round, if any.
    pub(crate) funding: Option<Funding>,
    /// Total funding raised, in US dollars (0 without funding).
    pub(crate) total_funding_usd: u64,
    /// Recent news, newest first.
    pub(crate) news: Vec<NewsItem>,
    /// Topics raised in recent sales conversations.
    pub(crate) conversation_signals: Vec<String>,
    /// Year-over-year headcount growth in percent (one decimal).
    pub(crate) employee_growth_pct: f64,
    /// Always "Active".
    pub(crate) company_status: String,
    /// Why enriching this company fails, if it does.
    pub(crate) enrichment_fault: Option<EntityFault>,
}

impl Company {
    /// The graph index behind this company's id.
    pub(crate) fn index(&self) -> usize {
        company_index(self.id).unwrap_or(usize::MAX)
    }

    /// The name without a legal suffix ("Harbor & Finch" for "Harbor & Finch, Inc.").
    pub(crate) fn short_name(&self) -> &str {
        short_company_name(&self.name)
    }

    /// "Seattle, WA" in the US and Canada, "London, United Kingdom" elsewhere.
    pub(crate) fn locality(&self) -> String {
        locality(&self.city, &self.state, &self.country)
    }
}

/// A contact, with field names after ZoomInfo's Data API (serialised in camelCase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Contact {
    /// 10-digit ZoomInfo contact id (`CONTACT_ID_BASE + index`).
    pub(crate) id: u64,
    /// The employer's company id.
    pub(crate) company_id: u64,
    /// Given name.
    pub(crate) first_name: String,
    /// Middle name, for some.
    pub(crate) middle_name: Option<String>,
    /// Family name.
    pub(crate) last_name: String,
    /// Work email, lowercase and unique across the graph.
    pub(crate) email: String,
    /// Job title.
    pub(crate) job_title: String,
    /// One of [`MANAGEMENT_LEVELS`].
    pub(crate) management_level: String,
    /// Department.
    pub(crate) department: String,
    /// Job function.
    pub(crate) job_function: String,
    /// Direct phone.
    pub(crate) direct_phone: String,
    /// Mobile phone, for some.
    pub(crate) mobile_phone: Option<String>,
    /// City.
    pub(crate) city: String,
    /// State or region.
    pub(crate) state: String,
    /// Country.
    pub(crate) country: String,
    /// LinkedIn profile.
    pub(crate) linkedin_url: String,
    /// ZoomInfo accuracy score, 70..=99.
    pub(crate) contact_accuracy_score: u8,
    /// Years in the current role.
    pub(crate) years_in_role: u8,
    /// Why enriching this contact fails, if it does.
    pub(crate) enrichment_fault: Option<EntityFault>,
}

impl Contact {
    /// The graph index behind this contact's id.
    pub(crate) fn index(&self) -> usize {
        contact_index(self.id).unwrap_or(usize::MAX)
    }

    /// "Dana Lin".
    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// "Seattle, WA" in the US and Canada, "London, United Kingdom" elsewhere.
    pub(crate) fn locality(&self) -> String {
        locality(&self.city, &self.state, &self.country)
    }
}

/// ZoomInfo's management levels, most senior first.
#[cfg(test)]
pub(crate) const MANAGEMENT_LEVELS: &[&str] = words::MANAGEMENT_LEVELS;

/// Industry-wide figures the generator works from, usable as benchmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct IndustryBenchmark {
    /// Typical revenue per employee, in US dollars.
    pub(crate) revenue_per_employee_usd: u64,
    /// Typical year-over-year headcount growth, in percent.
    pub(crate) median_growth_pct: f64,
    /// Whether the industry is technology-centric.
    pub(crate) technology_centric: bool,
}

/// The benchmark for a primary industry name, if the graph knows it.
pub(crate) fn industry_benchmark(primary_industry: &str) -> Option<IndustryBenchmark> {
    words::INDUSTRIES
        .iter()
        .find(|i| i.name.eq_ignore_ascii_case(primary_industry))
        .map(|i| IndustryBenchmark {
            revenue_per_employee_usd: i.revenue_per_employee_k * 1000,
            median_growth_pct: i.growth_median_tenths as f64 / 10.0,
            technology_centric: i.tech,
        })
}

/// The technology names the graph uses (for recognising them in prompts).
pub(crate) fn technology_names() -> Vec<&'static str> {
    words::TECHNOLOGIES.iter().map(|t| t.name).collect()
}

/// The share of graph companies (in percent, 0..=99) with fewer employees than `count`.
pub(crate) fn employee_percentile(count: u32) -> u32 {
    generate::employee_percentile(count)
}

/// The company id for a graph index.
pub(crate) const fn company_id(index: usize) -> u64 {
    COMPANY_ID_BASE + index as u64
}

/// The graph index for a company id, if it is in the id range (not necessarily in the graph).
pub(crate) fn company_index(id: u64) -> Option<usize> {
    id.checked_sub(COMPANY_ID_BASE)
        .filter(|i| *i < 100_000_000)
        .map(|i| i as usize)
}

/// The contact id for a graph index.
pub(crate) const fn contact_id(index: usize) -> u64 {
    CONTACT_ID_BASE + index as u64
}

/// The graph index for a contact id, if it is in the id range (not necessarily in the graph).
pub(crate) fn contact_index(id: u64) -> Option<usize> {
    id.checked_sub(CONTACT_ID_BASE)
        .filter(|i| *i < 1_000_000_000)
        .map(|i| i as usize)
}

/// Legal-form words dropped at the end of company names when comparing them.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "gmbh",
    "co",
    "limited",
    "incorporated",
    "plc",
];

/// The name without trailing legal suffixes: "Harbor & Finch, Inc." becomes "Harbor & Finch".
pub(crate) fn short_company_name(name: &str) -> &str {
    let is_trailing = |c: char| c == ',' || c == '.' || c.is_ascii_whitespace();
    let mut rest = name.trim();
    loop {
        let trimmed = rest.trim_end_matches(is_trailing);
        let Some(split) = trimmed.bytes().rposition(|b| b.is_ascii_whitespace()) else {
            return trimmed;
        };
        let last = trimmed[split + 1..].trim_end_matches('.');
        if LEGAL_SUFFIXES.iter().any(|l| l.eq_ignore_ascii_case(last)) {
            rest = trimmed[..split].trim_end_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        } else {
            return trimmed;
        }
    }
}

/// Normalises a company name for comparison: case, punctuation and whitespace are ignored,
/// `&` equals "and", and trailing legal suffixes (Inc, LLC, Ltd, Corp, Corporation, GmbH, Co,
/// Limited, Incorporated, PLC) are dropped. "Harbor & Finch, Inc." gives "harborandfinch".
pub(crate) fn normalize_company_name(name: &str) -> String {
    // Tokens are ASCII-alphanumeric byte runs of the input (so slicing stays on character
    // boundaries), plus "and" for each '&'. Bytes, not chars: this runs 30,000 times at startup.
    let bytes = name.as_bytes();
    let mut tokens: Vec<&[u8]> = Vec::with_capacity(6);
    let mut start = None;
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            tokens.push(&bytes[s..i]);
        }
        if *b == b'&' {
            tokens.push(b"and");
        }
    }
    if let Some(s) = start {
        tokens.push(&bytes[s..]);
    }
    while tokens.len() > 1
        && tokens.last().is_some_and(|t| {
            LEGAL_SUFFIXES
                .iter()
                .any(|l| l.as_bytes().eq_ignore_ascii_case(t))
        })
    {
        tokens.pop();
    }
    let mut out = Vec::with_capacity(name.len() + 2);
    for t in tokens {
        out.extend(t.iter().map(u8::to_ascii_lowercase));
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Normalises a person name part: lowercase ASCII letters and digits only ("O'Brien" gives
/// "obrien").
pub(crate) fn normalize_person_name(name: &str) -> String {
    let bytes: Vec<u8> = name
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Extracts a bare lowercase host from a domain, URL, `host:port` or email address:
/// `https://www.Northwind.io/about`, `www.northwind.io:443` and `dana@northwind.io` all give
/// "northwind.io". Returns `None` when nothing host-like remains.
pub(crate) fn normalize_domain(input: &str) -> Option<String> {
    let mut s = input.trim().to_ascii_lowercase();
    if let Some(pos) = s.find("://") {
        s = s[pos + 3..].to_owned();
    } else if let Some(rest) = s.strip_prefix("mailto:") {
        s = rest.to_owned();
    }
    let end = s.find(['/', '?', '#']).unwrap_or(s.len());
    s.truncate(end);
    if let Some(at) = s.rfind('@') {
        s = s[at + 1..].to_owned();
    }
    if let Some(colon) = s.find(':') {
        s.truncate(colon);
    }
    let s = s.trim_matches('.');
    let s = s.strip_prefix("www.").unwrap_or(s);
    let valid = !s.is_empty()
        && s.contains('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| s.to_owned())
}

/// "Seattle, WA" for the US and Canada, "London, United Kingdom" elsewhere.
pub(crate) fn locality(city: &str, state: &str, country: &str) -> String {
    if country == "United States" || country == "Canada" {
        let code = words::CITIES
            .iter()
            .find(|c| c.state == state && c.country == country)
            .map_or(state, |c| c.state_code);
        format!("{city}, {code}")
    } else {
        format!("{city}, {country}")
    }
}

/// "August 2026" for "2026-08-12"; the input unchanged when it is not a date.
pub(crate) fn month_year(date: &str) -> String {
    let mut parts = date.split('-');
    let (Some(y), Some(m)) = (parts.next(), parts.next()) else {
        return date.to_owned();
    };
    match m.parse::<usize>() {
        Ok(m @ 1..=12) => format!("{} {y}", words::MONTHS[m - 1]),
        _ => date.to_owned(),
    }
}

/// One row of the eager company table.
#[derive(Debug, Clone)]
struct CompanyCore {
    /// Display name.
    name: String,
    /// Unique domain.
    domain: String,
    /// Unique LinkedIn company slug.
    slug: String,
    /// Unique ticker, for some large companies.
    ticker: Option<String>,
    /// Employees.
    employees: u32,
    /// Index into `words::INDUSTRIES`.
    industry: u16,
    /// Index into `words::CITIES`.
    city: u16,
    /// Email pattern (see `generate::email_local`).
    email_pattern: u8,
    /// Offset of the company's last-name permutation.
    last_offset: u16,
    /// Stride of the company's last-name permutation (coprime with the list length).
    last_stride: u16,
}

/// The synthetic identity graph. See the module documentation.
pub(crate) struct IdentityGraph {
    /// The seed.
    seed: u64,
    /// The eager company table.
    cores: Vec<CompanyCore>,
    /// Contact-index prefix sums: company `k` owns `starts[k]..starts[k + 1]`.
    starts: Vec<u32>,
    /// `fnv1a(domain)` to company index (verified against the table on lookup).
    by_domain: index::KeyIndex,
    /// `fnv1a(LinkedIn slug)` to company index (verified against the table on lookup).
    by_slug: index::KeyIndex,
    /// Ticker to company index.
    by_ticker: HashMap<Box<str>, u32>,
    /// `fnv1a(normalised name)` to the first company index with that name.
    by_name: index::KeyIndex,
    /// The next company index with the same name hash (`u32::MAX` ends the chain).
    name_chain: Vec<u32>,
    /// Normalised first name to `words::FIRST_NAMES` index.
    first_names: HashMap<Box<str>, u16>,
    /// Normalised last name to `words::LAST_NAMES` index.
    last_names: HashMap<Box<str>, u16>,
    /// Fixture contacts' `(first, last)` word indexes, never generated again.
    reserved_names: Vec<(u16, u16)>,
    /// Mask for contact LinkedIn tokens.
    linkedin_mask: u32,
    /// Lazy: generated contacts grouped by first+last name (see `generate::NameIndex`).
    contact_names: OnceLock<generate::NameIndex>,
    /// Lazy: `(first 8 bytes of SHA-256(email), contact index)` for all contacts, sorted.
    hashed_emails: OnceLock<Vec<(u64, u32)>>,
}

impl fmt::Debug for IdentityGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityGraph")
            .field("seed", &self.seed)
            .field("companies", &self.company_count())
            .field("contacts", &self.contact_count())
            .finish_non_exhaustive()
    }
}

impl IdentityGraph {
    /// Builds the graph for `seed` (about 30,000 companies and 300,000 contacts).
    pub(crate) fn new(seed: u64) -> Self {
        generate::build(seed)
    }

    /// How many companies the graph holds.
    pub(crate) const fn company_count(&self) -> usize {
        self.cores.len()
    }

    /// How many contacts the graph holds.
    pub(crate) fn contact_count(&self) -> usize {
        self.starts.last().map_or(0, |n| *n as usize)
    }

    /// The company with this ZoomInfo company id.
    pub(crate) fn company(&self, id: u64) -> Option<Company> {
        self.company_at(company_index(id)?)
    }

    /// The company at a graph index (`0..company_count()`).
    pub(crate) fn company_at(&self, index: usize) -> Option<Company> {
        (index < self.cores.len()).then(|| generate::company(self, index))
    }

    /// The contact with this ZoomInfo contact id.
    pub(crate) fn contact(&self, id: u64) -> Option<Contact> {
        self.contact_at(contact_index(id)?)
    }

    /// The contact at a graph index (`0..contact_count()`).
    pub(crate) fn contact_at(&self, index: usize) -> Option<Contact> {
        (index < self.contact_count()).then(|| generate::contact(self, index))
    }

    /// The company owning a domain. Accepts bare domains, URLs, `host:port` and email
    /// addresses; unknown subdomains fall back to their parent ("app.northwind.io").
    #[cfg(test)]
    pub(crate) fn company_by_domain(&self, input: &str) -> Option<Company> {
        self.company_index_by_domain(input)
            .and_then(|i| self.company_at(i))
    }

    /// Index form of [`Self::company_by_domain`].
    fn company_index_by_domain(&self, input: &str) -> Option<usize> {
        let host = normalize_domain(input)?;
        let mut candidate = host.as_str();
        loop {
            if let Some(i) = self.index_by_domain(candidate) {
                return Some(i);
            }
            let (_, parent) = candidate.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            candidate = parent;
        }
    }

    /// The company index owning exactly this domain.
    fn index_by_domain(&self, domain: &str) -> Option<usize> {
        let i = self.by_domain.get(rng::fnv1a(domain.as_bytes()))? as usize;
        (self.cores.get(i)?.domain == domain).then_some(i)
    }

    /// Companies whose normalised name equals the normalised input (see
    /// [`normalize_company_name`]), in index order.
    #[cfg(test)]
    pub(crate) fn companies_by_name(&self, name: &str) -> Vec<Company> {
        self.company_indexes_by_name(name)
            .into_iter()
            .filter_map(|i| self.company_at(i))
            .collect()
    }

    /// Index form of [`Self::companies_by_name`].
    fn company_indexes_by_name(&self, name: &str) -> Vec<usize> {
        let key = normalize_company_name(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut next = self.by_name.get(rng::fnv1a(key.as_bytes()));
        while let Some(i) = next.filter(|i| *i != u32::MAX).map(|i| i as usize) {
            if self
                .cores
                .get(i)
                .is_some_and(|c| normalize_company_name(&c.name) == key)
            {
                out.push(i);
            }
            next = self.name_chain.get(i).copied();
        }
        out
    }

    /// The company with this LinkedIn company URL (or bare slug).
    pub(crate) fn company_by_linkedin_url(&self, url: &str) -> Option<Company> {
        let lower = url.trim().to_ascii_lowercase();
        let slug = match lower.find("/company/") {
            Some(pos) => &lower[pos + "/company/".len()..],
            None if !lower.contains('/') => lower.as_str(),
            None => return None,
        };
        let slug = slug.split(['/', '?', '#']).next().unwrap_or_default();
        let i = self.by_slug.get(rng::fnv1a(slug.as_bytes()))? as usize;
        (self.cores.get(i)?.slug == slug)
            .then(|| self.company_at(i))
            .flatten()
    }

    /// The company with this ticker ("NWND", "nasdaq:nwnd").
    pub(crate) fn company_by_ticker(&self, ticker: &str) -> Option<Company> {
        let upper = ticker.trim().to_ascii_uppercase();
        let bare = upper.rsplit(':').next().unwrap_or_default().trim();
        self.by_ticker
            .get(bare)
            .and_then(|i| self.company_at(*i as usize))
    }

    /// The contact with this email (case-insensitive): the domain resolves the company, then
    /// only that company's contacts are searched.
    pub(crate) fn contact_by_email(&self, email: &str) -> Option<Contact> {
        let email = email
            .trim()
            .trim_start_matches("mailto:")
            .to_ascii_lowercase();
        let (_, domain) = email.rsplit_once('@')?;
        let company = self.company_index_by_domain(domain)?;
        let range = self.contact_range(company);
        range
            .clone()
            .find(|i| generate::email(self, *i) == email)
            .map(|i| generate::contact(self, i))
    }

    /// The contact whose lowercase email has this SHA-256 (64 hex digits, any case). Builds the
    /// hashed-email index on first use.
    pub(crate) fn contact_by_hashed_email(&self, hex: &str) -> Option<Contact> {
        let digest = sha256::parse_hex(hex.trim())?;
        let key = sha256::key(&digest);
        let index = self
            .hashed_emails
            .get_or_init(|| generate::hashed_email_index(self));
        let start = index.partition_point(|(k, _)| *k < key);
        index[start..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .map(|(_, i)| *i as usize)
            .find(|i| sha256::digest(generate::email(self, *i).as_bytes()) == digest)
            .map(|i| generate::contact(self, i))
    }

    /// The contact with this LinkedIn profile URL.
    pub(crate) fn contact_by_linkedin_url(&self, url: &str) -> Option<Contact> {
        let index = generate::contact_index_from_linkedin(self, url)?;
        let contact = self.contact_at(index)?;
        let wanted = url.trim().to_ascii_lowercase();
        let wanted = wanted.trim_end_matches('/');
        let profile = |u: &str| u.rsplit("/in/").next().map(str::to_owned);
        (profile(wanted) == profile(&contact.linkedin_url)).then_some(contact)
    }

    /// Contacts with this first and last name (normalised as [`normalize_person_name`]), in
    /// index order. Builds the name index on first use.
    #[cfg(test)]
    pub(crate) fn contacts_by_name(&self, first: &str, last: &str) -> Vec<Contact> {
        self.contact_indexes_by_name(first, last)
            .into_iter()
            .map(|i| generate::contact(self, i))
            .collect()
    }

    /// Index form of [`Self::contacts_by_name`].
    fn contact_indexes_by_name(&self, first: &str, last: &str) -> Vec<usize> {
        let (first, last) = (normalize_person_name(first), normalize_person_name(last));
        if first.is_empty() || last.is_empty() {
            return Vec::new();
        }
        let mut out = fixtures::contact_indexes_by_name(&first, &last);
        if let (Some(f), Some(l)) = (
            self.first_names.get(first.as_str()),
            self.last_names.get(last.as_str()),
        ) {
            let index = self
                .contact_names
                .get_or_init(|| generate::name_index(self));
            out.extend(index.get(*f, *l).iter().map(|i| *i as usize));
        }
        out
    }

    /// All contacts of a company, in index order (empty for an unknown id).
    pub(crate) fn contacts_of(&self, company_id: u64) -> Vec<Contact> {
        company_index(company_id)
            .filter(|i| *i < self.cores.len())
            .map(|c| {
                self.contact_range(c)
                    .map(|i| generate::contact(self, i))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The contact indexes a company owns.
    fn contact_range(&self, company: usize) -> std::ops::Range<usize> {
        match (self.starts.get(company), self.starts.get(company + 1)) {
            (Some(a), Some(b)) => *a as usize..*b as usize,
            _ => 0..0,
        }
    }

    /// The company index owning a contact index (which must be below `contact_count()`).
    fn company_of_contact(&self, contact: usize) -> usize {
        self.starts
            .partition_point(|s| *s as usize <= contact)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests;

/// Whether a company id is one of the fixtures (Northwind, Brightloom), whose data the user
/// guide's walkthrough relies on: the emulator never lets them fail enrichment.
pub(crate) fn is_fixture_company(id: u64) -> bool {
    company_index(id).is_some_and(|i| i < fixtures::CORES.len())
}
