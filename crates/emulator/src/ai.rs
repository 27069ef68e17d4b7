//! Deterministic AI column generator: grounded, tool-specific values produced without a model.
//!
//! The emulator cannot call a language model, so [`generate`] composes the value of an AI column
//! from the row's matched graph record. Output is a pure function of the request: the same
//! request always gives the same value, different tools give visibly different text, and every
//! text cites real attributes of the matched company or contact (name, industry, size, city,
//! funding round and amount, a news item, a technology, a conversation signal).
//!
//! # Errors
//! An empty prompt, or a request with neither a contact nor a company, is an [`AiFailure`]
//! (callers normally map unmatched rows to `NO_RESULT` themselves; this is a guard).
//!
//! # Keyword matching
//! Prompts are matched case-insensitively against the keywords below; a keyword must start at
//! a word boundary but may end mid-word ("fund" finds "funding", "arr" does not find
//! "narrative").
//!
//! # Shape by data type
//! * `BOOLEAN`, `CHECKBOX`: a grounded boolean (see *Yes/no rules*).
//! * `INTEGER`, `DECIMAL`, `CURRENCY`, `PERCENT`: a number. With a score word ("score",
//!   "rate this/the/it", "rating", "fit", "likelihood", "probability", "1-100", "1 to 10",
//!   "out of 5") it is an ICP-fit score scaled into the asked range (default 0-100; from size,
//!   industry, growth, funding, technologies, signals and seniority, weighted by tool).
//!   Otherwise a record figure
//!   chosen by keyword: "revenue per employee", "revenue"/"arr", "funding"/"raised",
//!   "founded"/"year", "age"/"how old", "tenure"/"years in role", "accuracy",
//!   "technolog"/"tools", "news", "signal", "growth"/"hiring", "employee"/"headcount"/"size";
//!   failing that, `CURRENCY` gives revenue, `PERCENT` and `DECIMAL` growth, `INTEGER`
//!   employees. `INTEGER` values are whole numbers.
//! * `STRING_LIST`, `MULTIPICKLIST`: technologies ("tech", "stack", "tool"), industries
//!   ("industr", "sector"), signals ("signal", "pain", "objection", "concern", "call"), news
//!   ("news", "event", "trigger", "recent"), investors ("investor"), talking points ("talking
//!   point", "angle", "bullet", "idea"), tags ("tag", "keyword"); otherwise the tool's default
//!   list. "top 3" / "3 technologies" / "three …" caps the length. `EMAIL_LIST`, `URL_LIST`,
//!   `PHONE_LIST` and `NUMBER_LIST` give the record's emails, URLs, phones and key figures.
//! * `URL`, `EMAIL`, `PHONE`, `DATE`, id types, `PICKLIST` (tier, segment, seniority, stage),
//!   `OBJECT` (a JSON object as text) and `MARKUP` (Markdown) give the matching record value.
//! * `TEXT` and `LARGE_TEXT`: prose, below.
//!
//! # Yes/no rules (first that applies)
//! A technology name plus "use"/"run"/"stack" (is it among the company's technologies);
//! "soc 2"/"security"/"compliance" (did such topics come up in calls); "layoff"/"restructur"
//! (layoff news or shrinking headcount); "acqui" (acquisition news); "fund"/"raise"/"backed"
//! (any funding, or within a year with "recent"/"past year"); "public"/"ticker"/"ipo";
//! "hiring"/"grow"/"expan" (growth above 5% or expansion news); "decision"/"senior"/"exec"
//! (the contact is Director or above); "enterprise" (1,000+ employees); "small"/"smb"/"startup";
//! "saas"/"software"/"tech company" (technology-centric industry); "europe"/"emea",
//! "united states"/"north america" (headquarters); "in market"/"evaluat"/"competitor" (buying
//! signals in calls); otherwise ICP fit of at least 55 out of 100.
//!
//! # Prose rules
//! * "one sentence", "one line", "single sentence", "1 sentence", "a sentence": exactly one
//!   sentence, ending in the only full stop of the text (figures are then written without
//!   decimals). "two sentences" / "three sentences" give that many.
//! * "subject line" (or a column named like "subject"): a short subject (at most 60 characters,
//!   no final full stop).
//! * `AI_EMAILER` otherwise writes an email: `"Subject: …\n\nHi Dana,\n\n…\n\nBest regards,"`.
//! * Advice words ("angle", "opening", "opener", "follow-up", "follow up", "outreach", "pitch",
//!   "approach", "talking point", "hook", "icebreaker", "suggest", "recommend", "next step",
//!   "personali"): an imperative recommendation ("Congratulate Dana on … and ask how …").
//! * A yes/no question (starting "is", "does", "do", "has", "are", "can" … and containing "?",
//!   or saying "yes/no", "yes or no") answers "Yes, …" / "No, …", grounded in the record.
//! * Otherwise a statement in the tool's voice: `AI_WEB_RESEARCH` leads with funding, news and
//!   web presence; `AI_DATA_ANALYSIS` with size, revenue and growth against industry
//!   benchmarks; `AI_CONVERSATION_INTELLIGENCE` with conversation signals; `AI_EMAILER` with a
//!   personal opener; no tool gives a neutral summary. `TEXT` holds up to three sentences
//!   (always under 2,000 characters); `LARGE_TEXT` two short paragraphs.
//! * Topic words move facts to the front: funding ("fund", "raise", "investor", "series"),
//!   news ("news", "recent", "launch", "trigger", "activity"), signals ("call", "conversation",
//!   "pain", "objection"), technology ("tech", "stack", "tool", "integration"), size
//!   ("employee", "headcount", "size"), revenue, growth ("growth", "hiring", "scale"), location
//!   ("where", "located", "headquarter"), industry ("industry", "sector", "market"), role
//!   ("role", "title", "persona"), website ("website", "domain").
//! * `COLUMN` inputs are woven in: "Given the title you noted, 'VP RevOps', …" (the first
//!   non-blank one).
//! * `KNOWLEDGE_BASE` ids (see [`knowledge_base_attributes`]) restrict the facts used to the
//!   declared attributes whenever any of them has data for the row.

use crate::graph::{self, Company, Contact};
use crate::model::{AiTool, AudienceType, DataType};

/// One AI cell to generate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AiRequest<'a> {
    /// The column's tool; `None` is the default AI workflow.
    pub(crate) tool: Option<AiTool>,
    /// The column's prompt.
    pub(crate) prompt: &'a str,
    /// The column's data type (callers pass `TEXT` when the column has none).
    pub(crate) data_type: DataType,
    /// The column's display name.
    pub(crate) column_name: &'a str,
    /// The row's matched contact (CONTACT audiences).
    pub(crate) contact: Option<&'a Contact>,
    /// The matched company (or the contact's company).
    pub(crate) company: Option<&'a Company>,
    /// COLUMN dependencies: (column display name, value as text).
    pub(crate) column_inputs: &'a [(String, String)],
    /// KNOWLEDGE_BASE dependency ids the column declared.
    pub(crate) knowledge: &'a [String],
}

/// A generated cell value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AiValue {
    /// Text (also URLs, emails, phones, dates, ids, JSON objects and Markdown).
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    TextList(Vec<String>),
    /// A list of numbers.
    NumberList(Vec<f64>),
}

impl AiValue {
    /// The value as JSON (numbers that are whole stay integers).
    pub(crate) fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        let number = |n: f64| {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Value::from(n as i64)
            } else {
                Value::from(n)
            }
        };
        match self {
            Self::Text(s) => Value::from(s.as_str()),
            Self::Number(n) => number(*n),
            Self::Bool(b) => Value::from(*b),
            Self::TextList(items) => Value::from(items.clone()),
            Self::NumberList(items) => Value::Array(items.iter().map(|n| number(*n)).collect()),
        }
    }

    /// The value as display text (lists joined with ", ").
    #[cfg(test)]
    pub(crate) fn to_text(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Self::Number(n) => format!("{n}"),
            Self::Bool(b) => b.to_string(),
            Self::TextList(items) => items.join(", "),
            Self::NumberList(items) => items
                .iter()
                .map(|n| Self::Number(*n).to_text())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Why a cell could not be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AiFailure {
    /// One-line summary.
    pub(crate) summary: String,
    /// Longer explanation.
    pub(crate) description: String,
}

/// A knowledge-base attribute an AI column may declare as a dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnowledgeAttribute {
    /// ZoomInfo Data-API field name, e.g. `companyName`.
    pub(crate) id: &'static str,
    /// Display name.
    pub(crate) name: &'static str,
    /// What it holds.
    pub(crate) description: &'static str,
    /// Its data type.
    pub(crate) data_type: DataType,
}

/// Shorthand for a [`KnowledgeAttribute`].
const fn attr(
    id: &'static str,
    name: &'static str,
    description: &'static str,
    data_type: DataType,
) -> KnowledgeAttribute {
    KnowledgeAttribute {
        id,
        name,
        description,
        data_type,
    }
}

/// Company attributes, in display order.
const COMPANY_ATTRIBUTES: &[KnowledgeAttribute] = &[
    attr(
        "companyName",
        "Company Name",
        "The company's name.",
        DataType::Text,
    ),
    attr(
        "companyWebsite",
        "Company Website",
        "The company's primary website.",
        DataType::Url,
    ),
    attr(
        "companyDescription",
        "Company Description",
        "What the company does, in a sentence or two.",
        DataType::LargeText,
    ),
    attr(
        "industries",
        "Industries",
        "Primary and secondary industries.",
        DataType::StringList,
    ),
    attr(
        "employeeCount",
        "Employee Count",
        "Number of employees.",
        DataType::Integer,
    ),
    attr(
        "revenue",
        "Revenue",
        "Estimated annual revenue in US dollars.",
        DataType::Currency,
    ),
    attr(
        "technologies",
        "Technologies",
        "Technologies the company is known to use.",
        DataType::StringList,
    ),
    attr(
        "fundingHistory",
        "Funding History",
        "Latest funding round with amount, date and investors, and total raised.",
        DataType::Text,
    ),
    attr(
        "recentNews",
        "Recent News",
        "Dated news items from the last eighteen months.",
        DataType::StringList,
    ),
    attr(
        "employeeGrowth",
        "Employee Growth",
        "Year-over-year headcount growth in percent.",
        DataType::Percent,
    ),
    attr(
        "companyLocation",
        "Company Location",
        "Headquarters city, state and country.",
        DataType::Text,
    ),
];

/// Contact attributes (CONTACT audiences only).
const CONTACT_ATTRIBUTES: &[KnowledgeAttribute] = &[
    attr(
        "jobTitle",
        "Job Title",
        "The contact's job title.",
        DataType::Text,
    ),
    attr(
        "managementLevel",
        "Management Level",
        "The contact's management level.",
        DataType::Picklist,
    ),
    attr(
        "department",
        "Department",
        "The contact's department.",
        DataType::Text,
    ),
    attr(
        "contactCity",
        "Contact City",
        "The city the contact works in.",
        DataType::Text,
    ),
];

