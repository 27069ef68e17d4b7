//! Building the eager company table and materialising companies and contacts on demand.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::index::KeyIndex;
use super::rng::{Rng, cumulative_weights, fnv1a, hash3, kind};
use super::words::{self, CITIES, DEPARTMENTS, FIRST_NAMES, INDUSTRIES, LAST_NAMES};
use super::{
    COMPANY_COUNT, Company, CompanyCore, Contact, EntityFault, Funding, IdentityGraph, NewsItem,
    company_id, contact_id, fixtures, normalize_company_name, normalize_person_name, sha256,
    short_company_name,
};

/// Employee-count buckets: `(low, high, weight per mille)`. Heavy-tailed: most companies small.
const EMPLOYEE_BUCKETS: &[(u32, u32, u32)] = &[
    (1, 10, 250),
    (11, 50, 300),
    (51, 200, 220),
    (201, 500, 100),
    (501, 1_000, 60),
    (1_001, 5_000, 45),
    (5_001, 10_000, 15),
    (10_001, 50_000, 8),
    (50_001, 250_000, 2),
];

/// Contacts per company, by employee bucket: `(min, max)` (averages about 10).
const CONTACTS_PER_BUCKET: &[(u64, u64)] = &[
    (1, 3),
    (2, 6),
    (4, 12),
    (8, 20),
    (12, 30),
    (20, 60),
    (40, 100),
    (80, 180),
    (150, 240),
];

/// Email local-part patterns and their weights: every pattern contains the full last name,
/// which is unique within a company, so emails are unique.
const EMAIL_PATTERN_WEIGHTS: &[u32] = &[45, 25, 8, 7, 5, 10];

/// Multiplier of the contact LinkedIn token permutation (odd, so invertible modulo 2^24).
const TOKEN_MULTIPLIER: u32 = 0x9e_3779;
/// Mask of 24 bits.
const MASK24: u32 = 0xff_ffff;

/// Stream kind for contact first names (separate so the name index stays cheap).
const CONTACT_NAME_KIND: u64 = 13;

/// Cumulative weight tables, computed once per process.
struct Tables {
    /// Industries.
    industries: Vec<u32>,
    /// Cities.
    cities: Vec<u32>,
    /// Employee buckets.
    buckets: Vec<u32>,
    /// Departments.
    departments: Vec<u32>,
}

/// The process-wide weight tables.
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        industries: cumulative_weights(INDUSTRIES, |i| i.weight),
        cities: cumulative_weights(CITIES, |c| c.weight),
        buckets: cumulative_weights(EMPLOYEE_BUCKETS, |b| b.2),
        departments: cumulative_weights(DEPARTMENTS, |d| d.weight),
    })
}

/// The share of companies (percent, 0..=99) with fewer employees than `count`.
pub(crate) fn employee_percentile(count: u32) -> u32 {
    let mut below = 0u64;
    for &(lo, hi, w) in EMPLOYEE_BUCKETS {
        if count > hi {
            below += u64::from(w);
        } else {
            if count >= lo {
                below += u64::from(w) * u64::from(count - lo) / u64::from(hi - lo + 1);
            }
            break;
        }
    }
    (below / 10).min(99) as u32
}

/// The bucket index of an employee count.
fn bucket(employees: u32) -> usize {
    EMPLOYEE_BUCKETS
        .iter()
        .position(|(_, hi, _)| employees <= *hi)
        .unwrap_or(EMPLOYEE_BUCKETS.len() - 1)
}

/// "51-200" style ranges.
fn employee_range(employees: u32) -> &'static str {
    match employees {
        0..=10 => "1-10",
        11..=50 => "11-50",
        51..=200 => "51-200",
        201..=500 => "201-500",
        501..=1_000 => "501-1,000",
        1_001..=5_000 => "1,001-5,000",
        5_001..=10_000 => "5,001-10,000",
        _ => "10,001+",
    }
}

/// "$10M-$25M" style ranges.
fn revenue_range(revenue: u64) -> &'static str {
    const M: u64 = 1_000_000;
    match revenue {
        r if r < M => "Under $1M",
        r if r < 5 * M => "$1M-$5M",
        r if r < 10 * M => "$5M-$10M",
        r if r < 25 * M => "$10M-$25M",
        r if r < 50 * M => "$25M-$50M",
        r if r < 100 * M => "$50M-$100M",
        r if r < 250 * M => "$100M-$250M",
        r if r < 500 * M => "$250M-$500M",
        r if r < 1_000 * M => "$500M-$1B",
        r if r < 5_000 * M => "$1B-$5B",
        _ => "$5B+",
    }
}

