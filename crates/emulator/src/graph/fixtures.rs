//! Hand-written fixture companies and contacts present in every graph, whatever the seed.

use super::{Company, Contact, Funding, NewsItem, company_id, contact_id, normalize_person_name};

/// The eager-table facts of a fixture company.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FixtureCore {
    /// Display name.
    pub(crate) name: &'static str,
    /// Domain.
    pub(crate) domain: &'static str,
    /// LinkedIn slug.
    pub(crate) slug: &'static str,
    /// Employees.
    pub(crate) employees: u32,
    /// Index into `words::INDUSTRIES`.
    pub(crate) industry: u16,
    /// Index into `words::CITIES`.
    pub(crate) city: u16,
    /// How many contacts it owns.
    pub(crate) contacts: u32,
}

/// Company indexes 0 (Northwind) and 1 (Brightloom).
pub(crate) const CORES: [FixtureCore; 2] = [
    FixtureCore {
        name: "Northwind",
        domain: "northwind.io",
        slug: "northwind",
        employees: 420,
        industry: 0,
        city: 0,
        contacts: 6,
    },
    FixtureCore {
        name: "Brightloom",
        domain: "brightloom.com",
        slug: "brightloom",
        employees: 260,
        industry: 0,
        city: 3,
        contacts: 5,
    },
];

/// How many fixture contacts there are (contact indexes `0..CONTACT_COUNT`).
pub(crate) const CONTACT_COUNT: usize = 11;

/// One fixture contact's hand-written attributes.
struct FixtureContact {
    /// Given name.
    first: &'static str,
    /// Middle name.
    middle: Option<&'static str>,
    /// Family name.
    last: &'static str,
    /// Email.
    email: &'static str,
    /// Job title.
    title: &'static str,
    /// Management level.
    level: &'static str,
    /// Department.
    department: &'static str,
    /// Job function.
    function: &'static str,
    /// Direct phone.
    direct: &'static str,
    /// Mobile phone.
    mobile: Option<&'static str>,
    /// LinkedIn slug.
    linkedin: &'static str,
    /// Accuracy score.
    accuracy: u8,
    /// Years in role.
    years: u8,
}

/// Contacts 0..6 work at Northwind, 6..11 at Brightloom.
const CONTACTS: [FixtureContact; CONTACT_COUNT] = [
    FixtureContact {
        first: "Dana",
        middle: None,
        last: "Lin",
        email: "dana@northwind.io",
        title: "VP of Revenue Operations",
        level: "VP Level Exec",
        department: "Sales",
        function: "Sales Operations",
        direct: "(206) 555-0147",
        mobile: Some("(206) 555-0199"),
        linkedin: "danalin-revops",
        accuracy: 97,
        years: 3,
    },
    FixtureContact {
        first: "Priya",
        middle: None,
        last: "Raman",
        email: "priya@northwind.io",
        title: "Chief Revenue Officer",
        level: "C Level Exec",
        department: "Sales",
        function: "Sales",
        direct: "(206) 555-0150",
        mobile: Some("(206) 555-0182"),
        linkedin: "priyaraman",
        accuracy: 95,
        years: 1,
    },
    FixtureContact {
        first: "Tom",
        middle: Some("Anders"),
        last: "Becker",
        email: "tom@northwind.io",
        title: "Co-Founder & CEO",
        level: "C Level Exec",
        department: "C-Suite",
        function: "Executive",
        direct: "(206) 555-0101",
        mobile: None,
        linkedin: "tombecker",
        accuracy: 98,
        years: 12,
    },
    FixtureContact {
        first: "Aisha",
        middle: None,
        last: "Okafor",
        email: "aisha@northwind.io",
        title: "Director of Demand Generation",
        level: "Director",
        department: "Marketing",
        function: "Demand Generation",
        direct: "(206) 555-0163",
        mobile: None,
        linkedin: "aishaokafor",
        accuracy: 91,
        years: 2,
    },
    FixtureContact {
        first: "Kenji",
        middle: None,
        last: "Watanabe",
        email: "kenji@northwind.io",
        title: "Engineering Manager",
        level: "Manager",
        department: "Engineering & Technical",
        function: "Software Development",
        direct: "(206) 555-0171",
        mobile: Some("(206) 555-0128"),
        linkedin: "kenjiwatanabe",
        accuracy: 88,
        years: 4,
    },
    FixtureContact {
        first: "Sofia",
        middle: None,
        last: "Alvarez",
        email: "sofia@northwind.io",
        title: "Senior Account Executive",
        level: "Non Manager",
        department: "Sales",
        function: "Sales",
        direct: "(206) 555-0176",
        mobile: Some("(206) 555-0134"),
        linkedin: "sofiaalvarez-nw",
        accuracy: 86,
        years: 2,
    },
    FixtureContact {
        first: "Marco",
        middle: None,
        last: "Reyes",
        email: "marco@brightloom.com",
        title: "Director of Marketing",
        level: "Director",
        department: "Marketing",
        function: "Marketing",
        direct: "(415) 555-0122",
        mobile: Some("(415) 555-0190"),
        linkedin: "marcoreyes",
        accuracy: 96,
        years: 2,
    },
    FixtureContact {
        first: "Grace",
        middle: None,
        last: "Okonkwo",
        email: "grace@brightloom.com",
        title: "Chief Financial Officer",
        level: "C Level Exec",
        department: "Finance",
        function: "Finance",
        direct: "(415) 555-0110",
        mobile: None,
        linkedin: "graceokonkwo",
        accuracy: 94,
        years: 5,
    },
    FixtureContact {
        first: "Luis",
        middle: Some("Alberto"),
        last: "Fernandez",
        email: "luis@brightloom.com",
        title: "VP of Sales",
        level: "VP Level Exec",
        department: "Sales",
        function: "Sales",
        direct: "(415) 555-0131",
        mobile: Some("(415) 555-0177"),
        linkedin: "luisfernandez-sales",
        accuracy: 92,
        years: 3,
    },
    FixtureContact {
        first: "Mei",
        middle: None,
        last: "Chen",
        email: "mei@brightloom.com",
        title: "Product Manager",
        level: "Manager",
        department: "Engineering & Technical",
        function: "Product Management",
        direct: "(415) 555-0144",
        mobile: None,
        linkedin: "meichen-pm",
        accuracy: 89,
        years: 1,
    },
    FixtureContact {
        first: "Ethan",
        middle: None,
        last: "Brooks",
        email: "ethan@brightloom.com",
        title: "Customer Success Manager",
        level: "Manager",
        department: "Operations",
        function: "Customer Success",
        direct: "(415) 555-0158",
        mobile: Some("(415) 555-0121"),
        linkedin: "ethanbrooks",
        accuracy: 84,
        years: 2,
    },
];