/// The conversation-intelligence attribute.
const SIGNALS_ATTRIBUTE: KnowledgeAttribute = attr(
    "conversationSignals",
    "Conversation Signals",
    "Topics raised in recent sales conversations.",
    DataType::StringList,
);

/// The knowledge-base attributes a tool offers for an audience type. `AI_EMAILER` and
/// `AI_CONVERSATION_INTELLIGENCE` offer fewer than `AI_WEB_RESEARCH` and `AI_DATA_ANALYSIS`;
/// only `AI_CONVERSATION_INTELLIGENCE` offers `conversationSignals`.
pub(crate) fn knowledge_base_attributes(
    audience: AudienceType,
    tool: AiTool,
) -> Vec<KnowledgeAttribute> {
    let pick = |list: &[KnowledgeAttribute], ids: &[&str]| -> Vec<KnowledgeAttribute> {
        list.iter()
            .filter(|a| ids.contains(&a.id))
            .copied()
            .collect()
    };
    let (mut out, contact_ids): (Vec<KnowledgeAttribute>, &[&str]) = match tool {
        AiTool::AiWebResearch | AiTool::AiDataAnalysis => (
            COMPANY_ATTRIBUTES.to_vec(),
            &["jobTitle", "managementLevel", "department", "contactCity"],
        ),
        AiTool::AiConversationIntelligence => {
            let mut v = pick(
                COMPANY_ATTRIBUTES,
                &[
                    "companyName",
                    "industries",
                    "employeeCount",
                    "technologies",
                    "recentNews",
                ],
            );
            v.push(SIGNALS_ATTRIBUTE);
            (v, &["jobTitle", "department"])
        }
        AiTool::AiEmailer => (
            pick(
                COMPANY_ATTRIBUTES,
                &[
                    "companyName",
                    "companyDescription",
                    "industries",
                    "fundingHistory",
                    "recentNews",
                ],
            ),
            &["jobTitle", "managementLevel"],
        ),
    };
    if audience == AudienceType::Contact {
        out.extend(pick(CONTACT_ATTRIBUTES, contact_ids));
    }
    out
}

/// The text of a knowledge-base attribute for a row (`None` when the id is unknown or the row
/// has no such data). Lists are joined with ", " (news and signals with "; ").
#[cfg(test)]
pub(crate) fn knowledge_value(
    attr_id: &str,
    contact: Option<&Contact>,
    company: Option<&Company>,
) -> Option<String> {
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    match attr_id {
        "jobTitle" => contact.map(|c| c.job_title.clone()),
        "managementLevel" => contact.map(|c| c.management_level.clone()),
        "department" => contact.map(|c| c.department.clone()),
        "contactCity" => contact.map(|c| c.city.clone()),
        "contactName" => contact.map(Contact::full_name),
        "contactEmail" => contact.map(|c| c.email.clone()),
        _ => {
            let c = company?;
            match attr_id {
                "companyName" => Some(c.name.clone()),
                "companyWebsite" => Some(c.website.clone()),
                "companyDescription" => Some(c.description.clone()),
                "industries" => non_empty(c.industries.join(", ")),
                "employeeCount" => Some(c.employee_count.to_string()),
                "revenue" => Some(c.revenue_usd.to_string()),
                "technologies" => non_empty(c.technologies.join(", ")),
                "fundingHistory" => c.funding.as_ref().map(|f| {
                    format!(
                        "{}: {} on {} led by {} (total raised {})",
                        f.round,
                        exact_money(f.amount_usd),
                        f.date,
                        f.investors.join(", "),
                        exact_money(c.total_funding_usd)
                    )
                }),
                "recentNews" => non_empty(
                    c.news
                        .iter()
                        .map(graph::NewsItem::line)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                "conversationSignals" => non_empty(c.conversation_signals.join("; ")),
                "employeeGrowth" => Some(format!("{}", c.employee_growth_pct)),
                "companyLocation" => Some(format!("{}, {}, {}", c.city, c.state, c.country)),
                _ => None,
            }
        }
    }
}

/// Generates one AI cell. See the module documentation for the rules.
pub(crate) fn generate(req: &AiRequest<'_>) -> Result<AiValue, AiFailure> {
    if req.prompt.trim().is_empty() {
        return Err(AiFailure {
            summary: "Empty prompt".to_owned(),
            description:
                "The AI column has no prompt; add instructions describing the value to generate."
                    .to_owned(),
        });
    }
    if req.contact.is_none() && req.company.is_none() {
        return Err(AiFailure {
            summary: "No matched record".to_owned(),
            description: "The row did not match a ZoomInfo contact or company, so there is nothing to ground the AI output in.".to_owned(),
        });
    }
    let ctx = Ctx::new(req);
    Ok(match req.data_type {
        DataType::Boolean | DataType::Checkbox => AiValue::Bool(ctx.yes_no().0),
        DataType::Integer | DataType::Decimal | DataType::Currency | DataType::Percent => {
            AiValue::Number(ctx.number())
        }
        DataType::NumberList => AiValue::NumberList(ctx.number_list()),
        DataType::StringList | DataType::Multipicklist => AiValue::TextList(ctx.text_list()),
        DataType::EmailList => AiValue::TextList(
            req.contact
                .map(|c| vec![c.email.clone()])
                .unwrap_or_default(),
        ),
        DataType::UrlList => AiValue::TextList(ctx.urls()),
        DataType::PhoneList => AiValue::TextList(ctx.phones()),
        DataType::Url => AiValue::Text(ctx.url()),
        DataType::Email => AiValue::Text(req.contact.map(|c| c.email.clone()).unwrap_or_default()),
        DataType::Phone => AiValue::Text(ctx.phones().into_iter().next().unwrap_or_default()),
        DataType::Date => AiValue::Text(ctx.date()),
        DataType::ZiContactId => AiValue::Text(
            req.contact
                .map(|c| c.id.to_string())
                .unwrap_or_else(|| ctx.record_id()),
        ),
        DataType::ZiCompanyId => AiValue::Text(
            req.company
                .map(|c| c.id.to_string())
                .unwrap_or_else(|| ctx.record_id()),
        ),
        DataType::OpaqueIdentifier | DataType::OrdinalIdentifier | DataType::Reference => {
            AiValue::Text(ctx.record_id())
        }
        DataType::Picklist => AiValue::Text(ctx.picklist()),
        DataType::Object => AiValue::Text(ctx.object()),
        DataType::Markup => AiValue::Text(ctx.markup()),
        DataType::Text | DataType::LargeText => AiValue::Text(ctx.prose()),
    })
}

/// A kind of fact the generator can cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    /// Latest funding round.
    Funding,
    /// Latest news item.
    News,
    /// Conversation signals.
    Signal,
    /// Technologies.
    Tech,
    /// Employee count.
    Size,
    /// Revenue.
    Revenue,
    /// Headcount growth.
    Growth,
    /// Headquarters.
    Location,
    /// Industry.
    Industry,
    /// The contact's role.
    Role,
    /// Website.
    Website,
    /// Company description.
    Description,
}

/// Every fact kind (the order used after a tool's own preferences).
const ALL_FACTS: [Fact; 12] = [
    Fact::Funding,
    Fact::News,
    Fact::Signal,
    Fact::Tech,
    Fact::Size,
    Fact::Revenue,
    Fact::Growth,
    Fact::Location,
    Fact::Industry,
    Fact::Role,
    Fact::Website,
    Fact::Description,
];

/// A tool's fact preferences, strongest first.
fn tool_order(tool: Option<AiTool>) -> &'static [Fact] {
    match tool {
        Some(AiTool::AiWebResearch) => &[
            Fact::Funding,
            Fact::News,
            Fact::Website,
            Fact::Size,
            Fact::Tech,
            Fact::Industry,
            Fact::Location,
        ],
        Some(AiTool::AiDataAnalysis) => &[
            Fact::Size,
            Fact::Revenue,
            Fact::Growth,
            Fact::Funding,
            Fact::Industry,
            Fact::Tech,
        ],
        Some(AiTool::AiConversationIntelligence) => &[
            Fact::Signal,
            Fact::Role,
            Fact::Tech,
            Fact::News,
            Fact::Size,
            Fact::Funding,
        ],
        Some(AiTool::AiEmailer) => &[
            Fact::News,
            Fact::Funding,
            Fact::Signal,
            Fact::Growth,
            Fact::Size,
            Fact::Role,
            Fact::Tech,
        ],
        None => &[
            Fact::Industry,
            Fact::Size,
            Fact::Location,
            Fact::Revenue,
            Fact::Funding,
            Fact::News,
            Fact::Role,
        ],
    }
}

/// Prompt words that pull facts to the front.
const TOPICS: &[(&[Fact], &[&str])] = &[
    (
        &[Fact::Funding],
        &[
            "fund",
            "raise",
            "raising",
            "investor",
            "series",
            "capital",
            "valuation",
        ],
    ),
    (
        &[Fact::Funding, Fact::News],
        &["recent activity", "latest activity", "momentum"],
    ),
    (
        &[Fact::News],
        &[
            "news", "recent", "announce", "launch", "event", "trigger", "activity", "press",
            "why now",
        ],
    ),
    (
        &[Fact::Signal],
        &[
            "call",
            "conversation",
            "signal",
            "objection",
            "pain",
            "concern",
            "meeting",
            "discuss",
        ],
    ),
    (
        &[Fact::Tech],
        &[
            "tech",
            "stack",
            "tool",
            "integration",
            "crm",
            "platform",
            "vendor",
        ],
    ),
    (
        &[Fact::Size],
        &[
            "size",
            "employee",
            "headcount",
            "how big",
            "large",
            "people",
        ],
    ),
    (
        &[Fact::Revenue],
        &["revenue", "arr", "financial", "turnover"],
    ),
    (
        &[Fact::Growth],
        &["growth", "growing", "hiring", "expand", "scale"],
    ),
    (
        &[Fact::Location],
        &[
            "where",
            "located",
            "location",
            "headquarter",
            "city",
            "region",
            "office",
        ],
    ),
    (
        &[Fact::Industry],
        &[
            "industry",
            "sector",
            "vertical",
            "market",
            "what does",
            "what they do",
            "business model",
        ],
    ),
    (
        &[Fact::Role],
        &["role", "title", "persona", "responsib", "seniority", "job"],
    ),
    (
        &[Fact::Website],
        &["website", "web presence", "domain", "online presence"],
    ),
    (
        &[Fact::Description],
        &["describe", "description", "overview"],
    ),
];