/// Rounds to three significant digits.
fn round_significant(value: u64) -> u64 {
    let mut unit = 1u64;
    while value / unit >= 1_000 {
        unit *= 10;
    }
    (value + unit / 2) / unit * unit
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number (Howard Hinnant's algorithm).
fn format_day(z: i64) -> String {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The graph's "today" (`AS_OF_DATE`) as a day number.
const AS_OF_DAY: i64 = days_from_civil(2026, 11, 20);
/// The graph's current year.
const AS_OF_YEAR: u64 = 2026;
/// The earliest news date.
const NEWS_START_DAY: i64 = days_from_civil(2025, 6, 1);

/// Greatest common divisor.
const fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// `s` with its first letter capitalised.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Lowercase ASCII letters and digits of `s`.
fn alnum(s: &str) -> String {
    normalize_person_name(s)
}

/// A generated company name and the domain stems derived from it.
struct GeneratedName {
    /// Display name.
    display: String,
    /// Domain stems, preferred first.
    stems: Vec<String>,
}

/// Draws a company name for an industry, in the style of the fixtures ("Northwind",
/// "Cobalt Ridge Analytics", "Harbor & Finch").
fn company_name(r: &mut Rng, industry: &words::Industry, country: &str) -> GeneratedName {
    let prefix = r.pick(words::NAME_PREFIXES);
    let mut suffix = r.pick(words::NAME_SUFFIXES);
    if prefix.eq_ignore_ascii_case(suffix) {
        suffix = "field";
    }
    let descriptor = r.pick(industry.descriptors);
    let (mut display, stems) = match r.below(100) {
        0..35 => (cat(&[prefix, suffix]), vec![stem(&[prefix, suffix])]),
        35..58 => (
            cat(&[prefix, " ", &capitalize(suffix), " ", descriptor]),
            vec![stem(&[prefix, suffix]), stem(&[prefix, suffix, descriptor])],
        ),
        58..72 => (
            cat(&[prefix, suffix, " ", descriptor]),
            vec![stem(&[prefix, suffix]), stem(&[prefix, suffix, descriptor])],
        ),
        72..84 => {
            let partnerish = matches!(
                industry.name,
                "Law Firms & Legal Services"
                    | "Financial Services"
                    | "Business Services"
                    | "Architecture & Engineering"
                    | "Real Estate"
            );
            let (a, b) = if partnerish {
                (r.pick(LAST_NAMES), r.pick(LAST_NAMES))
            } else {
                (
                    r.pick(words::AMPERSAND_NOUNS),
                    r.pick(words::AMPERSAND_NOUNS),
                )
            };
            let b = if a == b { "Finch" } else { b };
            (
                cat(&[a, " & ", b]),
                vec![stem(&[a, b]), stem(&[a, "and", b])],
            )
        }
        84..94 => (
            cat(&[prefix, " ", descriptor]),
            vec![
                stem(&[prefix, descriptor]),
                stem(&[prefix, descriptor, "hq"]),
            ],
        ),
        _ => {
            let last = r.pick(LAST_NAMES);
            (
                cat(&[last, " ", descriptor]),
                vec![stem(&[last, descriptor])],
            )
        }
    };
    if r.chance(90) {
        display.push_str(match country {
            "United States" => r.pick(&[" Inc.", ", Inc.", " LLC", " Corp", " Corporation", " Co"]),
            "Germany" | "Switzerland" => " GmbH",
            _ => " Ltd",
        });
    }
    GeneratedName { display, stems }
}

/// The concatenation of `parts` (cheaper than `format!` in unoptimised builds).
fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The lowercase ASCII letters and digits of the concatenated `parts`: a domain stem.
fn stem(parts: &[&str]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(32);
    for p in parts {
        out.extend(
            p.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Picks the first free domain for a name.
fn unique_domain(
    r: &mut Rng,
    stems: &[String],
    tech: bool,
    city: &str,
    index: usize,
    taken: &KeyIndex,
) -> String {
    let primary = if tech {
        ["io", "com", "ai", "co"][r.weighted(&[35u32, 40, 15, 10], |w| *w)]
    } else {
        ["com", "net", "co"][r.weighted(&[80u32, 10, 10], |w| *w)]
    };
    let free = |d: &str| !taken.contains(fnv1a(d.as_bytes()));
    for stem in stems {
        let d = cat(&[stem, ".", primary]);
        if free(&d) {
            return d;
        }
    }
    for tld in ["com", "io", "co", "net", "ai"] {
        for stem in stems {
            let d = cat(&[stem, ".", tld]);
            if free(&d) {
                return d;
            }
        }
    }
    let stem = stems.first().map_or("company", String::as_str);
    for d in [
        format!("get{stem}.{primary}"),
        format!("try{stem}.com"),
        format!("{stem}hq.com"),
        format!("{stem}{}.com", alnum(city)),
    ] {
        if free(&d) {
            return d;
        }
    }
    format!("{stem}{index}.com")
}

/// The LinkedIn slug of a name: lowercase alphanumeric words joined by hyphens.
fn slug_of(name: &str) -> String {
    let mut slug: Vec<u8> = Vec::with_capacity(name.len());
    for b in short_company_name(name).bytes() {
        if b.is_ascii_alphanumeric() {
            slug.push(b.to_ascii_lowercase());
        } else if slug.last().is_some_and(|last| *last != b'-') {
            slug.push(b'-');
        }
    }
    while slug.last() == Some(&b'-') {
        slug.pop();
    }
    String::from_utf8(slug).unwrap_or_default()
}

/// Builds the graph for a seed.
pub(crate) fn build(seed: u64) -> IdentityGraph {
    let n = COMPANY_COUNT;
    let t = tables();
    let mut cores = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n + 1);
    starts.push(0u32);
    let mut by_domain = KeyIndex::with_capacity(n);
    let mut by_slug = KeyIndex::with_capacity(n);
    let mut by_ticker: HashMap<Box<str>, u32> = HashMap::new();
    let mut by_name = KeyIndex::with_capacity(n);
    let mut name_chain: Vec<u32> = vec![u32::MAX; n];
    let mut add_name = |normalized: &str, i: usize| {
        if let Some(previous) = by_name.insert(fnv1a(normalized.as_bytes()), i as u32) {
            name_chain[i] = previous;
        }
    };
    let mut total = 0u32;

    for (i, f) in fixtures::CORES.iter().enumerate() {
        by_domain.insert(fnv1a(f.domain.as_bytes()), i as u32);
        by_slug.insert(fnv1a(f.slug.as_bytes()), i as u32);
        add_name(&normalize_company_name(f.name), i);
        cores.push(CompanyCore {
            name: f.name.to_owned(),
            domain: f.domain.to_owned(),
            slug: f.slug.to_owned(),
            ticker: None,
            employees: f.employees,
            industry: f.industry,
            city: f.city,
            email_pattern: 0,
            last_offset: 0,
            last_stride: 1,
        });
        total += f.contacts;
        starts.push(total);
    }
    let reserved: Vec<String> = fixtures::CORES
        .iter()
        .map(|f| normalize_company_name(f.name))
        .collect();
    let last_len = LAST_NAMES.len() as u64;

    for i in fixtures::CORES.len()..n {
        let mut r = Rng::new(seed, kind::COMPANY_CORE, i as u64);
        let industry_index = r.cumulative(&t.industries);
        let industry = &INDUSTRIES[industry_index];
        let city_index = r.cumulative(&t.cities);
        let city = &CITIES[city_index];
        let (lo, hi, _) = EMPLOYEE_BUCKETS[r.cumulative(&t.buckets)];
        let upper = r.range(u64::from(lo), u64::from(hi));
        let employees = r.range(u64::from(lo), upper) as u32;
        let (name, normalized) = loop {
            let name = company_name(&mut r, industry, city.country);
            let normalized = normalize_company_name(&name.display);
            if !reserved.contains(&normalized) {
                break (name, normalized);
            }
        };
        add_name(&normalized, i);
        let domain = unique_domain(&mut r, &name.stems, industry.tech, city.name, i, &by_domain);
        by_domain.insert(fnv1a(domain.as_bytes()), i as u32);

        let mut slug = slug_of(&name.display);
        if by_slug.contains(fnv1a(slug.as_bytes())) {
            slug = format!("{slug}-{}", alnum(city.name));
        }
        if by_slug.contains(fnv1a(slug.as_bytes())) {
            slug = format!("{slug}-{i}");
        }
        by_slug.insert(fnv1a(slug.as_bytes()), i as u32);

        let ticker =
            if (employees >= 5_000 && r.chance(550)) || (employees >= 1_500 && r.chance(80)) {
                let t = ticker_for(seed, i, &slug, &by_ticker);
                by_ticker.insert(t.as_str().into(), i as u32);
                Some(t)
            } else {
                None
            };

        let (cmin, cmax) = CONTACTS_PER_BUCKET[bucket(employees)];
        let contacts = r.range(cmin, cmax).min(last_len) as u32;
        let email_pattern = r.weighted(EMAIL_PATTERN_WEIGHTS, |w| *w) as u8;
        let mut p = Rng::new(seed, kind::LAST_NAME_PERMUTATION, i as u64);
        let last_offset = p.below(last_len) as u16;
        let mut stride = p.range(1, last_len - 1);
        while gcd(stride, last_len) != 1 {
            stride = stride % (last_len - 1) + 1;
        }
        cores.push(CompanyCore {
            name: name.display,
            domain,
            slug,
            ticker,
            employees,
            industry: industry_index as u16,
            city: city_index as u16,
            email_pattern,
            last_offset,
            last_stride: stride as u16,
        });
        total += contacts;
        starts.push(total);
    }

    let first_names: HashMap<Box<str>, u16> = FIRST_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (alnum(n).into_boxed_str(), i as u16))
        .collect();
    let last_names: HashMap<Box<str>, u16> = LAST_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (alnum(n).into_boxed_str(), i as u16))
        .collect();
    let reserved_names = fixtures::names()
        .filter_map(|(f, l)| {
            Some((
                *first_names.get(alnum(f).as_str())?,
                *last_names.get(alnum(l).as_str())?,
            ))
        })
        .collect();

    IdentityGraph {
        seed,
        cores,
        starts,
        by_domain,
        by_slug,
        by_ticker,
        by_name,
        name_chain,
        first_names,
        last_names,
        reserved_names,
        linkedin_mask: (hash3(seed, kind::LINKEDIN_MASK, 0) as u32) & MASK24,
        contact_names: OnceLock::new(),
        hashed_emails: OnceLock::new(),
    }
}

/// A unique 3-4 letter ticker derived from the name's words.
fn ticker_for(seed: u64, index: usize, slug: &str, taken: &HashMap<Box<str>, u32>) -> String {
    let words: Vec<&str> = slug
        .split('-')
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    let letters: String = if words.len() >= 3 {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .take(4)
            .collect()
    } else {
        let joined: String = words.concat();
        let mut chars = joined.chars();
        let first: String = chars.next().into_iter().collect();
        first
            + &chars
                .filter(|c| !"aeiou".contains(*c))
                .take(3)
                .collect::<String>()
    };
    let base = letters.to_ascii_uppercase();
    if base.len() >= 2 && !taken.contains_key(base.as_str()) {
        return base;
    }
    let mut r = Rng::new(seed, kind::TICKER, index as u64);
    loop {
        let t: String = base
            .chars()
            .take(2)
            .chain((0..2).map(|_| char::from(b'A' + r.below(26) as u8)))
            .collect();
        if !taken.contains_key(t.as_str()) {
            return t;
        }
    }
}

/// The industry of a company row.
fn industry_of(core: &CompanyCore) -> &'static words::Industry {
    &INDUSTRIES[usize::from(core.industry) % INDUSTRIES.len()]
}

/// The city of a company row.
fn city_of(core: &CompanyCore) -> &'static words::City {
    &CITIES[usize::from(core.city) % CITIES.len()]
}

/// The enrichment fault of an entity: about 2% transient, 1% permanent.
fn fault(seed: u64, stream: u64, index: usize) -> Option<EntityFault> {
    let h = hash3(seed, stream, index as u64);
    let roll = h % 1000;
    let pick = ((h >> 32) % 3) as usize;
    if roll < 20 {
        let (s, d) = words::TRANSIENT_FAULTS[pick % words::TRANSIENT_FAULTS.len()];
        Some(EntityFault::Transient {
            summary: s.to_owned(),
            description: d.to_owned(),
        })
    } else if roll < 30 {
        let (s, d) = words::PERMANENT_FAULTS[pick % words::PERMANENT_FAULTS.len()];
        Some(EntityFault::Permanent {
            summary: s.to_owned(),
            description: d.to_owned(),
        })
    } else {
        None
    }
}

/// Materialises company `index` (must be below `company_count()`).
pub(crate) fn company(g: &IdentityGraph, index: usize) -> Company {
    if index < fixtures::CORES.len() {
        return fixtures::company(index);
    }
    let core = &g.cores[index];
    let industry = industry_of(core);
    let city = city_of(core);
    let short = short_company_name(&core.name).to_owned();
    let mut r = Rng::new(g.seed, kind::COMPANY_DETAIL, index as u64);

    let sub = r.pick(industry.subs).to_owned();
    let mut industries = vec![industry.name.to_owned(), sub.clone()];
    if r.chance(200) {
        let other = INDUSTRIES[r.index(INDUSTRIES.len())].name;
        if other != industry.name {
            industries.push(other.to_owned());
        }
    }
    let phone = r.fill(city.phone);
    let mut street = format!(
        "{} {} {}",
        r.range(10, 9_899),
        r.pick(words::STREET_NAMES),
        r.pick(words::STREET_TYPES)
    );
    if r.chance(300) {
        street = format!("{street}, Suite {}", r.range(1, 19) * 100);
    }
    let zip_code = r.fill(city.zip);
    let employees = core.employees;
    let revenue = round_significant(
        u64::from(employees) * industry.revenue_per_employee_k * r.range(60, 160) * 10,
    );
    let b = bucket(employees);
    let age = match b {
        0 | 1 => r.range(1, 20),
        2 | 3 => r.range(3, 35),
        4 | 5 => r.range(8, 60),
        _ => r.range(20, 120),
    };
    let age = if industry.tech && b < 6 {
        age.min(30)
    } else {
        age
    };
    let founded_year = (AS_OF_YEAR - age) as u16;
    let young_bonus = if age < 8 { 60 } else { 0 };
    let growth_tenths = (industry.growth_median_tenths + young_bonus + r.range(0, 360) as i64
        - 160)
        .clamp(-250, 900);
    let offering = r.pick(industry.offerings);
    let customers = r.pick(industry.customers);
    let locality = super::locality(city.name, city.state, city.country);
    let description = if employees <= 10 {
        format!(
            "{short} {offering} for {customers}. Founded in {founded_year}, it is a team of {employees} based in {locality}."
        )
    } else {
        format!(
            "{short} {offering} for {customers}. Founded in {founded_year} and based in {locality}, it employs about {employees} people."
        )
    };
    let technologies = technologies(g.seed, index, industry, employees);
    let funding = funding(g.seed, index, industry, employees, founded_year);
    let total_funding_usd = funding.as_ref().map_or(0, |f| {
        let mut fr = Rng::new(g.seed, kind::FUNDING, index as u64 ^ 0xffff_ffff);
        f.amount_usd + f.amount_usd / 1_000_000 * fr.range(30, 90) / 100 * 1_000_000
    });
    let news = news(
        g,
        index,
        &short,
        industry,
        city,
        employees,
        growth_tenths,
        funding.as_ref(),
    );
    let conversation_signals = signals(g.seed, index, industry, &technologies);

    Company {
        id: company_id(index),
        name: core.name.clone(),
        domain: core.domain.clone(),
        website: format!("https://www.{}", core.domain),
        phone,
        street,
        city: city.name.to_owned(),
        state: city.state.to_owned(),
        zip_code,
        country: city.country.to_owned(),
        metro_area: city.metro.to_owned(),
        primary_industry: industry.name.to_owned(),
        industries,
        sub_industry: sub,
        employee_count: employees,
        employee_range: employee_range(employees).to_owned(),
        revenue_usd: revenue,
        revenue_range: revenue_range(revenue).to_owned(),
        founded_year,
        ticker: core.ticker.clone(),
        description,
        linkedin_url: format!("https://www.linkedin.com/company/{}", core.slug),
        technologies,
        funding,
        total_funding_usd,
        news,
        conversation_signals,
        employee_growth_pct: growth_tenths as f64 / 10.0,
        company_status: "Active".to_owned(),
        enrichment_fault: fault(g.seed, kind::COMPANY_FAULT, index),
    }
}

/// Whether a niche technology fits an industry (niche tools only appear where they belong).
fn niche_fit(tech: &str, industry: &str) -> Option<bool> {
    let fits: &[&str] = match tech {
        "Toast" => &["Restaurants", "Hospitality"],
        "Square" => &[
            "Restaurants",
            "Retail",
            "Hospitality",
            "Consumer Products",
            "Food & Beverage",
        ],
        "Procore" => &["Construction", "Architecture & Engineering", "Real Estate"],
        "Epic Systems" => &["Hospitals & Physicians Clinics", "Healthcare Services"],
        "Veeva" => &["Pharmaceuticals", "Biotechnology", "Medical Devices"],
        "Shopify" | "Magento" | "Klaviyo" => &[
            "Retail",
            "E-commerce",
            "Consumer Products",
            "Food & Beverage",
        ],
        _ => return None,
    };
    Some(fits.contains(&industry))
}

/// A company's technologies: weighted draws without replacement.
fn technologies(
    seed: u64,
    index: usize,
    industry: &words::Industry,
    employees: u32,
) -> Vec<String> {
    let mut r = Rng::new(seed, kind::TECH, index as u64);
    let count = match employees {
        0..=50 => r.range(3, 6),
        51..=500 => r.range(5, 9),
        501..=5_000 => r.range(7, 12),
        _ => r.range(10, 15),
    };
    let mut weights: Vec<u32> = words::TECHNOLOGIES
        .iter()
        .map(|t| match niche_fit(t.name, industry.name) {
            Some(true) => t.weight * 6 + 6,
            Some(false) => 0,
            None if t.technical && industry.tech => t.weight * 3,
            None if t.technical => (t.weight / 3).max(1),
            None => t.weight,
        })
        .collect();
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let i = r.weighted(&weights, |w| *w);
        if weights[i] == 0 {
            break;
        }
        weights[i] = 0;
        out.push(words::TECHNOLOGIES[i].name.to_owned());
    }
    out
}