/// Owned strings from string slices.
fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A news item.
fn news(date: &str, category: &str, headline: &str) -> NewsItem {
    NewsItem {
        date: date.to_owned(),
        category: category.to_owned(),
        headline: headline.to_owned(),
    }
}

/// Fixture company 0 or 1 (any other index gives Brightloom; callers check the index).
pub(crate) fn company(index: usize) -> Company {
    if index == 0 {
        Company {
            id: company_id(0),
            name: "Northwind".to_owned(),
            domain: "northwind.io".to_owned(),
            website: "https://www.northwind.io".to_owned(),
            phone: "(206) 555-0142".to_owned(),
            street: "1420 Western Avenue, Suite 600".to_owned(),
            city: "Seattle".to_owned(),
            state: "Washington".to_owned(),
            zip_code: "98101".to_owned(),
            country: "United States".to_owned(),
            metro_area: "Seattle-Tacoma-Bellevue".to_owned(),
            primary_industry: "Software".to_owned(),
            industries: strings(&["Software", "Supply Chain Management Software", "Transportation & Logistics"]),
            sub_industry: "Supply Chain Management Software".to_owned(),
            employee_count: 420,
            employee_range: "201-500".to_owned(),
            revenue_usd: 62_000_000,
            revenue_range: "$50M-$100M".to_owned(),
            founded_year: 2014,
            ticker: None,
            description: "Northwind builds supply-chain SaaS that helps mid-market shippers plan routes, book freight and track every delivery in real time. Headquartered in Seattle, it serves more than 1,200 distribution teams across North America.".to_owned(),
            linkedin_url: "https://www.linkedin.com/company/northwind".to_owned(),
            technologies: strings(&["Salesforce", "Snowflake", "Amazon Web Services", "HubSpot", "Gong", "Outreach", "Datadog", "Slack", "Zoom", "Jira"]),
            funding: Some(Funding {
                round: "Series C".to_owned(),
                amount_usd: 48_000_000,
                date: "2026-08-12".to_owned(),
                investors: strings(&["Granite Peak Ventures", "Harborline Capital", "Evergreen Growth Partners"]),
            }),
            total_funding_usd: 81_500_000,
            news: vec![
                news("2026-10-21", "product_launch", "Northwind launched Route IQ, an AI dispatch planner for regional carriers"),
                news("2026-09-14", "expansion", "Northwind opened a Denver office"),
                news("2026-08-12", "funding", "Northwind raised $48M in a Series C round led by Granite Peak Ventures"),
                news("2026-06-03", "exec_hire", "Northwind appointed Priya Raman as Chief Revenue Officer"),
                news("2026-04-17", "partnership", "Northwind partnered with Brightloom on restaurant supply forecasting"),
            ],
            conversation_signals: strings(&[
                "asked about SOC 2 Type II",
                "evaluating a Snowflake migration",
                "wants lead-routing rules for a 40-rep sales team",
                "has a renewal with Outreach due in February",
            ]),
            employee_growth_pct: 18.5,
            company_status: "Active".to_owned(),
            enrichment_fault: None,
        }
    } else {
        Company {
            id: company_id(1),
            name: "Brightloom".to_owned(),
            domain: "brightloom.com".to_owned(),
            website: "https://www.brightloom.com".to_owned(),
            phone: "(415) 555-0108".to_owned(),
            street: "500 Howard Street, Floor 4".to_owned(),
            city: "San Francisco".to_owned(),
            state: "California".to_owned(),
            zip_code: "94105".to_owned(),
            country: "United States".to_owned(),
            metro_area: "San Francisco-Oakland-Berkeley".to_owned(),
            primary_industry: "Software".to_owned(),
            industries: strings(&["Software", "Customer Engagement Software", "Restaurants"]),
            sub_industry: "Customer Engagement Software".to_owned(),
            employee_count: 260,
            employee_range: "201-500".to_owned(),
            revenue_usd: 38_000_000,
            revenue_range: "$25M-$50M".to_owned(),
            founded_year: 2015,
            ticker: None,
            description: "Brightloom is a restaurant-technology company whose customer-engagement platform powers loyalty, mobile ordering and personalized offers for quick-service chains. It is based in San Francisco.".to_owned(),
            linkedin_url: "https://www.linkedin.com/company/brightloom".to_owned(),
            technologies: strings(&["Salesforce", "Braze", "Segment", "Google Cloud Platform", "Toast", "Square", "Looker", "Slack", "Zendesk"]),
            funding: Some(Funding {
                round: "Series B".to_owned(),
                amount_usd: 35_000_000,
                date: "2026-03-18".to_owned(),
                investors: strings(&["Sunline Ventures", "Redwood Bay Ventures"]),
            }),
            total_funding_usd: 52_000_000,
            news: vec![
                news("2026-10-02", "product_launch", "Brightloom launched Loyalty Studio, a personalization engine for quick-service chains"),
                news("2026-07-22", "exec_hire", "Brightloom appointed Luis Fernandez as VP of Sales"),
                news("2026-04-17", "partnership", "Brightloom partnered with Northwind on restaurant supply forecasting"),
                news("2026-03-18", "funding", "Brightloom raised $35M in a Series B round led by Sunline Ventures"),
            ],
            conversation_signals: strings(&[
                "asked whether we integrate with Toast",
                "concerned about per-location pricing above 300 stores",
                "evaluating a Segment migration",
            ]),
            employee_growth_pct: 11.0,
            company_status: "Active".to_owned(),
            enrichment_fault: None,
        }
    }
}

