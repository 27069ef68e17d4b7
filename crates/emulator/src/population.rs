//! `ZOOMINFO_PUBLIC_API` audiences: populated from the identity graph by their
//! `zoomInfoSearchCriteria` when they are created.
//!
//! Such an audience gets read-only system columns (`ZOOMINFO_CONTACT` or `ZOOMINFO_COMPANY`,
//! not deletable, not editable) holding the matched records' attributes, plus its
//! `ZOOMINFO_MATCH` column already filled with the ZoomInfo ids, and match criteria mapping
//! its Email (contacts) or Website (companies) column, so that enriching AI columns later is
//! grounded in the same records. The first [`POPULATION_LIMIT`] matches, in graph order, are
//! loaded synchronously, so the 201 already reports the `recordCount`.
//!
//! Criteria evaluated (string values may be comma-separated alternatives; text compares
//! case-insensitively):
//!
//! * both searches: `companyId`, `companyName` (contains), `companyWebsite` (domain),
//!   `companyTicker`, `industryKeywords` and `industryCodes` (contained in an industry name),
//!   `companyDescription` (contains), `country`, `state`, `metroRegion` (contains),
//!   `employeeRangeMin`/`employeeRangeMax`/`employeeCount`, `revenueMin`/`revenueMax`
//!   (thousands of USD, as in ZoomInfo's Data API), `fundingAmountMin`/`fundingAmountMax`
//!   (thousands of USD, total funding), `techAttributeTagList` (technology names);
//! * contact search also: `personId`, `emailAddress`, `fullName`, `firstName`, `lastName`,
//!   `jobTitle` (contains), `exactJobTitle`, `excludeJobTitle`, `managementLevel`,
//!   `excludeManagementLevel`, `department`, `jobFunction` (contains),
//!   `contactAccuracyScoreMin`/`contactAccuracyScoreMax`.
//!
//! Other documented criteria are accepted and not evaluated (the result is then a superset).

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::error::ApiResult;
use crate::graph::{Company, Contact, IdentityGraph, normalize_domain};
use crate::model::{AudienceType, ColumnType, DataType, MatchField};
use crate::store::audiences::MatchCriterion;
use crate::store::columns::{Column, NewColumn};
use crate::wire::read::Node;

/// The most rows a ZOOMINFO_PUBLIC_API audience is populated with.
pub(crate) const POPULATION_LIMIT: usize = 1000;

/// One system column: name, dataType, and how to read it from a record.
struct SystemColumn {
    name: &'static str,
    data_type: DataType,
    read: fn(Option<&Contact>, &Company) -> Option<Value>,
}

fn text(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| Value::String(s.to_owned()))
}

const CONTACT_COLUMNS: &[SystemColumn] = &[
    SystemColumn {
        name: "First Name",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.first_name)),
    },
    SystemColumn {
        name: "Last Name",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.last_name)),
    },
    SystemColumn {
        name: "Email",
        data_type: DataType::Email,
        read: |p, _| p.and_then(|p| text(&p.email)),
    },
    SystemColumn {
        name: "Job Title",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.job_title)),
    },
    SystemColumn {
        name: "Management Level",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.management_level)),
    },
    SystemColumn {
        name: "Department",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.department)),
    },
    SystemColumn {
        name: "Direct Phone",
        data_type: DataType::Phone,
        read: |p, _| p.and_then(|p| text(&p.direct_phone)),
    },
    SystemColumn {
        name: "Company Name",
        data_type: DataType::Text,
        read: |_, c| text(&c.name),
    },
    SystemColumn {
        name: "Company Website",
        data_type: DataType::Url,
        read: |_, c| text(&c.website),
    },
    SystemColumn {
        name: "City",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.city)),
    },
    SystemColumn {
        name: "State",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.state)),
    },
    SystemColumn {
        name: "Country",
        data_type: DataType::Text,
        read: |p, _| p.and_then(|p| text(&p.country)),
    },
];