/// A company's latest funding round, if any.
fn funding(
    seed: u64,
    index: usize,
    industry: &words::Industry,
    employees: u32,
    founded: u16,
) -> Option<Funding> {
    let mut r = Rng::new(seed, kind::FUNDING, index as u64);
    let odds = if industry.tech && founded >= 2008 && employees <= 5_000 {
        600
    } else if employees <= 1_000 && founded >= 2000 {
        150
    } else {
        30
    };
    if !r.chance(odds) {
        return None;
    }
    let rounds: &[usize] = match employees {
        0..=10 => &[0, 1],
        11..=50 => &[1, 2],
        51..=200 => &[2, 3],
        201..=500 => &[3, 4],
        501..=1_000 => &[4, 5],
        1_001..=5_000 => &[5, 6, 7],
        _ => &[7],
    };
    let round = rounds[r.index(rounds.len())];
    let (lo, hi) = [
        (1, 3),
        (2, 8),
        (5, 25),
        (15, 60),
        (30, 120),
        (50, 250),
        (100, 400),
        (50, 800),
    ][round];
    let amount_usd = r.range(lo, hi) * 1_000_000;
    let back = if r.chance(500) {
        r.below(540)
    } else {
        r.below(1_400)
    };
    let date = format_day(AS_OF_DAY - 3 - back as i64);
    let mut investors: Vec<String> = Vec::new();
    for _ in 0..r.range(1, 3) {
        let name = r.pick(words::INVESTORS);
        if !investors.iter().any(|i| i == name) {
            investors.push(name.to_owned());
        }
    }
    Some(Funding {
        round: words::FUNDING_ROUNDS[round].to_owned(),
        amount_usd,
        date,
        investors,
    })
}