/// Knowledge-base ids and the facts they unlock.
fn knowledge_fact(id: &str) -> Option<Fact> {
    Some(match id {
        "companyWebsite" => Fact::Website,
        "companyDescription" => Fact::Description,
        "industries" => Fact::Industry,
        "employeeCount" => Fact::Size,
        "revenue" => Fact::Revenue,
        "technologies" => Fact::Tech,
        "fundingHistory" => Fact::Funding,
        "recentNews" => Fact::News,
        "conversationSignals" => Fact::Signal,
        "employeeGrowth" => Fact::Growth,
        "companyLocation" | "contactCity" => Fact::Location,
        "jobTitle" | "managementLevel" | "department" => Fact::Role,
        _ => return None,
    })
}

/// Words that ask for a recommendation rather than a statement.
const ADVICE_WORDS: &[&str] = &[
    "angle",
    "opening",
    "opener",
    "follow-up",
    "follow up",
    "outreach",
    "pitch",
    "approach",
    "talking point",
    "hook",
    "icebreaker",
    "suggest",
    "recommend",
    "next step",
    "personali",
];

/// Everything derived from a request.
struct Ctx<'a> {
    /// The request.
    req: &'a AiRequest<'a>,
    /// Lowercase prompt.
    prompt: String,
    /// The company, if any.
    company: Option<&'a Company>,
    /// The contact, if any.
    contact: Option<&'a Contact>,
    /// Exactly this many sentences were asked for.
    sentences: Option<usize>,
    /// Facts to cite, strongest first (all available for the row).
    facts: Vec<Fact>,
    /// A stable hash of the request, for phrasing variety.
    variant: u64,
    /// The first non-blank COLUMN input: (lowercase name, value).
    input: Option<(String, String)>,
}

/// FNV-1a of several strings (stable across platforms and runs).
fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// "$48M", "$907K", "$2B", "$1,250M": whole units only, so never a full stop.
fn money(v: u64) -> String {
    const M: u64 = 1_000_000;
    const B: u64 = 1_000_000_000;
    if v >= B && (v % B < 50 * M || v >= 10 * B) {
        format!("${}B", (v + B / 2) / B)
    } else if v >= B {
        format!("${}M", thousands((v + M / 2) / M))
    } else if v >= M {
        format!("${}M", (v + M / 2) / M)
    } else if v >= 1_000 {
        format!("${}K", (v + 500) / 1_000)
    } else {
        format!("${v}")
    }
}

#[cfg(test)]
fn exact_money(v: u64) -> String {
    format!("${}", thousands(v))
}

/// "1,200".
fn thousands(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "18.5%" (or "19%" when `plain`, which avoids full stops).
fn percent(v: f64, plain: bool) -> String {
    if plain || v.fract() == 0.0 {
        format!("{}%", v.abs().round() as i64)
    } else {
        format!("{:.1}%", v.abs())
    }
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `s` with its first letter in lower case, unless it starts a proper noun we cannot tell.
fn lower_first(s: &str) -> String {
    const COMMON: &[&str] = &[
        "Congratulate",
        "Mention",
        "Follow",
        "Point",
        "Open",
        "Lead",
        "Speak",
        "Recent",
        "Public",
        "According",
        "In",
        "With",
        "At",
        "Headcount",
        "Its",
        "It",
        "The",
        "Estimated",
        "No",
        "Reference",
        "Growing",
        "As",
        "Teams",
        "We",
        "You",
        "Supporting",
        "Thanks",
        "Congratulations",
        "I",
        "Running",
    ];
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric());
    if COMMON.contains(&first) && first != "I" {
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    } else {
        s.to_owned()
    }
}

/// Lower-cases words for use mid-sentence, keeping acronyms ("IT Infrastructure" gives
/// "IT infrastructure").
fn lower_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let letters: Vec<char> = w.chars().filter(char::is_ascii_alphabetic).collect();
            if letters.len() > 1 && letters.iter().all(char::is_ascii_uppercase) {
                w.to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A department as a team adjective ("IT", "engineering", "leadership").
fn department_phrase(department: &str) -> String {
    match department {
        "C-Suite" => "leadership".to_owned(),
        "Information Technology" => "IT".to_owned(),
        "Engineering & Technical" => "engineering".to_owned(),
        other => lower_words(other),
    }
}

/// Makes `s` a single sentence: internal sentence punctuation becomes commas or goes, and
/// exactly one full stop ends it.
fn one_sentence(s: &str) -> String {
    let trimmed = s.trim().trim_end_matches(['.', '!', '?', ' ', ',', ';']);
    let chars: Vec<char> = trimmed.chars().collect();
    let mut out = String::with_capacity(trimmed.len() + 1);
    for (i, c) in chars.iter().enumerate() {
        match c {
            '.' | '!' | '?' => {
                if chars.get(i + 1).is_some_and(|n| n.is_whitespace()) {
                    out.push(',');
                }
            }
            other => out.push(*other),
        }
    }
    out.push('.');
    out
}

/// A conversation signal as a verb phrase after "the team": "-ing" and adjective notes get "is".
fn signal_phrase(signal: &str) -> String {
    let first = signal.split_whitespace().next().unwrap_or_default();
    if first.ends_with("ing")
        || ["concerned", "frustrated", "interested", "unhappy"].contains(&first)
    {
        format!("is {signal}")
    } else {
        signal.to_owned()
    }
}

/// A news headline without its leading company name: "opened a Denver office".
fn news_predicate(headline: &str, company: &str) -> String {
    headline
        .strip_prefix(company)
        .map_or_else(|| headline.to_owned(), |rest| rest.trim_start().to_owned())
}

/// Appends a date phrase to a predicate, with a comma when the predicate has an appositive.
fn dated(predicate: &str, when: &str) -> String {
    if predicate.contains(',') {
        format!("{predicate}, in {when}")
    } else {
        format!("{predicate} in {when}")
    }
}

/// Whether `needle` occurs in `haystack` starting at a word boundary (it may end mid-word, so
/// "fund" finds "funding" but "arr" does not find "narrative").
fn starts_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        !haystack[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || needle.starts_with(|c: char| !c.is_alphanumeric())
    })
}

/// Whether `needle` occurs in `haystack` on word boundaries.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The lowest/highest numbers of a range in the prompt ("1-100", "1 to 10", "out of 5").
fn score_range(prompt: &str) -> Option<(f64, f64)> {
    let words: Vec<&str> = prompt
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| {
        w.trim_matches(|c: char| !c.is_ascii_digit())
            .parse::<f64>()
            .ok()
    };
    for (i, w) in words.iter().enumerate() {
        if let Some((a, b)) = w.split_once(['-', '/', '\u{2013}'])
            && let (Some(a), Some(b)) = (num(a), num(b))
        {
            if w.contains('/') {
                return Some((0.0, b));
            }
            if b > a {
                return Some((a, b));
            }
        }
        if *w == "to"
            && i > 0
            && let (Some(a), Some(b)) = (
                words.get(i - 1).and_then(|x| num(x)),
                words.get(i + 1).and_then(|x| num(x)),
            )
            && b > a
        {
            return Some((a, b));
        }
        if *w == "of"
            && i > 0
            && words[i - 1] == "out"
            && let Some(b) = words.get(i + 1).and_then(|x| num(x))
        {
            return Some((0.0, b));
        }
    }
    None
}

/// A number the prompt asks for ("top 3", "three technologies"), 1..=10.
fn requested_count(prompt: &str) -> Option<usize> {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let tokens: Vec<&str> = prompt
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    tokens.iter().enumerate().find_map(|(i, t)| {
        let n = t
            .parse::<usize>()
            .ok()
            .or_else(|| WORDS.iter().position(|w| w == t).map(|p| p + 1))?;
        let next = tokens.get(i + 1).copied().unwrap_or_default();
        let prev = if i > 0 { tokens[i - 1] } else { "" };
        let listy = prev == "top" || prev == "list" || (next.ends_with('s') && next != "sentences");
        ((1..=10).contains(&n) && listy).then_some(n)
    })
}

impl<'a> Ctx<'a> {
    /// Derives the context of a request.
    fn new(req: &'a AiRequest<'a>) -> Self {
        let prompt = req.prompt.to_lowercase();
        let sentences = if [
            "one sentence",
            "one line",
            "single sentence",
            "1 sentence",
            "a sentence",
            "a single line",
            "one-sentence",
            "one-liner",
        ]
        .iter()
        .any(|k| prompt.contains(k))
        {
            Some(1)
        } else if ["two sentences", "2 sentences"]
            .iter()
            .any(|k| prompt.contains(k))
        {
            Some(2)
        } else if ["three sentences", "3 sentences"]
            .iter()
            .any(|k| prompt.contains(k))
        {
            Some(3)
        } else {
            None
        };
        let tool = req.tool.map_or("default", AiTool::as_str);
        let ids = format!(
            "{}/{}",
            req.company.map_or(0, |c| c.id),
            req.contact.map_or(0, |c| c.id)
        );
        let variant = stable_hash(&[tool, req.prompt, req.column_name, &ids]);
        let input = req
            .column_inputs
            .iter()
            .find(|(_, v)| !v.trim().is_empty())
            .map(|(n, v)| {
                let mut value: String = v.trim().chars().take(80).collect();
                if sentences == Some(1) {
                    value.retain(|c| !matches!(c, '.' | '!' | '?'));
                }
                (n.trim().to_lowercase(), value)
            });
        let mut ctx = Self {
            req,
            prompt,
            company: req.company,
            contact: req.contact,
            sentences,
            facts: Vec::new(),
            variant,
            input,
        };
        ctx.facts = ctx.order_facts();
        ctx
    }

    /// Whether the row has data for a fact.
    fn available(&self, fact: Fact) -> bool {
        let Some(c) = self.company else {
            return matches!(fact, Fact::Role | Fact::Location) && self.contact.is_some();
        };
        match fact {
            Fact::Funding => c.funding.is_some(),
            Fact::News => !c.news.is_empty(),
            Fact::Signal => !c.conversation_signals.is_empty(),
            Fact::Tech => !c.technologies.is_empty(),
            Fact::Role => self.contact.is_some(),
            Fact::Website | Fact::Description => self.sentences != Some(1),
            Fact::Size | Fact::Revenue | Fact::Growth | Fact::Location | Fact::Industry => true,
        }
    }