const COMPANY_COLUMNS: &[SystemColumn] = &[
    SystemColumn {
        name: "Company Name",
        data_type: DataType::Text,
        read: |_, c| text(&c.name),
    },
    SystemColumn {
        name: "Website",
        data_type: DataType::Url,
        read: |_, c| text(&c.website),
    },
    SystemColumn {
        name: "Industry",
        data_type: DataType::Text,
        read: |_, c| text(&c.primary_industry),
    },
    SystemColumn {
        name: "Employees",
        data_type: DataType::Integer,
        read: |_, c| Some(Value::from(c.employee_count)),
    },
    SystemColumn {
        name: "Revenue",
        data_type: DataType::Currency,
        read: |_, c| Some(Value::from(c.revenue_usd)),
    },
    SystemColumn {
        name: "Phone",
        data_type: DataType::Phone,
        read: |_, c| text(&c.phone),
    },
    SystemColumn {
        name: "City",
        data_type: DataType::Text,
        read: |_, c| text(&c.city),
    },
    SystemColumn {
        name: "State",
        data_type: DataType::Text,
        read: |_, c| text(&c.state),
    },
    SystemColumn {
        name: "Country",
        data_type: DataType::Text,
        read: |_, c| text(&c.country),
    },
    SystemColumn {
        name: "Technologies",
        data_type: DataType::StringList,
        read: |_, c| Some(Value::from(c.technologies.clone())),
    },
];

fn system_columns(audience_type: AudienceType) -> &'static [SystemColumn] {
    match audience_type {
        AudienceType::Contact => CONTACT_COLUMNS,
        AudienceType::Company => COMPANY_COLUMNS,
    }
}

/// The columns a ZOOMINFO_PUBLIC_API audience starts with (the match column last).
pub(crate) fn columns(audience_type: AudienceType) -> Vec<NewColumn> {
    let column_type = match audience_type {
        AudienceType::Contact => ColumnType::ZoominfoContact,
        AudienceType::Company => ColumnType::ZoominfoCompany,
    };
    let mut out: Vec<NewColumn> = system_columns(audience_type)
        .iter()
        .map(|s| {
            let mut c = NewColumn::custom(s.name, s.data_type);
            c.column_type = column_type;
            c
        })
        .collect();
    let (name, dt) = match audience_type {
        AudienceType::Contact => ("ZoomInfo Contact ID", DataType::ZiContactId),
        AudienceType::Company => ("ZoomInfo Company ID", DataType::ZiCompanyId),
    };
    let mut m = NewColumn::custom(name, dt);
    m.column_type = ColumnType::ZoominfoMatch;
    out.push(m);
    out
}

/// The match criteria of a populated audience: its Email or Website system column.
pub(crate) fn match_criteria(
    audience_type: AudienceType,
    columns: &[Column],
) -> Vec<MatchCriterion> {
    let (name, field) = match audience_type {
        AudienceType::Contact => ("Email", MatchField::ContactEmail),
        AudienceType::Company => ("Website", MatchField::CompanyWebsite),
    };
    columns
        .iter()
        .find(|c| c.name == name && c.column_type != ColumnType::Custom)
        .map(|c| {
            vec![MatchCriterion {
                column_id: c.id.clone(),
                mapped_to: field,
            }]
        })
        .unwrap_or_default()
}

/// Parsed criteria: tests every selected record passes.
#[derive(Default)]
pub(crate) struct Criteria {
    company: Vec<Test<Company>>,
    contact: Vec<Test<Contact>>,
}

type Test<T> = Box<dyn Fn(&T) -> bool + Send + Sync>;

impl std::fmt::Debug for Criteria {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Criteria")
            .field("company_tests", &self.company.len())
            .field("contact_tests", &self.contact.len())
            .finish()
    }
}

/// Comma-separated alternatives (or an array of them), lower-cased.
fn alternatives(node: &Node<'_>) -> ApiResult<Option<Vec<String>>> {
    let items: Vec<String> = match node.raw() {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_lowercase()).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.trim().to_lowercase()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(node.error(format!(
                    "{} must be a string or a list of strings",
                    node.path()
                ))),
            })
            .collect::<ApiResult<_>>()?,
        Some(Value::Number(n)) => vec![n.to_string()],
        Some(_) => return Err(node.error(format!("{} must be a string", node.path()))),
    };
    let items: Vec<String> = items.into_iter().filter(|s| !s.is_empty()).collect();
    Ok((!items.is_empty()).then_some(items))
}

fn number(node: &Node<'_>) -> ApiResult<Option<f64>> {
    match node.raw() {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .replace(',', "")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| node.error(format!("'{s}' is not a number"))),
        Some(_) => Err(node.error(format!("{} must be a number", node.path()))),
    }
}