/// "$48M"-style amounts for headlines (amounts are whole millions).
fn short_money(amount: u64) -> String {
    if amount >= 1_000_000_000 && amount.is_multiple_of(1_000_000_000) {
        format!("${}B", amount / 1_000_000_000)
    } else {
        format!("${}M", amount / 1_000_000)
    }
}

/// A company's recent news, newest first.
#[allow(clippy::too_many_arguments)]
fn news(
    g: &IdentityGraph,
    index: usize,
    short: &str,
    industry: &words::Industry,
    city: &words::City,
    employees: u32,
    growth_tenths: i64,
    funding: Option<&Funding>,
) -> Vec<NewsItem> {
    let mut r = Rng::new(g.seed, kind::NEWS, index as u64);
    let count = match employees {
        0..=50 => r.range(1, 2),
        51..=500 => r.range(2, 4),
        _ => r.range(3, 5),
    } as usize;
    let window = (AS_OF_DAY - NEWS_START_DAY) as u64;
    let mut days: Vec<i64> = Vec::with_capacity(count);
    while days.len() < count {
        let d = NEWS_START_DAY + r.below(window) as i64;
        if !days.contains(&d) {
            days.push(d);
        }
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    let categories: [(&str, u32); 7] = [
        ("product_launch", 25),
        ("expansion", if growth_tenths > 50 { 18 } else { 0 }),
        ("exec_hire", 20),
        ("partnership", 18),
        ("layoffs", if growth_tenths < 0 { 30 } else { 0 }),
        ("acquisition", if employees >= 200 { 8 } else { 0 }),
        ("award", 8),
    ];
    let first_word = short.split_whitespace().next().unwrap_or(short);
    let mut items = Vec::with_capacity(count + 1);
    for day in days {
        let cat = categories[r.weighted(&categories, |c| c.1)].0;
        let templates = words::NEWS_TEMPLATES
            .iter()
            .find(|(c, _)| *c == cat)
            .map_or(&[][..], |(_, t)| *t);
        if templates.is_empty() {
            continue;
        }
        let template = r.pick(templates);
        let other_city = loop {
            let c = &CITIES[r.cumulative(&tables().cities)];
            if c.name != city.name {
                break c;
            }
        };
        let other_country = loop {
            let c = &CITIES[r.index(CITIES.len())];
            if c.country != city.country {
                break c.country;
            }
        };
        let partner_index = 2 + r.index(g.cores.len().saturating_sub(2).max(1));
        let partner = if partner_index == index || partner_index >= g.cores.len() {
            "Northwind"
        } else {
            short_company_name(&g.cores[partner_index].name)
        };
        let person = format!("{} {}", r.pick(FIRST_NAMES), r.pick(LAST_NAMES));
        let headline = template
            .replace("{name}", short)
            .replace(
                "{product}",
                &format!("{first_word} {}", r.pick(words::PRODUCT_WORDS)),
            )
            .replace("{noun}", r.pick(industry.products))
            .replace("{city}", other_city.name)
            .replace("{country}", other_country)
            .replace("{award_city}", city.name)
            .replace("{person}", &person)
            .replace("{title}", r.pick(words::EXEC_TITLES))
            .replace("{partner}", partner)
            .replace("{pct}", &r.range(5, 20).to_string())
            .replace(
                "{count}",
                &(u64::from(employees) * r.range(5, 15) / 100)
                    .max(3)
                    .to_string(),
            );
        items.push(NewsItem {
            date: format_day(day),
            category: cat.to_owned(),
            headline,
        });
    }
    if let Some(f) = funding
        && f.date.as_str() >= format_day(NEWS_START_DAY).as_str()
    {
        let lead = f
            .investors
            .first()
            .map_or("undisclosed investors", String::as_str);
        let headline = format!(
            "{short} raised {} in a {} round led by {lead}",
            short_money(f.amount_usd),
            f.round
        );
        items.push(NewsItem {
            date: f.date.clone(),
            category: "funding".to_owned(),
            headline,
        });
        items.sort_by(|a, b| b.date.cmp(&a.date));
    }
    items
}

/// A company's recent conversation signals (about 15% have none).
fn signals(
    seed: u64,
    index: usize,
    industry: &words::Industry,
    technologies: &[String],
) -> Vec<String> {
    let mut r = Rng::new(seed, kind::SIGNALS, index as u64);
    if r.chance(150) {
        return Vec::new();
    }
    let count = r.range(1, 4) as usize;
    let mut chosen: Vec<usize> = Vec::with_capacity(count);
    while chosen.len() < count {
        let t = r.index(words::SIGNAL_TEMPLATES.len());
        if !chosen.contains(&t) {
            chosen.push(t);
        }
    }
    let depts = [
        "sales",
        "marketing",
        "engineering",
        "finance",
        "customer success",
        "operations",
        "IT",
    ];
    let execs = [
        "CFO",
        "CIO",
        "CRO",
        "COO",
        "VP of Sales",
        "Head of Procurement",
    ];
    let months = [
        "December", "January", "February", "March", "April", "May", "June",
    ];
    let quarters = ["Q1 2027", "Q2 2027", "Q3 2027"];
    chosen
        .into_iter()
        .map(|t| {
            let own = if technologies.is_empty() {
                "Salesforce"
            } else {
                technologies[r.index(technologies.len())].as_str()
            };
            let other = loop {
                let name = words::TECHNOLOGIES[r.index(words::TECHNOLOGIES.len())].name;
                if !technologies.iter().any(|x| x == name) {
                    break name;
                }
            };
            words::SIGNAL_TEMPLATES[t]
                .replace("{tech}", own)
                .replace("{other_tech}", other)
                .replace("{quarter}", r.pick(&quarters))
                .replace("{month}", r.pick(&months))
                .replace("{seats}", &(r.range(1, 20) * 50).to_string())
                .replace("{dept}", r.pick(&depts))
                .replace("{industry}", &industry.name.to_ascii_lowercase())
                .replace("{count}", &r.range(3, 12).to_string())
                .replace("{exec}", r.pick(&execs))
        })
        .collect()
}

/// `(first, last)` word indexes of a generated contact.
fn name_indexes(g: &IdentityGraph, core: &CompanyCore, local: usize, index: usize) -> (u16, u16) {
    let nf = FIRST_NAMES.len() as u64;
    let nl = LAST_NAMES.len() as u64;
    let mut first = (hash3(g.seed, CONTACT_NAME_KIND, index as u64) % nf) as u16;
    let last =
        ((u64::from(core.last_offset) + local as u64 * u64::from(core.last_stride)) % nl) as u16;
    if g.reserved_names.contains(&(first, last)) {
        first = ((u64::from(first) + 1) % nf) as u16;
    }
    (first, last)
}

/// The email local part for a pattern: every pattern includes the whole last name.
fn email_local(pattern: u8, first: &str, last: &str) -> String {
    let f = alnum(first);
    let l = alnum(last);
    let initial = f.chars().next().map(String::from).unwrap_or_default();
    match pattern {
        0 => format!("{f}.{l}"),
        1 => format!("{initial}{l}"),
        2 => format!("{f}_{l}"),
        3 => format!("{f}{l}"),
        4 => format!("{l}.{f}"),
        _ => format!("{initial}.{l}"),
    }
}

/// The email of contact `index` (must be below `contact_count()`).
pub(crate) fn email(g: &IdentityGraph, index: usize) -> String {
    if index < fixtures::CONTACT_COUNT {
        return fixtures::email(index).to_owned();
    }
    let c = g.company_of_contact(index);
    let core = &g.cores[c];
    let local = index - g.starts[c] as usize;
    let (f, l) = name_indexes(g, core, local, index);
    format!(
        "{}@{}",
        email_local(
            core.email_pattern,
            FIRST_NAMES[usize::from(f)],
            LAST_NAMES[usize::from(l)]
        ),
        core.domain
    )
}

/// The modular inverse of [`TOKEN_MULTIPLIER`] modulo 2^24 (Newton's iteration).
const fn token_inverse() -> u32 {
    let m = TOKEN_MULTIPLIER;
    let mut inv = m;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(m.wrapping_mul(inv)));
        i += 1;
    }
    inv & MASK24
}