    /// Facts in citation order: prompt topics first, then the tool's preferences, then the
    /// rest; restricted to declared knowledge when that leaves anything.
    fn order_facts(&self) -> Vec<Fact> {
        let mut order: Vec<Fact> = Vec::with_capacity(ALL_FACTS.len());
        let push = |f: Fact, order: &mut Vec<Fact>| {
            if !order.contains(&f) {
                order.push(f);
            }
        };
        let base = tool_order(self.req.tool);
        // Each specialised tool keeps its signature fact in front of any prompt topic.
        match self.req.tool {
            Some(AiTool::AiConversationIntelligence) => push(Fact::Signal, &mut order),
            Some(AiTool::AiDataAnalysis) => push(Fact::Size, &mut order),
            _ => {}
        }
        for (facts, words) in TOPICS {
            if self.asks(words) {
                let mut mentioned: Vec<Fact> = facts.to_vec();
                mentioned.sort_by_key(|f| base.iter().position(|b| b == f).unwrap_or(usize::MAX));
                for f in mentioned {
                    push(f, &mut order);
                }
            }
        }
        for f in base.iter().chain(ALL_FACTS.iter()) {
            push(*f, &mut order);
        }
        let available: Vec<Fact> = order.into_iter().filter(|f| self.available(*f)).collect();
        let allowed: Vec<Fact> = self
            .req
            .knowledge
            .iter()
            .filter_map(|k| knowledge_fact(k))
            .collect();
        let restricted: Vec<Fact> = available
            .iter()
            .copied()
            .filter(|f| allowed.contains(f))
            .collect();
        if restricted.is_empty() {
            available
        } else {
            restricted
        }
    }

    /// Whether the prompt contains any of the words.
    fn asks(&self, words: &[&str]) -> bool {
        words.iter().any(|w| starts_word(&self.prompt, w))
    }

    /// A phrasing choice among `n`.
    fn pick(&self, salt: u64, n: usize) -> usize {
        (graph_mix(self.variant ^ salt) % n.max(1) as u64) as usize
    }

    /// Whether text must be exactly one sentence.
    fn one(&self) -> bool {
        self.sentences == Some(1)
    }

    /// The company's short name ("their company" without a company).
    fn co(&self) -> String {
        self.company
            .map_or_else(|| "their company".to_owned(), |c| c.short_name().to_owned())
    }

    /// The contact's first name.
    fn first(&self) -> Option<&str> {
        self.contact.map(|c| c.first_name.as_str())
    }

    /// "the Seattle sales operations team" or "the Northwind team".
    fn team(&self) -> String {
        match self.contact {
            Some(c) if c.job_function == "Board of Directors" => format!("the {} board", self.co()),
            Some(c) => format!("the {} {} team", c.city, lower_words(&c.job_function)),
            None => format!("the {} team", self.co()),
        }
    }