/// The company index owning fixture contact `index`.
pub(crate) const fn company_of_contact(index: usize) -> usize {
    if index < CORES[0].contacts as usize {
        0
    } else {
        1
    }
}

/// Fixture contact `index` (below `CONTACT_COUNT`; callers check).
pub(crate) fn contact(index: usize) -> Contact {
    let f = &CONTACTS[index.min(CONTACT_COUNT - 1)];
    let (city, state) = if company_of_contact(index) == 0 {
        ("Seattle", "Washington")
    } else {
        ("San Francisco", "California")
    };
    Contact {
        id: contact_id(index),
        company_id: company_id(company_of_contact(index)),
        first_name: f.first.to_owned(),
        middle_name: f.middle.map(str::to_owned),
        last_name: f.last.to_owned(),
        email: f.email.to_owned(),
        job_title: f.title.to_owned(),
        management_level: f.level.to_owned(),
        department: f.department.to_owned(),
        job_function: f.function.to_owned(),
        direct_phone: f.direct.to_owned(),
        mobile_phone: f.mobile.map(str::to_owned),
        city: city.to_owned(),
        state: state.to_owned(),
        country: "United States".to_owned(),
        linkedin_url: format!("https://www.linkedin.com/in/{}", f.linkedin),
        contact_accuracy_score: f.accuracy,
        years_in_role: f.years,
        enrichment_fault: None,
    }
}

/// Fixture contact `index`'s email.
pub(crate) fn email(index: usize) -> &'static str {
    CONTACTS[index.min(CONTACT_COUNT - 1)].email
}

/// The fixture contact with this LinkedIn slug, if any.
pub(crate) fn contact_index_by_linkedin_slug(slug: &str) -> Option<usize> {
    CONTACTS.iter().position(|c| c.linkedin == slug)
}

/// Fixture contacts' `(first, last)` names.
pub(crate) fn names() -> impl Iterator<Item = (&'static str, &'static str)> {
    CONTACTS.iter().map(|c| (c.first, c.last))
}

/// Fixture contact indexes whose normalised first and last names match.
pub(crate) fn contact_indexes_by_name(first: &str, last: &str) -> Vec<usize> {
    CONTACTS
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            normalize_person_name(c.first) == first && normalize_person_name(c.last) == last
        })
        .map(|(i, _)| i)
        .collect()
}