/// Base-36 digits of a number (lowercase).
fn base36(mut v: u32) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(v % 36) as usize]);
        v /= 36;
        if v == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The LinkedIn token of a generated contact: an invertible scramble of its index.
fn linkedin_token(g: &IdentityGraph, index: usize) -> String {
    base36(((index as u32).wrapping_mul(TOKEN_MULTIPLIER) & MASK24) ^ g.linkedin_mask)
}

/// The contact index a LinkedIn profile URL points at, if it is one of the graph's (the caller
/// still compares the full URL).
pub(crate) fn contact_index_from_linkedin(g: &IdentityGraph, url: &str) -> Option<usize> {
    let lower = url.trim().to_ascii_lowercase();
    let pos = lower.find("/in/")?;
    let slug = lower[pos + 4..].split(['/', '?', '#']).next()?;
    if let Some(i) = fixtures::contact_index_by_linkedin_slug(slug) {
        return Some(i);
    }
    let token = slug.rsplit('-').next()?;
    let value = u32::from_str_radix(token, 36).ok()?;
    if value > MASK24 {
        return None;
    }
    let index = ((value ^ g.linkedin_mask).wrapping_mul(token_inverse()) & MASK24) as usize;
    (fixtures::CONTACT_COUNT..g.contact_count())
        .contains(&index)
        .then_some(index)
}