    /// What the contact's team is likely to care about.
    fn focus(&self) -> &'static str {
        let Some(c) = self.contact else {
            return "go-to-market execution";
        };
        match (c.department.as_str(), c.job_function.as_str()) {
            ("Sales", f) if f.contains("Operations") => "lead routing and pipeline coverage",
            ("Sales", _) => "pipeline coverage",
            ("Marketing", _) => "demand generation",
            ("Engineering & Technical", _) => "engineering velocity",
            ("Finance", _) => "spend visibility",
            ("Human Resources", _) => "hiring and onboarding",
            ("Operations", "Customer Success") => "customer retention",
            ("Operations", _) => "operational efficiency",
            ("Information Technology", _) => "security and tooling",
            ("Legal", _) => "contract and compliance reviews",
            _ => "company-wide growth",
        }
    }

    /// The Nth fact in order, if any.
    fn fact(&self, n: usize) -> Option<Fact> {
        self.facts.get(n).copied()
    }

    /// Figures are written without decimals when the text must be one sentence.
    fn pct(&self, v: f64) -> String {
        percent(v, self.one())
    }

    /// A predicate about the company for a fact: "raised a $48M Series C in August 2026".
    fn clause(&self, fact: Fact) -> String {
        let co = self.co();
        let Some(c) = self.company else {
            return self.contact.map_or_else(String::new, |p| {
                format!("employs {} as {}", p.full_name(), p.job_title)
            });
        };
        match fact {
            Fact::Funding => c.funding.as_ref().map_or_else(
                || "has no disclosed funding".to_owned(),
                |f| {
                    let lead = f
                        .investors
                        .first()
                        .map_or_else(String::new, |i| format!(" led by {i}"));
                    format!(
                        "raised a {} {} in {}{lead}",
                        money(f.amount_usd),
                        f.round,
                        graph::month_year(&f.date)
                    )
                },
            ),
            Fact::News => c.news.first().map_or_else(
                || "has been quiet in the news".to_owned(),
                |n| {
                    dated(
                        &news_predicate(&n.headline, &co),
                        &graph::month_year(&n.date),
                    )
                },
            ),
            Fact::Signal => {
                let signals: Vec<String> = c
                    .conversation_signals
                    .iter()
                    .take(2)
                    .map(|s| signal_phrase(s))
                    .collect();
                format!("has a team that recently {}", join_and(&signals))
            }
            Fact::Tech => format!(
                "runs on {}",
                join_and(&c.technologies.iter().take(3).cloned().collect::<Vec<_>>())
            ),
            Fact::Size => format!(
                "has about {} employees",
                thousands(u64::from(c.employee_count))
            ),
            Fact::Revenue => format!(
                "brings in an estimated {} in annual revenue",
                money(c.revenue_usd)
            ),
            Fact::Growth if c.employee_growth_pct < 0.0 => {
                format!(
                    "shrank headcount {} over the past year",
                    self.pct(c.employee_growth_pct)
                )
            }
            Fact::Growth => format!(
                "grew headcount {} over the past year",
                self.pct(c.employee_growth_pct)
            ),
            Fact::Location => format!("is headquartered in {}", c.locality()),
            Fact::Industry => format!("works in {}", lower_words(&c.sub_industry)),
            Fact::Role => self.contact.map_or_else(
                || format!("sells into {}", lower_words(&c.primary_industry)),
                |p| format!("employs {} as {}", p.full_name(), p.job_title),
            ),
            Fact::Website => {
                let first = c
                    .description
                    .split(". ")
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('.');
                let what = news_predicate(first, c.short_name());
                match what.strip_prefix("is ") {
                    Some(rest) => format!("describes itself on {} as {rest}", c.domain),
                    None => format!("describes itself on {} as a company that {what}", c.domain),
                }
            }
            Fact::Description => format!("describes itself this way: {}", c.description),
        }
    }

    /// A standalone sentence for a fact (ends with a full stop).
    fn standalone(&self, fact: Fact) -> String {
        let co = self.co();
        let Some(c) = self.company else {
            return self.contact.map_or_else(String::new, |p| {
                format!(
                    "{} is {} based in {}.",
                    p.full_name(),
                    p.job_title,
                    p.locality()
                )
            });
        };
        match fact {
            Fact::Funding => match &c.funding {
                Some(f) => format!(
                    "{co} raised a {} {} in {}{}, bringing total funding to about {}.",
                    money(f.amount_usd),
                    f.round,
                    graph::month_year(&f.date),
                    f.investors
                        .first()
                        .map_or_else(String::new, |i| format!(" led by {i}")),
                    money(c.total_funding_usd)
                ),
                None => format!("{co} has no disclosed outside funding."),
            },
            Fact::News => match c.news.first() {
                Some(n) => format!("In {}, {}.", graph::month_year(&n.date), n.headline),
                None => format!("{co} has had no notable news recently."),
            },
            Fact::Signal => match c.conversation_signals.as_slice() {
                [] => format!("No recent conversation signals are on record for {co}."),
                signals => format!(
                    "In recent calls the {co} team {}.",
                    join_and(
                        &signals
                            .iter()
                            .take(3)
                            .map(|s| signal_phrase(s))
                            .collect::<Vec<_>>()
                    )
                ),
            },
            Fact::Tech => format!(
                "{co}'s stack includes {}.",
                join_and(&c.technologies.iter().take(4).cloned().collect::<Vec<_>>())
            ),
            Fact::Size => format!(
                "{co} has about {} employees ({} range).",
                thousands(u64::from(c.employee_count)),
                c.employee_range
            ),
            Fact::Revenue => format!(
                "Estimated annual revenue is about {} ({}).",
                money(c.revenue_usd),
                c.revenue_range
            ),
            Fact::Growth if c.employee_growth_pct < 0.0 => {
                format!(
                    "Headcount fell {} over the past year.",
                    self.pct(c.employee_growth_pct)
                )
            }
            Fact::Growth => format!(
                "Headcount grew {} over the past year.",
                self.pct(c.employee_growth_pct)
            ),
            Fact::Location => format!(
                "{co} is headquartered in {} ({} area).",
                c.locality(),
                c.metro_area
            ),
            Fact::Industry => format!("{co} operates in {}.", join_and(&c.industries)),
            Fact::Role => self.contact.map_or_else(String::new, |p| {
                format!(
                    "{} is {} in {}, based in {}.",
                    p.full_name(),
                    p.job_title,
                    p.department,
                    p.city
                )
            }),
            Fact::Website => format!("{co}'s website is {}.", c.website),
            Fact::Description => c.description.clone(),
        }
    }

    /// An imperative opener for a recommendation: "Congratulate Dana on …".
    fn advice_opener(&self, fact: Fact) -> String {
        let co = self.co();
        let who = self
            .first()
            .map_or_else(|| format!("the {co} team"), str::to_owned);
        let Some(c) = self.company else {
            return format!("Speak to {who}'s remit");
        };
        match fact {
            Fact::Funding => c.funding.as_ref().map_or_else(
                || format!("Open with {co}'s growth plans"),
                |f| {
                    format!(
                        "Congratulate {who} on {co}'s {} {} ({})",
                        money(f.amount_usd),
                        f.round,
                        graph::month_year(&f.date)
                    )
                },
            ),
            Fact::News => c.news.first().map_or_else(
                || format!("Open with {co}'s plans for the year"),
                |n| {
                    format!(
                        "Mention that {co} {}",
                        dated(
                            &news_predicate(&n.headline, &co),
                            &graph::month_year(&n.date)
                        )
                    )
                },
            ),
            Fact::Signal => c.conversation_signals.first().map_or_else(
                || format!("Open with a discovery question about {co}'s priorities"),
                |s| {
                    format!(
                        "Follow up on the recent call where the {co} team {}",
                        signal_phrase(s)
                    )
                },
            ),
            Fact::Tech => format!(
                "Point to how {co} already runs {}",
                join_and(&c.technologies.iter().take(2).cloned().collect::<Vec<_>>())
            ),
            Fact::Size => format!(
                "Open with what it takes to support {} employees at {co}",
                thousands(u64::from(c.employee_count))
            ),
            Fact::Revenue => format!(
                "Lead with {co}'s estimated {} in annual revenue",
                money(c.revenue_usd)
            ),
            Fact::Growth => format!(
                "Open with {co}'s {} headcount growth over the past year",
                self.pct(c.employee_growth_pct)
            ),
            Fact::Location => format!("Open with {co}'s {} base", c.city),
            Fact::Industry => format!(
                "Lead with the pressures facing {} companies like {co}",
                lower_words(&c.sub_industry)
            ),
            Fact::Role => self.contact.map_or_else(
                || format!("Open with {co}'s priorities"),
                |p| format!("Speak to {}'s remit as {}", p.first_name, p.job_title),
            ),
            Fact::Website => format!("Reference what {co} highlights on {}", c.domain),
            Fact::Description => format!("Open with how {co} describes its business"),
        }
    }

    /// The fact that supplies a recommendation's goal: the tool's preferred one that the row
    /// has, is allowed and is not the lead; `None` gives a generic goal.
    fn goal_fact(&self, lead: Fact) -> Option<Fact> {
        let prefs: &[Fact] = match self.req.tool {
            Some(AiTool::AiWebResearch) => &[Fact::Size, Fact::Growth, Fact::Tech, Fact::Industry],
            Some(AiTool::AiDataAnalysis) => &[
                Fact::Funding,
                Fact::Growth,
                Fact::Revenue,
                Fact::Tech,
                Fact::Size,
            ],
            Some(AiTool::AiConversationIntelligence) => {
                &[Fact::Signal, Fact::Tech, Fact::Role, Fact::Size]
            }
            Some(AiTool::AiEmailer) => &[Fact::Size, Fact::Signal, Fact::Growth, Fact::Tech],
            None => &[Fact::Industry, Fact::Size, Fact::Growth],
        };
        let more_signals = self
            .company
            .is_some_and(|c| c.conversation_signals.len() > 1);
        let usable = |f: &Fact| {
            self.facts.contains(f) && (*f != lead || (*f == Fact::Signal && more_signals))
        };
        prefs.iter().copied().find(usable).or_else(|| {
            self.facts.iter().copied().find(|f| {
                usable(f) && !matches!(f, Fact::Location | Fact::Website | Fact::Description)
            })
        })
    }

    /// An infinitive goal: "scale lead routing and pipeline coverage as Northwind grows past …".
    fn goal(&self, fact: Option<Fact>) -> String {
        let co = self.co();
        let focus = self.focus();
        let (Some(c), Some(fact)) = (self.company, fact) else {
            return format!("improve {focus}");
        };
        match fact {
            Fact::Funding => c.funding.as_ref().map_or_else(
                || format!("improve {focus}"),
                |f| {
                    format!(
                        "put the new {} {} to work on {focus}",
                        money(f.amount_usd),
                        f.round
                    )
                },
            ),
            Fact::News => c.news.first().map_or_else(
                || format!("improve {focus}"),
                |n| {
                    format!(
                        "build on the news that {co} {}",
                        news_predicate(&n.headline, &co)
                    )
                },
            ),
            Fact::Growth => format!(
                "keep {focus} on track with headcount growing {} a year",
                self.pct(c.employee_growth_pct.max(0.0))
            ),
            Fact::Signal => c
                .conversation_signals
                .get(1)
                .or(c.conversation_signals.first())
                .map_or_else(
                    || format!("improve {focus}"),
                    |s| format!("move forward now that the team {}", signal_phrase(s)),
                ),
            Fact::Tech => c.technologies.first().map_or_else(
                || format!("improve {focus}"),
                |t| format!("get more out of {t} for {focus}"),
            ),
            Fact::Revenue => format!(
                "protect margins on roughly {} in revenue while improving {focus}",
                money(c.revenue_usd)
            ),
            Fact::Industry => format!(
                "stay ahead in {} by improving {focus}",
                lower_words(&c.sub_industry)
            ),
            Fact::Role => self.contact.map_or_else(
                || format!("improve {focus}"),
                |p| format!("prioritize {focus} under its {}", p.job_title),
            ),
            _ => format!(
                "scale {focus} as {co} grows past {} employees",
                thousands(u64::from(c.employee_count))
            ),
        }
    }

    /// One recommendation sentence ("… and ask how … plans to …") and the facts it cites.
    fn advice_sentence(&self) -> (String, Vec<Fact>) {
        let lead = self.fact(0).unwrap_or(Fact::Size);
        let goal_fact = self.goal_fact(lead);
        let goal = self.goal(goal_fact);
        let verb = ["ask how", "ask how", "find out how"][self.pick(11, 3)];
        let opener = match (self.req.tool, self.company) {
            (Some(AiTool::AiDataAnalysis), Some(c))
                if matches!(lead, Fact::Size | Fact::Growth | Fact::Revenue) =>
            {
                let bench =
                    graph::industry_benchmark(&c.primary_industry).map_or_else(String::new, |b| {
                        format!(
                            " versus a typical {} in {}",
                            self.pct(b.median_growth_pct),
                            c.primary_industry
                        )
                    });
                let verb = if c.employee_growth_pct < 0.0 {
                    "shrank"
                } else {
                    "grew"
                };
                format!(
                    "Lead with the numbers: {} has about {} employees and {verb} headcount {} over the past year{bench}",
                    self.co(),
                    thousands(u64::from(c.employee_count)),
                    self.pct(c.employee_growth_pct)
                )
            }
            (None, Some(_))
                if matches!(lead, Fact::Funding | Fact::News | Fact::Growth | Fact::Tech) =>
            {
                format!(
                    "Open by acknowledging that {} {}",
                    self.co(),
                    self.clause(lead)
                )
            }
            _ => self.advice_opener(lead),
        };
        let covered = std::iter::once(lead).chain(goal_fact).collect();
        let long = opener.contains([',', ':']) || opener.split_whitespace().count() > 12;
        let and = if long { ", and" } else { " and" };
        (
            format!("{opener}{and} {verb} {} plans to {goal}.", self.team()),
            covered,
        )
    }

    /// The tool's lead statement (one sentence) and the facts it cites.
    fn lead_sentence(&self) -> (String, Vec<Fact>) {
        let co = self.co();
        let f1 = self.fact(0).unwrap_or(Fact::Size);
        let f2 = self.fact(1);
        let covered: Vec<Fact> = std::iter::once(f1).chain(f2).collect();
        match self.req.tool {
            Some(AiTool::AiWebResearch) => {
                let prefix = [
                    "Recent coverage shows that ",
                    "Public sources show that ",
                    "According to recent news, ",
                ][self.pick(1, 3)];
                let text = match f2 {
                    Some(f2) => {
                        format!("{prefix}{co} {} and {}.", self.clause(f1), self.clause(f2))
                    }
                    None => format!("{prefix}{co} {}.", self.clause(f1)),
                };
                (text, covered)
            }
            Some(AiTool::AiDataAnalysis) => (self.metrics_sentence(), covered),
            Some(AiTool::AiConversationIntelligence) => self.signals_sentence(),
            Some(AiTool::AiEmailer) => self.email_line(),
            None => self.summary_sentence(),
        }
    }

    /// `AI_DATA_ANALYSIS`'s lead: figures against industry benchmarks.
    fn metrics_sentence(&self) -> String {
        let co = self.co();
        let Some(c) = self.company else {
            return self.summary_sentence().0;
        };
        let bench = graph::industry_benchmark(&c.primary_industry);
        let metric = |f: Fact| -> String {
            match f {
                Fact::Size => format!(
                    "has about {} employees, more than roughly {}% of companies in the dataset",
                    thousands(u64::from(c.employee_count)),
                    graph::employee_percentile(c.employee_count)
                ),
                Fact::Revenue => {
                    let per_head = c.revenue_usd / u64::from(c.employee_count.max(1));
                    let against = bench.map_or_else(String::new, |b| {
                        format!(
                            " against a {} benchmark of {}",
                            c.primary_industry,
                            money(b.revenue_per_employee_usd)
                        )
                    });
                    format!(
                        "brings in an estimated {} a year, about {} per employee{against}",
                        money(c.revenue_usd),
                        money(per_head)
                    )
                }
                Fact::Growth => {
                    let verb = if c.employee_growth_pct < 0.0 {
                        "shrank"
                    } else {
                        "grew"
                    };
                    let typical = bench.map_or_else(String::new, |b| {
                        format!(
                            " versus a typical {} in its industry",
                            self.pct(b.median_growth_pct)
                        )
                    });
                    format!(
                        "{verb} headcount {} over the past year{typical}",
                        self.pct(c.employee_growth_pct)
                    )
                }
                Fact::Funding => c.funding.as_ref().map_or_else(
                    || "has no disclosed funding".to_owned(),
                    |f| {
                        format!(
                            "has raised about {} in total, most recently a {} {}",
                            money(c.total_funding_usd),
                            money(f.amount_usd),
                            f.round
                        )
                    },
                ),
                Fact::Tech => format!(
                    "runs {} tracked technologies including {}",
                    c.technologies.len(),
                    join_and(&c.technologies.iter().take(2).cloned().collect::<Vec<_>>())
                ),
                Fact::Signal => format!(
                    "logged {} conversation signals in recent calls",
                    c.conversation_signals.len()
                ),
                Fact::News => format!("logged {} news items since mid-2025", c.news.len()),
                other => self.clause(other),
            }
        };
        let f1 = self.fact(0).unwrap_or(Fact::Size);
        match self.fact(1) {
            Some(f2) => format!("{co} {}, and {}.", metric(f1), metric(f2)),
            None => format!("{co} {}.", metric(f1)),
        }
    }

    /// `AI_CONVERSATION_INTELLIGENCE`'s lead: what recent calls surfaced, and what to do.
    fn signals_sentence(&self) -> (String, Vec<Fact>) {
        let co = self.co();
        let signals = self
            .company
            .map(|c| c.conversation_signals.as_slice())
            .unwrap_or_default();
        if signals.is_empty() || !self.facts.contains(&Fact::Signal) {
            let anchor = self
                .fact(0)
                .filter(|f| *f != Fact::Signal)
                .unwrap_or(Fact::Size);
            let text = format!(
                "No recent conversation signals are on record for {co}, so open the next call with discovery, keeping in mind that {co} {}.",
                self.clause(anchor)
            );
            return (text, vec![anchor]);
        }
        let all = signals.join(" ").to_lowercase();
        let rules: [(&[&str], &str); 5] = [
            (
                &["soc 2", "iso 27001", "dpa", "residency", "sso"],
                "lead the next call with security and compliance proof points",
            ),
            (
                &["pricing", "discount", "budget", "prepay"],
                "address pricing and budget timing early",
            ),
            (
                &[
                    "migration",
                    "comparing",
                    "integrate",
                    "renewal",
                    "consolidate",
                ],
                "bring a concrete migration and integration plan",
            ),
            (
                &["pilot", "references"],
                "offer a scoped pilot backed by relevant customer references",
            ),
            (
                &["hiring freeze", "grow the"],
                "tie the proposal to the team's capacity plans",
            ),
        ];
        let next = rules
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| all.contains(k)))
            .map_or(
                "confirm priorities and timeline on the next call",
                |(_, action)| action,
            );
        let named: Vec<String> = signals.iter().take(2).map(|s| signal_phrase(s)).collect();
        let who = self.contact.map_or_else(
            || format!("the {co} team"),
            |p| format!("{}'s team at {co}", p.first_name),
        );
        (
            format!("In recent calls {who} {}, so {next}.", join_and(&named)),
            vec![Fact::Signal],
        )
    }

    /// The default workflow's neutral summary sentence.
    fn summary_sentence(&self) -> (String, Vec<Fact>) {
        let co = self.co();
        let Some(c) = self.company else {
            return (
                self.standalone(Fact::Role),
                vec![Fact::Role, Fact::Location],
            );
        };
        let rest: Vec<Fact> = self
            .facts
            .iter()
            .copied()
            .filter(|f| !matches!(f, Fact::Industry | Fact::Location | Fact::Role))
            .take(2)
            .collect();
        let clauses: Vec<String> = rest.iter().map(|f| self.clause(*f)).collect();
        let tail = if clauses.is_empty() {
            String::new()
        } else {
            format!(" that {}", join_and(&clauses))
        };
        let what = format!(
            "a {} company based in {}{tail}",
            lower_words(&c.sub_industry),
            c.locality()
        );
        let mut covered = vec![Fact::Industry, Fact::Location, Fact::Role];
        covered.extend(rest);
        let text = match self.contact.filter(|_| self.facts.contains(&Fact::Role)) {
            Some(p) => format!("{} is {} at {co}, {what}.", p.full_name(), p.job_title),
            None => format!("{co} is {what}."),
        };
        (text, covered)
    }

    /// `AI_EMAILER`'s one-line personal opener.
    fn email_line(&self) -> (String, Vec<Fact>) {
        let co = self.co();
        let lead = self.fact(0).unwrap_or(Fact::Size);
        let goal_fact = self.goal_fact(lead);
        let goal = self.goal(goal_fact);
        let opener = match (lead, self.company) {
            (Fact::Funding, Some(c)) => c.funding.as_ref().map(|f| {
                format!(
                    "congratulations on {co}'s {} {} in {}",
                    money(f.amount_usd),
                    f.round,
                    graph::month_year(&f.date)
                )
            }),
            (Fact::News, Some(c)) => c.news.first().map(|n| {
                format!(
                    "I saw that {co} {}",
                    dated(
                        &news_predicate(&n.headline, &co),
                        &graph::month_year(&n.date)
                    )
                )
            }),
            (Fact::Signal, Some(c)) => c.conversation_signals.first().map(|s| {
                format!(
                    "thanks for the recent conversation where your team {}",
                    signal_phrase(s)
                )
            }),
            (Fact::Growth, Some(c)) => Some(format!(
                "{co}'s {} headcount growth over the past year caught my eye",
                self.pct(c.employee_growth_pct)
            )),
            (Fact::Tech, Some(c)) => c
                .technologies
                .first()
                .map(|t| format!("I noticed {co} runs on {t}")),
            _ => None,
        };
        let opener = opener.unwrap_or_else(|| match self.contact {
            Some(p) => format!("your work as {} at {co} caught my eye", p.job_title),
            None => format!("{co}'s growth caught my eye"),
        });
        let name = self
            .first()
            .map_or_else(|| format!("{co} team"), str::to_owned);
        let covered = std::iter::once(lead).chain(goal_fact).collect();
        (
            format!("{name}, {opener}, and I would love to hear how your team plans to {goal}."),
            covered,
        )
    }

    /// "Given the title you noted, 'VP RevOps', " when a COLUMN input exists.
    fn with_input(&self, sentence: &str) -> String {
        match &self.input {
            Some((name, value)) => format!(
                "Given the {name} you noted, '{value}', {}",
                lower_first(sentence)
            ),
            None => sentence.to_owned(),
        }
    }

    /// Whether the prompt is a yes/no question.
    fn is_question(&self) -> bool {
        const STARTS: [&str; 12] = [
            "is ", "does ", "do ", "has ", "have ", "are ", "can ", "was ", "did ", "will ",
            "should ", "would ",
        ];
        let p = self.prompt.trim_start();
        (STARTS.iter().any(|s| p.starts_with(s)) && p.contains('?'))
            || self.asks(&["yes/no", "yes or no", "true or false", "true/false"])
    }

    /// TEXT and LARGE_TEXT values.
    fn prose(&self) -> String {
        let large = self.req.data_type == DataType::LargeText;
        if self.asks(&["subject line"]) || self.req.column_name.to_lowercase().contains("subject") {
            return self.subject();
        }
        let advice = self.asks(ADVICE_WORDS);
        let emailer = self.req.tool == Some(AiTool::AiEmailer);
        if emailer && self.sentences.is_none() {
            return self.email(large);
        }
        let (first, covered) = if self.is_question() && !advice {
            let (yes, reason) = self.yes_no();
            (
                format!("{}, {reason}.", if yes { "Yes" } else { "No" }),
                Vec::new(),
            )
        } else if emailer {
            self.email_line()
        } else if advice {
            self.advice_sentence()
        } else {
            self.lead_sentence()
        };
        let first = self.with_input(&first);
        if self.one() {
            return one_sentence(&first);
        }
        let rest: Vec<String> = self
            .facts
            .iter()
            .filter(|f| !covered.contains(f))
            .map(|f| self.standalone(*f))
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(n) = self.sentences {
            let mut all = vec![first];
            all.extend(rest);
            all.truncate(n);
            return all.join(" ");
        }
        if large {
            let mut p1 = vec![first];
            p1.extend(rest.iter().take(2).cloned());
            let closing = if advice {
                self.lead_sentence().0
            } else {
                self.advice_sentence().0
            };
            let mut p2 = vec![closing];
            p2.extend(rest.iter().skip(2).take(3).cloned());
            return format!("{}\n\n{}", p1.join(" "), p2.join(" "));
        }
        let mut all = vec![first];
        all.extend(rest.into_iter().take(2));
        let mut text = all.join(" ");
        while text.chars().count() >= 2_000 {
            match text.trim_end_matches('.').rfind(". ") {
                Some(cut) => text.truncate(cut + 1),
                None => text = text.chars().take(1_990).collect(),
            }
        }
        text
    }

    /// A subject line of at most 60 characters.
    fn subject(&self) -> String {
        let co = self.co();
        let lead = self.fact(0).unwrap_or(Fact::Size);
        let Some(c) = self.company else {
            return format!("A quick idea for {co}");
        };
        let text = match lead {
            Fact::Funding => c.funding.as_ref().map_or_else(
                || format!("A quick idea for {co}"),
                |f| match self.first() {
                    Some(first) => format!("Congrats on the {}, {first}", f.round),
                    None => format!("{co}'s {} and what comes next", f.round),
                },
            ),
            Fact::News => c.news.first().map_or_else(
                || format!("A quick idea for {co}"),
                |n| {
                    let what = match n.category.as_str() {
                        "product_launch" => "new launch",
                        "expansion" => "expansion",
                        "exec_hire" => "new leadership",
                        "partnership" => "new partnership",
                        "layoffs" => "restructuring",
                        "acquisition" => "acquisition",
                        "funding" => "new funding",
                        _ => "recent news",
                    };
                    format!("Following {co}'s {what}")
                },
            ),
            Fact::Signal => {
                let all = c.conversation_signals.join(" ").to_lowercase();
                let topic = if all.contains("soc 2") || all.contains("iso") || all.contains("sso") {
                    "your security questions"
                } else if all.contains("pricing")
                    || all.contains("budget")
                    || all.contains("discount")
                {
                    "pricing and timing"
                } else if all.contains("migration") || all.contains("integrate") {
                    "your migration plans"
                } else {
                    "our last conversation"
                };
                format!("Following up on {topic}")
            }
            Fact::Tech => c.technologies.first().map_or_else(
                || format!("An idea for {co}"),
                |t| format!("{t} at {co}: a quick idea"),
            ),
            Fact::Size | Fact::Growth => format!("Scaling {} at {co}", self.focus()),
            Fact::Revenue => format!("{co}'s next stage of growth"),
            _ => format!(
                "An idea for {co}'s {} team",
                self.contact.map_or_else(
                    || "leadership".to_owned(),
                    |p| department_phrase(&p.department)
                )
            ),
        };
        if text.chars().count() <= 60 {
            return text;
        }
        let mut out = String::new();
        for word in text.split_whitespace() {
            if out.chars().count() + word.chars().count() + 1 > 60 {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// An email: subject, greeting, two or three paragraphs and a sign-off.
    fn email(&self, large: bool) -> String {
        let co = self.co();
        let focus = self.focus();
        let lead = self.fact(0).unwrap_or(Fact::Size);
        let goal_fact = self.goal_fact(lead).unwrap_or(Fact::Size);
        let greeting = self
            .first()
            .map_or_else(|| format!("Hi {co} team,"), |f| format!("Hi {f},"));
        let opener = match (lead, self.company) {
            (Fact::Funding, Some(c)) => c.funding.as_ref().map(|f| {
                format!(
                    "Congratulations on {co}'s {} {} in {}.",
                    money(f.amount_usd),
                    f.round,
                    graph::month_year(&f.date)
                )
            }),
            (Fact::News, Some(c)) => c.news.first().map(|n| {
                format!(
                    "I saw that {co} {}, congratulations.",
                    dated(
                        &news_predicate(&n.headline, &co),
                        &graph::month_year(&n.date)
                    )
                )
            }),
            (Fact::Signal, Some(c)) => c.conversation_signals.first().map(|s| {
                format!(
                    "Thanks again for the recent conversation, where your team {}.",
                    signal_phrase(s)
                )
            }),
            (Fact::Growth, Some(c)) => Some(format!(
                "{co} has grown headcount {} over the past year, which is impressive.",
                self.pct(c.employee_growth_pct)
            )),
            (Fact::Tech, Some(c)) => Some(format!(
                "I noticed {co} runs on {}.",
                join_and(&c.technologies.iter().take(2).cloned().collect::<Vec<_>>())
            )),
            _ => None,
        };
        let opener = opener.unwrap_or_else(|| match self.contact {
            Some(p) => format!(
                "I am reaching out because of your work as {} at {co}.",
                p.job_title
            ),
            None => format!("I am reaching out because of {co}'s recent growth."),
        });
        let bridge = match (goal_fact, self.company) {
            (Fact::Growth, Some(c)) => format!("Growing headcount {} a year usually puts pressure on {focus}.", self.pct(c.employee_growth_pct.max(0.0))),
            (Fact::Signal, Some(c)) => c.conversation_signals.get(1).or(c.conversation_signals.first()).map_or_else(
                || format!("Teams like yours often tell us {focus} is the hard part."),
                |s| format!("You mentioned that your team {}, and we have helped similar teams with exactly that.", signal_phrase(s)),
            ),
            (Fact::Tech, Some(c)) => c.technologies.first().map_or_else(
                || format!("Teams like yours often tell us {focus} is the hard part."),
                |t| format!("Teams running {t} often use us to get more out of it for {focus}."),
            ),
            (Fact::Revenue, Some(c)) => format!("At roughly {} in revenue, small gains in {focus} add up quickly.", money(c.revenue_usd)),
            (Fact::Industry, Some(c)) => format!("We work with several {} companies on {focus}.", lower_words(&c.sub_industry)),
            (_, Some(c)) => format!("As {co} grows past {} employees, {focus} usually gets harder to manage.", thousands(u64::from(c.employee_count))),
            (_, None) => format!("Teams like yours often tell us {focus} is the hard part."),
        };
        let bridge = self.with_input(&bridge);
        let ask =
            format!("Would you be open to a 20-minute call next week to compare notes on {focus}?");
        let mut body = format!("{opener} {bridge} {ask}");
        if large {
            let extra: Vec<String> = self
                .facts
                .iter()
                .filter(|f| **f != lead && **f != goal_fact)
                .take(2)
                .map(|f| self.standalone(*f))
                .collect();
            body = format!(
                "{body}\n\nFor context, here is what I have on {co}: {} Happy to share how peers approach {focus}.",
                extra.join(" ")
            );
        }
        format!(
            "Subject: {}\n\n{greeting}\n\n{body}\n\nBest regards,",
            self.subject()
        )
    }

    /// A grounded yes/no answer and its reason (a clause without a final full stop).
    fn yes_no(&self) -> (bool, String) {
        let co = self.co();
        let Some(c) = self.company else {
            let senior = self.contact.is_some_and(|p| {
                matches!(
                    p.management_level.as_str(),
                    "C Level Exec" | "VP Level Exec" | "Director" | "Board Member"
                )
            });
            let title = self
                .contact
                .map_or("an unknown role", |p| p.job_title.as_str());
            return (senior, format!("the contact's title is {title}"));
        };
        let p = &self.prompt;
        let mentioned = graph::technology_names()
            .into_iter()
            .filter(|t| contains_word(p, &t.to_lowercase()))
            .max_by_key(|t| t.len());
        let about_use = self.asks(&[
            "use",
            "using",
            "run ",
            "runs ",
            "stack",
            "customer of",
            "tech",
            "installed",
            "adopt",
        ]);
        if let Some(tech) = mentioned.filter(|_| about_use) {
            let uses = c.technologies.iter().any(|t| t == tech);
            return (
                uses,
                if uses {
                    format!("{co} is known to use {tech}")
                } else {
                    format!("{tech} is not among {co}'s known technologies")
                },
            );
        }
        let signals = c.conversation_signals.join("; ").to_lowercase();
        if self.asks(&["soc 2", "security", "compliance", "iso"]) {
            let hit = ["soc 2", "iso", "dpa", "sso", "residency"]
                .iter()
                .any(|k| signals.contains(k));
            return (
                hit,
                if hit {
                    format!("in recent calls the {co} team raised security and compliance topics")
                } else {
                    format!("no security or compliance topics came up in recent calls with {co}")
                },
            );
        }
        if self.asks(&["layoff", "downsiz", "restructur"]) {
            let news = c.news.iter().find(|n| n.category == "layoffs");
            return match news {
                Some(n) => (
                    true,
                    format!("{} ({})", n.headline, graph::month_year(&n.date)),
                ),
                None if c.employee_growth_pct < 0.0 => (
                    true,
                    format!(
                        "{co}'s headcount fell {} over the past year",
                        self.pct(c.employee_growth_pct)
                    ),
                ),
                None => (
                    false,
                    format!(
                        "{co} grew headcount {} over the past year and reported no layoffs",
                        self.pct(c.employee_growth_pct)
                    ),
                ),
            };
        }
        if self.asks(&["acqui"]) {
            let news = c.news.iter().find(|n| n.category == "acquisition");
            return news.map_or_else(
                || {
                    (
                        false,
                        format!("no acquisitions by {co} appear in recent news"),
                    )
                },
                |n| {
                    (
                        true,
                        format!("{} ({})", n.headline, graph::month_year(&n.date)),
                    )
                },
            );
        }
        if self.asks(&["fund", "raise", "venture", "backed", "investor"]) {
            let recent_only =
                self.asks(&["recent", "last year", "12 months", "this year", "past year"]);
            return match &c.funding {
                Some(f) if !recent_only || f.date.as_str() >= "2025-11-20" => (
                    true,
                    format!(
                        "{co} raised a {} {} in {}",
                        money(f.amount_usd),
                        f.round,
                        graph::month_year(&f.date)
                    ),
                ),
                Some(f) => (
                    false,
                    format!(
                        "{co}'s latest round, a {} {}, dates from {}",
                        money(f.amount_usd),
                        f.round,
                        graph::month_year(&f.date)
                    ),
                ),
                None => (false, format!("there is no disclosed funding for {co}")),
            };
        }
        if self.asks(&["public", "ticker", "listed", "ipo", "stock"]) {
            return c.ticker.as_ref().map_or_else(
                || (false, format!("{co} has no stock ticker on record")),
                |t| (true, format!("{co} trades under the ticker {t}")),
            );
        }
        if self.asks(&["hiring", "grow", "expan"]) {
            let yes =
                c.employee_growth_pct > 5.0 || c.news.iter().any(|n| n.category == "expansion");
            let verb = if c.employee_growth_pct < 0.0 {
                "fell"
            } else {
                "grew"
            };
            return (
                yes,
                format!(
                    "{co}'s headcount {verb} {} over the past year",
                    self.pct(c.employee_growth_pct)
                ),
            );
        }
        if self.asks(&[
            "decision",
            "senior",
            "executive",
            "budget holder",
            "buyer",
            "exec",
        ]) && let Some(person) = self.contact
        {
            let yes = matches!(
                person.management_level.as_str(),
                "C Level Exec" | "VP Level Exec" | "Director" | "Board Member"
            );
            return (
                yes,
                format!(
                    "{} is {} ({})",
                    person.full_name(),
                    person.job_title,
                    person.management_level
                ),
            );
        }
        if self.asks(&["enterprise", "large company", "big company"]) {
            let yes = c.employee_count >= 1_000;
            return (
                yes,
                format!(
                    "{co} has about {} employees",
                    thousands(u64::from(c.employee_count))
                ),
            );
        }
        if self.asks(&["small", "smb", "startup", "start-up"]) {
            let yes = c.employee_count < 200
                && (!self.asks(&["startup", "start-up"]) || c.founded_year >= 2015);
            return (
                yes,
                format!(
                    "{co} has about {} employees and was founded in {}",
                    thousands(u64::from(c.employee_count)),
                    c.founded_year
                ),
            );
        }
        if self.asks(&["saas", "software", "tech company", "technology company"]) {
            let yes = graph::industry_benchmark(&c.primary_industry)
                .is_some_and(|b| b.technology_centric);
            return (
                yes,
                format!("{co}'s primary industry is {}", c.primary_industry),
            );
        }
        if self.asks(&["europe", "emea"]) {
            const EUROPE: [&str; 15] = [
                "United Kingdom",
                "Ireland",
                "Germany",
                "France",
                "Netherlands",
                "Sweden",
                "Denmark",
                "Norway",
                "Finland",
                "Switzerland",
                "Spain",
                "Italy",
                "Portugal",
                "Poland",
                "Belgium",
            ];
            return (
                EUROPE.contains(&c.country.as_str()),
                format!("{co} is headquartered in {}", c.locality()),
            );
        }
        if self.asks(&[
            "united states",
            "u s",
            "usa",
            "north america",
            "america",
            " us ",
        ]) {
            let na = self.asks(&["north america"]);
            let yes = c.country == "United States"
                || (na && (c.country == "Canada" || c.country == "Mexico"));
            return (
                yes,
                format!("{co} is headquartered in {}, {}", c.city, c.country),
            );
        }
        if self.asks(&[
            "in market",
            "in-market",
            "buying",
            "evaluat",
            "competitor",
            "shopping",
        ]) {
            let yes = ["evaluating", "comparing", "migration", "pilot", "renewal"]
                .iter()
                .any(|k| signals.contains(k));
            return (
                yes,
                if yes {
                    format!("recent calls show the {co} team is actively evaluating options")
                } else {
                    format!("recent calls with {co} show no active evaluation")
                },
            );
        }
        let fit = self.fit();
        (
            fit >= 0.55,
            format!(
                "{co} scores {:.0} out of 100 on ICP fit given its size, industry and growth",
                fit * 100.0
            ),
        )
    }

    /// ICP fit in 0..=1 from the record, weighted by tool.
    fn fit(&self) -> f64 {
        let Some(c) = self.company else {
            return self.contact.map_or(0.3, |p| seniority(&p.management_level));
        };
        let size = match c.employee_count {
            0..=10 => 0.3,
            11..=50 => 0.6,
            51..=5_000 => 1.0,
            5_001..=20_000 => 0.7,
            _ => 0.5,
        };
        let industry = if graph::industry_benchmark(&c.primary_industry)
            .is_some_and(|b| b.technology_centric)
        {
            1.0
        } else {
            0.55
        };
        let growth = ((c.employee_growth_pct + 10.0) / 40.0).clamp(0.0, 1.0);
        let funding = match &c.funding {
            Some(f) if f.date.as_str() >= "2025-11-20" => 1.0,
            Some(_) => 0.6,
            None => 0.3,
        };
        const GTM: [&str; 10] = [
            "Salesforce",
            "HubSpot",
            "Snowflake",
            "Outreach",
            "Salesloft",
            "Gong",
            "ZoomInfo",
            "Marketo",
            "Segment",
            "LinkedIn Sales Navigator",
        ];
        let tech = (c
            .technologies
            .iter()
            .filter(|t| GTM.contains(&t.as_str()))
            .count() as f64
            / 3.0)
            .min(1.0);
        let signals = (c.conversation_signals.len() as f64 / 3.0).min(1.0);
        let person = self.contact.map_or(0.6, |p| seniority(&p.management_level));
        let weights: [f64; 7] = match self.req.tool {
            Some(AiTool::AiDataAnalysis) => [3.0, 2.0, 3.0, 1.0, 1.0, 0.5, 1.0],
            Some(AiTool::AiWebResearch) => [2.0, 2.0, 1.0, 3.0, 1.5, 0.5, 1.0],
            Some(AiTool::AiConversationIntelligence) => [1.0, 1.0, 1.0, 1.0, 1.0, 4.0, 1.5],
            Some(AiTool::AiEmailer) | None => [2.0, 2.0, 1.5, 1.5, 1.5, 1.0, 1.5],
        };
        let parts = [size, industry, growth, funding, tech, signals, person];
        let total: f64 = weights.iter().sum();
        weights.iter().zip(parts).map(|(w, p)| w * p).sum::<f64>() / total
    }

    /// Numeric values.
    fn number(&self) -> f64 {
        let dt = self.req.data_type;
        let round = |v: f64| {
            if dt == DataType::Integer {
                v.round()
            } else {
                (v * 10.0).round() / 10.0
            }
        };
        if self.asks(&[
            "score",
            "rate this",
            "rate the",
            "rate them",
            "rate it",
            "rate how",
            "rate from",
            "rate on",
            "rating",
            "rank",
            " fit",
            "icp",
            "likelihood",
            "probability",
            "propensity",
            "1-100",
            "1 to 10",
            "out of",
        ]) {
            let (lo, hi) = score_range(&self.prompt).unwrap_or((0.0, 100.0));
            return round(lo + self.fit() * (hi - lo));
        }
        let Some(c) = self.company else {
            let p = self.contact;
            return if self.asks(&["accuracy"]) {
                p.map_or(0.0, |p| f64::from(p.contact_accuracy_score))
            } else {
                p.map_or(0.0, |p| f64::from(p.years_in_role))
            };
        };
        let employees = f64::from(c.employee_count);
        let revenue = c.revenue_usd as f64;
        if self.asks(&["per employee", "per head", "per person"]) {
            return round(revenue / employees.max(1.0));
        }
        if self.asks(&["revenue", "arr", "turnover", "sales volume"]) {
            return revenue;
        }
        if self.asks(&["fund", "raise", "investment"]) {
            let last = self.asks(&["last", "latest", "recent", "round"]);
            return c.funding.as_ref().map_or(0.0, |f| {
                if last {
                    f.amount_usd as f64
                } else {
                    c.total_funding_usd as f64
                }
            });
        }
        if self.asks(&["how old", "age", "years in business", "years old"]) {
            return f64::from(2026u16.saturating_sub(c.founded_year));
        }
        if self.asks(&["founded", "year"]) && !self.asks(&["tenure", "in role"]) {
            return f64::from(c.founded_year);
        }
        if self.asks(&["tenure", "in role", "years in"]) {
            return self.contact.map_or(0.0, |p| f64::from(p.years_in_role));
        }
        if self.asks(&["accuracy"]) {
            return self
                .contact
                .map_or(0.0, |p| f64::from(p.contact_accuracy_score));
        }
        if self.asks(&["technolog", "tools", "stack"]) {
            return c.technologies.len() as f64;
        }
        if self.asks(&["news", "announcement"]) {
            return c.news.len() as f64;
        }
        if self.asks(&["signal"]) {
            return c.conversation_signals.len() as f64;
        }
        if self.asks(&["growth", "growing", "hiring", "change"]) {
            return round(c.employee_growth_pct);
        }
        if self.asks(&["employee", "headcount", "size", "people", "staff"]) {
            return employees;
        }
        match dt {
            DataType::Currency => revenue,
            DataType::Percent | DataType::Decimal => round(c.employee_growth_pct),
            _ => employees,
        }
    }

    /// NUMBER_LIST values: key figures, or fit components for score prompts.
    fn number_list(&self) -> Vec<f64> {
        let Some(c) = self.company else {
            return self
                .contact
                .map(|p| {
                    vec![
                        f64::from(p.contact_accuracy_score),
                        f64::from(p.years_in_role),
                    ]
                })
                .unwrap_or_default();
        };
        if self.asks(&["fund", "raise"]) {
            return c
                .funding
                .as_ref()
                .map(|f| vec![f.amount_usd as f64, c.total_funding_usd as f64])
                .unwrap_or_default();
        }
        let list = vec![
            f64::from(c.employee_count),
            c.revenue_usd as f64,
            c.employee_growth_pct,
        ];
        let n = requested_count(&self.prompt).unwrap_or(list.len());
        list.into_iter().take(n).collect()
    }

    /// STRING_LIST and MULTIPICKLIST values.
    fn text_list(&self) -> Vec<String> {
        let list = self.text_list_uncapped();
        match requested_count(&self.prompt) {
            Some(n) => list.into_iter().take(n).collect(),
            None => list,
        }
    }

    /// The list before any requested cap.
    fn text_list_uncapped(&self) -> Vec<String> {
        let Some(c) = self.company else {
            return self
                .contact
                .map(|p| vec![p.job_title.clone(), p.department.clone(), p.city.clone()])
                .unwrap_or_default();
        };
        let news = || c.news.iter().map(graph::NewsItem::line).collect::<Vec<_>>();
        let talking_points = || -> Vec<String> {
            self.facts
                .iter()
                .take(4)
                .map(|f| self.advice_opener(*f))
                .collect()
        };
        if self.asks(&["tech", "stack", "tool", "software", "vendor"]) {
            return c.technologies.clone();
        }
        if self.asks(&["industr", "sector", "vertical"]) {
            return c.industries.clone();
        }
        if self.asks(&[
            "signal",
            "pain",
            "objection",
            "concern",
            "call",
            "conversation",
            "topic",
        ]) {
            return c.conversation_signals.clone();
        }
        if self.asks(&["news", "event", "trigger", "recent", "announcement"]) {
            return news();
        }
        if self.asks(&["investor", "backer"]) {
            return c
                .funding
                .as_ref()
                .map(|f| f.investors.clone())
                .unwrap_or_default();
        }
        if self.asks(&["talking point", "angle", "bullet", "idea", "hook"]) {
            return talking_points();
        }
        if self.asks(&["tag", "keyword", "label"]) {
            let mut tags = vec![
                c.primary_industry.clone(),
                c.sub_industry.clone(),
                c.employee_range.clone(),
                c.city.clone(),
            ];
            tags.extend(c.funding.as_ref().map(|f| f.round.clone()));
            return tags;
        }
        match self.req.tool {
            Some(AiTool::AiWebResearch) => news(),
            Some(AiTool::AiDataAnalysis) => vec![
                format!("{} employees", thousands(u64::from(c.employee_count))),
                format!("{} estimated revenue", money(c.revenue_usd)),
                format!("{} headcount growth", percent(c.employee_growth_pct, false)),
                format!("{} total funding", money(c.total_funding_usd)),
            ],
            Some(AiTool::AiConversationIntelligence) if !c.conversation_signals.is_empty() => {
                c.conversation_signals.clone()
            }
            Some(AiTool::AiConversationIntelligence | AiTool::AiEmailer) => talking_points(),
            None => c.industries.clone(),
        }
    }

    /// URL_LIST values.
    fn urls(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .company
            .map(|c| vec![c.website.clone(), c.linkedin_url.clone()])
            .unwrap_or_default();
        out.extend(self.contact.map(|p| p.linkedin_url.clone()));
        out
    }

    /// PHONE_LIST values (the contact's first).
    fn phones(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some(p) = self.contact {
            out.push(p.direct_phone.clone());
            out.extend(p.mobile_phone.clone());
        }
        out.extend(self.company.map(|c| c.phone.clone()));
        out
    }

    /// A URL value: LinkedIn when asked, else the website.
    fn url(&self) -> String {
        if self.asks(&["linkedin"]) {
            if let Some(p) = self.contact.filter(|_| !self.asks(&["company"])) {
                return p.linkedin_url.clone();
            }
            if let Some(c) = self.company {
                return c.linkedin_url.clone();
            }
        }
        self.company.map_or_else(
            || {
                self.contact
                    .map(|p| p.linkedin_url.clone())
                    .unwrap_or_default()
            },
            |c| c.website.clone(),
        )
    }

    /// A DATE value: funding date, founding year, or the latest news date.
    fn date(&self) -> String {
        let Some(c) = self.company else {
            return graph::AS_OF_DATE.to_owned();
        };
        if self.asks(&["fund", "raise", "round"])
            && let Some(f) = &c.funding
        {
            return f.date.clone();
        }
        if self.asks(&["founded", "founding"]) {
            return format!("{}-01-01", c.founded_year);
        }
        c.news
            .first()
            .map_or_else(|| graph::AS_OF_DATE.to_owned(), |n| n.date.clone())
    }

    /// The row's id as text (contact first).
    fn record_id(&self) -> String {
        self.contact
            .map(|p| p.id)
            .or(self.company.map(|c| c.id))
            .unwrap_or_default()
            .to_string()
    }

    /// PICKLIST values.
    fn picklist(&self) -> String {
        if self.asks(&["segment", "size", "band"]) {
            let n = self.company.map_or(0, |c| c.employee_count);
            return match n {
                0..=199 => "SMB",
                200..=999 => "Mid-Market",
                _ => "Enterprise",
            }
            .to_owned();
        }
        if self.asks(&["seniority", "level", "persona"])
            && let Some(p) = self.contact
        {
            return p.management_level.clone();
        }
        if self.asks(&["stage", "round"]) {
            return self
                .company
                .and_then(|c| c.funding.as_ref())
                .map_or_else(|| "Unfunded".to_owned(), |f| f.round.clone());
        }
        if self.asks(&["industry", "sector"]) {
            return self
                .company
                .map(|c| c.primary_industry.clone())
                .unwrap_or_default();
        }
        let fit = self.fit();
        if fit >= 0.7 {
            "Tier 1"
        } else if fit >= 0.5 {
            "Tier 2"
        } else {
            "Tier 3"
        }
        .to_owned()
    }

    /// OBJECT values: a JSON object, as text.
    fn object(&self) -> String {
        let mut map = serde_json::Map::new();
        if let Some(c) = self.company {
            map.insert("company".to_owned(), c.short_name().into());
            map.insert("industry".to_owned(), c.primary_industry.as_str().into());
            map.insert("employees".to_owned(), c.employee_count.into());
            map.insert("revenueUsd".to_owned(), c.revenue_usd.into());
            map.insert("location".to_owned(), c.locality().into());
        }
        if let Some(p) = self.contact {
            map.insert("contact".to_owned(), p.full_name().into());
            map.insert("title".to_owned(), p.job_title.as_str().into());
        }
        map.insert(
            "fitScore".to_owned(),
            ((self.fit() * 100.0).round() as i64).into(),
        );
        map.insert("summary".to_owned(), self.lead_sentence().0.into());
        serde_json::Value::Object(map).to_string()
    }

    /// MARKUP values: Markdown with a bold lead and bullet facts.
    fn markup(&self) -> String {
        let mut out = format!("**{}**: {}\n", self.co(), self.lead_sentence().0);
        for f in self.facts.iter().skip(2).take(4) {
            let s = self.standalone(*f);
            if !s.is_empty() {
                out.push_str(&format!("\n- {s}"));
            }
        }
        out
    }
}

/// How senior a management level is, 0..=1.
fn seniority(level: &str) -> f64 {
    match level {
        "C Level Exec" | "VP Level Exec" => 1.0,
        "Director" => 0.8,
        "Board Member" => 0.7,
        "Manager" => 0.6,
        _ => 0.4,
    }
}

/// The SplitMix64 finaliser, for phrasing choices.
const fn graph_mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