fn contains_any(hay: &str, needles: &[String]) -> bool {
    let hay = hay.to_lowercase();
    needles.iter().any(|n| hay.contains(n.as_str()))
}

fn equals_any(value: &str, options: &[String]) -> bool {
    options.iter().any(|o| o.eq_ignore_ascii_case(value))
}

/// Validates and compiles `zoomInfoSearchCriteria.{companySearch, contactSearch}`.
pub(crate) fn parse(criteria: &Node<'_>, audience_type: AudienceType) -> ApiResult<Criteria> {
    let mut out = Criteria::default();
    let search = match audience_type {
        AudienceType::Contact => criteria.field("contactSearch"),
        AudienceType::Company => criteria.field("companySearch"),
    };
    let company_search = criteria.field("companySearch");
    for node in [&search, &company_search] {
        if node.object()?.is_none() {
            continue;
        }
        company_tests(node, &mut out.company)?;
    }
    if audience_type == AudienceType::Contact {
        contact_tests(&search, &mut out.contact)?;
    }
    Ok(out)
}

fn company_tests(s: &Node<'_>, tests: &mut Vec<Test<Company>>) -> ApiResult<()> {
    if let Some(ids) = alternatives(&s.field("companyId"))? {
        tests.push(Box::new(move |c| {
            ids.iter().any(|i| *i == c.id.to_string())
        }));
    }
    if let Some(names) = alternatives(&s.field("companyName"))? {
        tests.push(Box::new(move |c| contains_any(&c.name, &names)));
    }
    if let Some(sites) = alternatives(&s.field("companyWebsite"))? {
        let domains: Vec<String> = sites.iter().filter_map(|w| normalize_domain(w)).collect();
        tests.push(Box::new(move |c| domains.contains(&c.domain)));
    }
    if let Some(tickers) = alternatives(&s.field("companyTicker"))? {
        tests.push(Box::new(move |c| {
            c.ticker.as_deref().is_some_and(|t| equals_any(t, &tickers))
        }));
    }
    for key in ["industryKeywords", "industryCodes"] {
        if let Some(words) = alternatives(&s.field(key))? {
            tests.push(Box::new(move |c| {
                c.industries.iter().any(|i| contains_any(i, &words))
            }));
        }
    }
    if let Some(words) = alternatives(&s.field("companyDescription"))? {
        tests.push(Box::new(move |c| contains_any(&c.description, &words)));
    }
    if let Some(countries) = alternatives(&s.field("country"))? {
        tests.push(Box::new(move |c| equals_any(&c.country, &countries)));
    }
    if let Some(states) = alternatives(&s.field("state"))? {
        tests.push(Box::new(move |c| equals_any(&c.state, &states)));
    }
    if let Some(metros) = alternatives(&s.field("metroRegion"))? {
        tests.push(Box::new(move |c| contains_any(&c.metro_area, &metros)));
    }
    if let Some(techs) = alternatives(&s.field("techAttributeTagList"))? {
        tests.push(Box::new(move |c| {
            c.technologies.iter().any(|t| equals_any(t, &techs))
        }));
    }
    // (criterion, the company's figure, unit of the criterion, whether it is a minimum)
    type Bound = (&'static str, fn(&Company) -> f64, f64, bool);
    let bounds: [Bound; 7] = [
        (
            "employeeRangeMin",
            |c| f64::from(c.employee_count),
            1.0,
            true,
        ),
        (
            "employeeRangeMax",
            |c| f64::from(c.employee_count),
            1.0,
            false,
        ),
        ("employeeCount", |c| f64::from(c.employee_count), 1.0, true),
        ("revenueMin", |c| c.revenue_usd as f64, 1000.0, true),
        ("revenueMax", |c| c.revenue_usd as f64, 1000.0, false),
        (
            "fundingAmountMin",
            |c| c.total_funding_usd as f64,
            1000.0,
            true,
        ),
        (
            "fundingAmountMax",
            |c| c.total_funding_usd as f64,
            1000.0,
            false,
        ),
    ];
    for (key, read, scale, is_min) in bounds {
        if let Some(n) = number(&s.field(key))? {
            let limit = n * scale;
            tests.push(Box::new(move |c| {
                let v = read(c);
                if is_min { v >= limit } else { v <= limit }
            }));
        }
    }
    Ok(())
}

fn contact_tests(s: &Node<'_>, tests: &mut Vec<Test<Contact>>) -> ApiResult<()> {
    if let Some(ids) = alternatives(&s.field("personId"))? {
        tests.push(Box::new(move |p| {
            ids.iter().any(|i| *i == p.id.to_string())
        }));
    }
    if let Some(emails) = alternatives(&s.field("emailAddress"))? {
        tests.push(Box::new(move |p| equals_any(&p.email, &emails)));
    }
    if let Some(names) = alternatives(&s.field("fullName"))? {
        tests.push(Box::new(move |p| equals_any(&p.full_name(), &names)));
    }
    for (key, read) in [
        (
            "firstName",
            (|p: &Contact| p.first_name.clone()) as fn(&Contact) -> String,
        ),
        ("lastName", |p| p.last_name.clone()),
        ("exactJobTitle", |p| p.job_title.clone()),
        ("managementLevel", |p| p.management_level.clone()),
    ] {
        if let Some(options) = alternatives(&s.field(key))? {
            tests.push(Box::new(move |p| equals_any(&read(p), &options)));
        }
    }
    for (key, read) in [
        (
            "jobTitle",
            (|p: &Contact| p.job_title.clone()) as fn(&Contact) -> String,
        ),
        ("department", |p| p.department.clone()),
        ("jobFunction", |p| p.job_function.clone()),
    ] {
        if let Some(words) = alternatives(&s.field(key))? {
            tests.push(Box::new(move |p| contains_any(&read(p), &words)));
        }
    }
    if let Some(words) = alternatives(&s.field("excludeJobTitle"))? {
        tests.push(Box::new(move |p| !contains_any(&p.job_title, &words)));
    }
    if let Some(levels) = alternatives(&s.field("excludeManagementLevel"))? {
        tests.push(Box::new(move |p| !equals_any(&p.management_level, &levels)));
    }
    if let Some(min) = number(&s.field("contactAccuracyScoreMin"))? {
        tests.push(Box::new(move |p| {
            f64::from(p.contact_accuracy_score) >= min
        }));
    }
    if let Some(max) = number(&s.field("contactAccuracyScoreMax"))? {
        tests.push(Box::new(move |p| {
            f64::from(p.contact_accuracy_score) <= max
        }));
    }
    Ok(())
}

/// The rows of a new ZOOMINFO_PUBLIC_API audience: for each match, (column index, value)
/// pairs for the audience's system and match columns.
pub(crate) fn rows(
    graph: &IdentityGraph,
    audience_type: AudienceType,
    criteria: &Criteria,
    columns: &[Column],
) -> Vec<Vec<(usize, SqlValue)>> {
    let system = system_columns(audience_type);
    let index_of = |name: &str| {
        columns
            .iter()
            .position(|c| c.name == name && c.column_type != ColumnType::Custom)
    };
    let system_idx: Vec<Option<usize>> = system.iter().map(|s| index_of(s.name)).collect();
    let match_idx = columns
        .iter()
        .position(|c| c.column_type == ColumnType::ZoominfoMatch);
    let row = |contact: Option<&Contact>, company: &Company| -> Vec<(usize, SqlValue)> {
        let mut cells = Vec::new();
        for (s, idx) in system.iter().zip(&system_idx) {
            let (Some(idx), Some(v)) = (idx, (s.read)(contact, company)) else {
                continue;
            };
            if let Ok(Some(stored)) = crate::value::to_sql(s.data_type, &v) {
                cells.push((*idx, stored));
            }
        }
        if let Some(m) = match_idx {
            let id = contact.map_or(company.id, |p| p.id);
            cells.push((m, SqlValue::Text(id.to_string())));
        }
        cells
    };
    let mut out = Vec::new();
    for i in 0..graph.company_count() {
        if out.len() >= POPULATION_LIMIT {
            break;
        }
        let Some(company) = graph.company_at(i) else {
            continue;
        };
        if !criteria.company.iter().all(|t| t(&company)) {
            continue;
        }
        match audience_type {
            AudienceType::Company => out.push(row(None, &company)),
            AudienceType::Contact => {
                for contact in graph.contacts_of(company.id) {
                    if out.len() >= POPULATION_LIMIT {
                        break;
                    }
                    if criteria.contact.iter().all(|t| t(&contact)) {
                        out.push(row(Some(&contact), &company));
                    }
                }
            }
        }
    }
    out
}