/// Management-level weights for generated contacts (per mille): Board, C, VP, Director,
/// Manager, Non Manager.
const LEVEL_WEIGHTS: &[u32] = &[15, 50, 100, 170, 250, 415];

/// Materialises contact `index` (must be below `contact_count()`).
pub(crate) fn contact(g: &IdentityGraph, index: usize) -> Contact {
    if index < fixtures::CONTACT_COUNT {
        return fixtures::contact(index);
    }
    let c = g.company_of_contact(index);
    let core = &g.cores[c];
    let local = index - g.starts[c] as usize;
    let (fi, li) = name_indexes(g, core, local, index);
    let first = FIRST_NAMES[usize::from(fi)];
    let last = LAST_NAMES[usize::from(li)];
    let mut r = Rng::new(g.seed, kind::CONTACT, index as u64);
    let middle_name = r.chance(180).then(|| r.pick(FIRST_NAMES).to_owned());

    let level = if local == 0 && core.employees <= 500 {
        1
    } else {
        r.weighted(LEVEL_WEIGHTS, |w| *w)
    };
    let (title, department, function) = if level == 0 {
        (r.pick(words::BOARD_TITLES), "C-Suite", "Board of Directors")
    } else if local == 0 && level == 1 {
        (
            r.pick(DEPARTMENTS[0].titles[0]),
            DEPARTMENTS[0].name,
            DEPARTMENTS[0].functions[0],
        )
    } else {
        let mut d = r.cumulative(&tables().departments);
        if d == 0 && level == 1 {
            d = 1 + r.index(DEPARTMENTS.len() - 1);
        }
        let dept = &DEPARTMENTS[d];
        (
            r.pick(dept.titles[level - 1]),
            dept.name,
            r.pick(dept.functions),
        )
    };
    let company_city = city_of(core);
    let city = if r.chance(800) {
        company_city
    } else {
        // Another city in the same country when there is one (a few tries), else headquarters.
        (0..8)
            .map(|_| &CITIES[r.cumulative(&tables().cities)])
            .find(|c| c.country == company_city.country && c.name != company_city.name)
            .unwrap_or(company_city)
    };
    let direct_phone = r.fill(city.phone);
    let mobile_phone = r.chance(600).then(|| r.fill(city.mobile));
    let accuracy = r.range(70, 99).max(r.range(70, 99)) as u8;
    let years = r.range(0, 12).min(r.range(0, 12)) as u8;

    Contact {
        id: contact_id(index),
        company_id: company_id(c),
        first_name: first.to_owned(),
        middle_name,
        last_name: last.to_owned(),
        email: format!(
            "{}@{}",
            email_local(core.email_pattern, first, last),
            core.domain
        ),
        job_title: title.to_owned(),
        management_level: words::MANAGEMENT_LEVELS[level].to_owned(),
        department: department.to_owned(),
        job_function: function.to_owned(),
        direct_phone,
        mobile_phone,
        city: city.name.to_owned(),
        state: city.state.to_owned(),
        country: city.country.to_owned(),
        linkedin_url: format!(
            "https://www.linkedin.com/in/{}-{}-{}",
            alnum(first),
            alnum(last),
            linkedin_token(g, index)
        ),
        contact_accuracy_score: accuracy,
        years_in_role: years,
        enrichment_fault: fault(g.seed, kind::CONTACT_FAULT, index),
    }
}

/// Generated contacts grouped by `(first, last)` name word indexes: a counting sort, so lookups
/// are O(1) and building needs no comparison sort.
#[derive(Debug)]
pub(crate) struct NameIndex {
    /// `offsets[k]..offsets[k + 1]` is the slice of `contacts` for key `k = first * L + last`.
    offsets: Vec<u32>,
    /// Contact indexes grouped by key, ascending within a key.
    contacts: Vec<u32>,
}

impl NameIndex {
    /// The contact indexes with these name word indexes.
    pub(crate) fn get(&self, first: u16, last: u16) -> &[u32] {
        let k = usize::from(first) * LAST_NAMES.len() + usize::from(last);
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(a), Some(b)) => self
                .contacts
                .get(*a as usize..*b as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Every group of more than one contact sharing a name (for tests).
    #[cfg(test)]
    pub(crate) fn shared(&self) -> impl Iterator<Item = &[u32]> {
        self.offsets
            .windows(2)
            .filter(|w| w[1] - w[0] > 1)
            .filter_map(|w| self.contacts.get(w[0] as usize..w[1] as usize))
    }
}

/// Builds the lazy first+last name index over generated contacts (fixtures are searched
/// separately): one pass computing only name word indexes, then a counting sort.
pub(crate) fn name_index(g: &IdentityGraph) -> NameIndex {
    let keys_total = FIRST_NAMES.len() * LAST_NAMES.len();
    let first_generated = fixtures::CONTACT_COUNT;
    let mut keys: Vec<u32> = Vec::with_capacity(g.contact_count());
    for (c, core) in g.cores.iter().enumerate().skip(fixtures::CORES.len()) {
        let start = g.starts[c] as usize;
        let end = g.starts[c + 1] as usize;
        for index in start..end {
            let (f, l) = name_indexes(g, core, index - start, index);
            keys.push((usize::from(f) * LAST_NAMES.len() + usize::from(l)) as u32);
        }
    }
    let mut offsets = vec![0u32; keys_total + 1];
    for k in &keys {
        offsets[*k as usize + 1] += 1;
    }
    for k in 0..keys_total {
        offsets[k + 1] += offsets[k];
    }
    let mut cursor = offsets.clone();
    let mut contacts = vec![0u32; keys.len()];
    for (n, k) in keys.iter().enumerate() {
        let slot = &mut cursor[*k as usize];
        contacts[*slot as usize] = (first_generated + n) as u32;
        *slot += 1;
    }
    NameIndex { offsets, contacts }
}

/// Builds the lazy hashed-email index over all contacts: one SHA-256 per contact, then a sort.
pub(crate) fn hashed_email_index(g: &IdentityGraph) -> Vec<(u64, u32)> {
    let mut out: Vec<(u64, u32)> = (0..g.contact_count())
        .map(|i| {
            (
                sha256::key(&sha256::digest(email(g, i).as_bytes())),
                i as u32,
            )
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(format_day(0), "1970-01-01");
        assert_eq!(format_day(days_from_civil(2026, 8, 12)), "2026-08-12");
        assert_eq!(format_day(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(format_day(AS_OF_DAY), super::super::AS_OF_DATE);
    }

    #[test]
    fn ranges_and_rounding() {
        assert_eq!(employee_range(420), "201-500");
        assert_eq!(revenue_range(62_000_000), "$50M-$100M");
        assert_eq!(round_significant(62_437_000), 62_400_000);
        assert_eq!(employee_percentile(1), 0);
        assert!(employee_percentile(420) > 70);
        assert!(employee_percentile(200_000) >= 99);
        assert_eq!(token_inverse().wrapping_mul(TOKEN_MULTIPLIER) & MASK24, 1);
        assert_eq!(base36(0), "0");
        assert_eq!(
            u32::from_str_radix(&base36(123_456), 36).ok(),
            Some(123_456)
        );
    }
}
