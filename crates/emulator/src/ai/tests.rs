//! Tests of the AI column generator.

use std::sync::OnceLock;

use super::*;
use crate::graph::{DEFAULT_SEED, IdentityGraph};

/// The shared graph.
fn graph() -> &'static IdentityGraph {
    static GRAPH: OnceLock<IdentityGraph> = OnceLock::new();
    GRAPH.get_or_init(|| IdentityGraph::new(DEFAULT_SEED))
}

/// Dana Lin and Northwind.
fn dana() -> (Contact, Company) {
    let g = graph();
    let contact = g
        .contact(1_200_000_001)
        .unwrap_or_else(|| panic!("Dana missing"));
    let company = g
        .company(contact.company_id)
        .unwrap_or_else(|| panic!("Northwind missing"));
    (contact, company)
}

/// The brief's example prompt.
const OPENING: &str = "In one sentence, suggest a relevant opening angle for a sales follow-up with this contact based on their company and recent activity.";

/// A request with defaults.
fn request<'a>(
    tool: Option<AiTool>,
    prompt: &'a str,
    data_type: DataType,
    contact: Option<&'a Contact>,
    company: Option<&'a Company>,
) -> AiRequest<'a> {
    AiRequest {
        tool,
        prompt,
        data_type,
        column_name: "Insight",
        contact,
        company,
        column_inputs: &[],
        knowledge: &[],
    }
}

/// The text of a value, or a panic.
fn text(v: Result<AiValue, AiFailure>) -> String {
    match v {
        Ok(AiValue::Text(s)) => s,
        other => panic!("expected text, got {other:?}"),
    }
}

/// Whether `s` is exactly one sentence: one full stop, at the end, and no ! or ?.
fn is_one_sentence(s: &str) -> bool {
    s.ends_with('.') && s.matches('.').count() == 1 && !s.contains('!') && !s.contains('?')
}

/// Northwind facts any grounded text should cite at least one of.
const NORTHWIND_FACTS: &[&str] = &[
    "$48M",
    "Series C",
    "Seattle",
    "Denver",
    "Route IQ",
    "420",
    "Snowflake",
    "SOC 2",
    "$62M",
    "18",
];

#[test]
#[allow(clippy::print_stderr)]
fn brief_example_is_grounded_and_one_sentence() {
    let (contact, company) = dana();
    for tool in [
        Some(AiTool::AiWebResearch),
        Some(AiTool::AiDataAnalysis),
        Some(AiTool::AiConversationIntelligence),
        Some(AiTool::AiEmailer),
        None,
    ] {
        let s = text(generate(&request(
            tool,
            OPENING,
            DataType::Text,
            Some(&contact),
            Some(&company),
        )));
        eprintln!("{tool:?}: {s}");
        assert!(s.contains("Northwind"), "{s}");
        assert!(NORTHWIND_FACTS.iter().any(|f| s.contains(f)), "{s}");
        assert!(is_one_sentence(&s), "{s}");
    }
    let web = text(generate(&request(
        Some(AiTool::AiWebResearch),
        OPENING,
        DataType::Text,
        Some(&contact),
        Some(&company),
    )));
    assert!(
        web.contains("$48M Series C") && web.contains("Dana"),
        "{web}"
    );
}

#[test]
fn same_request_same_output() {
    let (contact, company) = dana();
    let r = request(
        Some(AiTool::AiWebResearch),
        "Summarize this account",
        DataType::LargeText,
        Some(&contact),
        Some(&company),
    );
    assert_eq!(generate(&r), generate(&r));
    let other = IdentityGraph::new(DEFAULT_SEED);
    let c2 = other.company_at(4242).unwrap_or_else(|| panic!("company"));
    let r1 = request(
        None,
        "Summarize this account",
        DataType::Text,
        None,
        graph().company_at(4242).as_ref().map(|_| &c2),
    );
    assert_eq!(generate(&r1), generate(&r1));
}

#[test]
#[allow(clippy::print_stderr)]
fn tools_differ_and_companies_differ() {
    let (contact, company) = dana();
    let prompt = "Write a short note about this account.";
    let mut seen = Vec::new();
    for tool in [
        Some(AiTool::AiWebResearch),
        Some(AiTool::AiDataAnalysis),
        Some(AiTool::AiConversationIntelligence),
        Some(AiTool::AiEmailer),
        None,
    ] {
        let s = text(generate(&request(
            tool,
            prompt,
            DataType::Text,
            Some(&contact),
            Some(&company),
        )));
        eprintln!("{tool:?}:\n{s}\n");
        assert!(s.chars().count() < 2_000);
        assert!(!seen.contains(&s));
        seen.push(s);
    }
    let g = graph();
    let marco = g.contact(1_200_000_007).unwrap_or_else(|| panic!("Marco"));
    let brightloom = g
        .company(marco.company_id)
        .unwrap_or_else(|| panic!("Brightloom"));
    let a = text(generate(&request(
        None,
        prompt,
        DataType::Text,
        Some(&contact),
        Some(&company),
    )));
    let b = text(generate(&request(
        None,
        prompt,
        DataType::Text,
        Some(&marco),
        Some(&brightloom),
    )));
    assert_ne!(a, b);
    assert!(
        b.contains("Brightloom") && !b.contains("Northwind Route"),
        "{b}"
    );
}

#[test]
fn emailer_writes_an_email_greeting_the_contact() {
    let (contact, company) = dana();
    let s = text(generate(&request(
        Some(AiTool::AiEmailer),
        "Write a follow-up email",
        DataType::LargeText,
        Some(&contact),
        Some(&company),
    )));
    assert!(s.starts_with("Subject: "), "{s}");
    assert!(s.contains("\n\nHi Dana,\n\n"), "{s}");
    assert!(
        s.contains("Northwind") && s.ends_with("Best regards,"),
        "{s}"
    );
    let subject = text(generate(&request(
        Some(AiTool::AiEmailer),
        "Write a subject line for a follow-up",
        DataType::Text,
        Some(&contact),
        Some(&company),
    )));
    assert!(
        subject.chars().count() <= 60 && !subject.contains('\n') && !subject.ends_with('.'),
        "{subject}"
    );
    let line = text(generate(&request(
        Some(AiTool::AiEmailer),
        "Write one sentence to open an email",
        DataType::Text,
        Some(&contact),
        Some(&company),
    )));
    assert!(
        line.starts_with("Dana,") && is_one_sentence(&line),
        "{line}"
    );
    let company_only = text(generate(&request(
        Some(AiTool::AiEmailer),
        "Write an email",
        DataType::Text,
        None,
        Some(&company),
    )));
    assert!(
        company_only.contains("Hi Northwind team,"),
        "{company_only}"
    );
}

#[test]
fn data_type_shapes() {
    let (contact, company) = dana();
    let ask = |prompt: &str, dt: DataType| {
        generate(&request(
            Some(AiTool::AiDataAnalysis),
            prompt,
            dt,
            Some(&contact),
            Some(&company),
        ))
    };
    assert_eq!(
        ask("How many employees?", DataType::Integer),
        Ok(AiValue::Number(420.0))
    );
    assert_eq!(
        ask("Estimated revenue", DataType::Currency),
        Ok(AiValue::Number(62_000_000.0))
    );
    assert_eq!(
        ask("Headcount growth", DataType::Percent),
        Ok(AiValue::Number(18.5))
    );
    match ask("Score ICP fit from 1-10", DataType::Integer) {
        Ok(AiValue::Number(n)) => assert!((1.0..=10.0).contains(&n) && n.fract() == 0.0, "{n}"),
        other => panic!("{other:?}"),
    }
    match ask("Rate this account 1 to 100", DataType::Decimal) {
        Ok(AiValue::Number(n)) => assert!((1.0..=100.0).contains(&n), "{n}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ask("List their technologies", DataType::StringList),
        Ok(AiValue::TextList(company.technologies.clone()))
    );
    assert_eq!(
        ask("Top 3 technologies", DataType::StringList).map(|v| v.to_text()),
        Ok("Salesforce, Snowflake, Amazon Web Services".to_owned())
    );
    assert_eq!(
        ask("Industries", DataType::Multipicklist),
        Ok(AiValue::TextList(company.industries.clone()))
    );
    assert_eq!(
        ask("Conversation pain points", DataType::StringList),
        Ok(AiValue::TextList(company.conversation_signals.clone()))
    );
    assert_eq!(
        ask("Does the company use Snowflake?", DataType::Boolean),
        Ok(AiValue::Bool(true))
    );
    assert_eq!(
        ask("Does the company use Marketo?", DataType::Boolean),
        Ok(AiValue::Bool(false))
    );
    assert_eq!(
        ask("Is it venture backed?", DataType::Checkbox),
        Ok(AiValue::Bool(true))
    );
    assert_eq!(
        ask("Is it publicly traded?", DataType::Boolean),
        Ok(AiValue::Bool(false))
    );
    assert_eq!(
        ask("Is the contact a decision maker?", DataType::Boolean),
        Ok(AiValue::Bool(true))
    );
    assert_eq!(
        ask("Website", DataType::Url),
        Ok(AiValue::Text("https://www.northwind.io".to_owned()))
    );
    assert_eq!(
        ask("Email", DataType::Email),
        Ok(AiValue::Text("dana@northwind.io".to_owned()))
    );
    assert_eq!(
        ask("When did they raise their last round?", DataType::Date),
        Ok(AiValue::Text("2026-08-12".to_owned()))
    );
    assert_eq!(
        ask("Company size segment", DataType::Picklist),
        Ok(AiValue::Text("Mid-Market".to_owned()))
    );
    assert!(
        matches!(ask("Key figures", DataType::NumberList), Ok(AiValue::NumberList(v)) if v.len() == 3)
    );
    let object = ask("Account profile", DataType::Object)
        .map(|v| v.to_text())
        .unwrap_or_default();
    let parsed: serde_json::Value = serde_json::from_str(&object).unwrap_or_default();
    assert_eq!(parsed["company"], "Northwind");
    let md = ask("Account brief", DataType::Markup)
        .map(|v| v.to_text())
        .unwrap_or_default();
    assert!(md.starts_with("**Northwind**"), "{md}");
    let yes = text(ask("Is Northwind growing?", DataType::Text));
    assert!(yes.starts_with("Yes, ") && yes.contains("18.5%"), "{yes}");
    assert_eq!(AiValue::Number(420.0).to_json(), serde_json::json!(420));
    assert_eq!(AiValue::Number(18.5).to_json(), serde_json::json!(18.5));
}

#[test]
fn one_sentence_rule_holds_across_many_rows_and_tools() {
    let g = graph();
    let prompts = [
        OPENING,
        "Summarize this company in one sentence.",
        "In one sentence: what does their recent news suggest?",
        "One line on their tech stack and growth.",
        "Give a single sentence about their conversation signals.",
    ];
    let inputs = vec![("Title".to_owned(), "VP, Rev. Ops.".to_owned())];
    for i in (11..g.contact_count()).step_by(7_919).take(40) {
        let contact = g.contact_at(i).unwrap_or_else(|| panic!("contact {i}"));
        let company = g
            .company(contact.company_id)
            .unwrap_or_else(|| panic!("company"));
        for (n, prompt) in prompts.iter().enumerate() {
            for tool in [
                Some(AiTool::AiWebResearch),
                Some(AiTool::AiDataAnalysis),
                Some(AiTool::AiConversationIntelligence),
                Some(AiTool::AiEmailer),
                None,
            ] {
                let mut r = request(tool, prompt, DataType::Text, Some(&contact), Some(&company));
                if n == 0 {
                    r.column_inputs = &inputs;
                }
                let s = text(generate(&r));
                assert!(is_one_sentence(&s), "{tool:?} {prompt}: {s}");
                assert!(
                    s.contains(company.short_name()) || s.contains(&contact.first_name),
                    "{s}"
                );
            }
        }
    }
}

#[test]
fn column_inputs_and_knowledge_steer_the_text() {
    let (contact, company) = dana();
    let inputs = vec![("Title".to_owned(), "VP RevOps".to_owned())];
    let mut r = request(
        Some(AiTool::AiWebResearch),
        OPENING,
        DataType::Text,
        Some(&contact),
        Some(&company),
    );
    r.column_inputs = &inputs;
    let s = text(generate(&r));
    assert!(
        s.starts_with("Given the title you noted, 'VP RevOps', "),
        "{s}"
    );
    let knowledge = vec!["technologies".to_owned()];
    let mut r = request(
        Some(AiTool::AiWebResearch),
        "Write a short note about this account.",
        DataType::Text,
        Some(&contact),
        Some(&company),
    );
    r.knowledge = &knowledge;
    let s = text(generate(&r));
    assert!(s.contains("Salesforce") && !s.contains("Series C"), "{s}");
}

#[test]
fn text_lengths() {
    let g = graph();
    for i in (2..g.company_count()).step_by(2_999) {
        let company = g.company_at(i).unwrap_or_else(|| panic!("company"));
        for dt in [DataType::Text, DataType::LargeText] {
            for tool in [Some(AiTool::AiWebResearch), Some(AiTool::AiEmailer), None] {
                let s = text(generate(&request(
                    tool,
                    "Research this account and summarize what matters.",
                    dt,
                    None,
                    Some(&company),
                )));
                assert!(s.contains(company.short_name()), "{s}");
                if dt == DataType::Text {
                    assert!(s.chars().count() < 2_000);
                }
            }
        }
    }
}

#[test]
fn failures() {
    let (contact, company) = dana();
    let empty = generate(&request(
        None,
        "   ",
        DataType::Text,
        Some(&contact),
        Some(&company),
    ));
    assert_eq!(empty.map_err(|e| e.summary), Err("Empty prompt".to_owned()));
    let unmatched = generate(&request(None, "Summarize", DataType::Text, None, None));
    assert_eq!(
        unmatched.map_err(|e| e.summary),
        Err("No matched record".to_owned())
    );
}

#[test]
fn knowledge_base_catalogue() {
    let web = knowledge_base_attributes(AudienceType::Contact, AiTool::AiWebResearch);
    let emailer = knowledge_base_attributes(AudienceType::Contact, AiTool::AiEmailer);
    let ci = knowledge_base_attributes(AudienceType::Company, AiTool::AiConversationIntelligence);
    let company_web = knowledge_base_attributes(AudienceType::Company, AiTool::AiWebResearch);
    assert!(emailer.len() < web.len() && ci.len() < company_web.len());
    assert!(
        web.iter().any(|a| a.id == "jobTitle") && !company_web.iter().any(|a| a.id == "jobTitle")
    );
    assert!(
        ci.iter().any(|a| a.id == "conversationSignals")
            && !web.iter().any(|a| a.id == "conversationSignals")
    );
    let (contact, company) = dana();
    for tool in AiTool::ALL {
        for a in knowledge_base_attributes(AudienceType::Contact, *tool) {
            assert!(
                knowledge_value(a.id, Some(&contact), Some(&company)).is_some(),
                "{}",
                a.id
            );
            assert!(
                knowledge_fact(a.id).is_some() || a.id == "companyName",
                "{}",
                a.id
            );
        }
    }
    assert_eq!(
        knowledge_value("companyName", None, Some(&company)).as_deref(),
        Some("Northwind")
    );
    assert_eq!(knowledge_value("jobTitle", None, Some(&company)), None);
    assert_eq!(
        knowledge_value("nope", Some(&contact), Some(&company)),
        None
    );
    assert!(
        knowledge_value("fundingHistory", None, Some(&company))
            .is_some_and(|s| s.contains("$48,000,000"))
    );
}

#[test]
fn helpers() {
    assert_eq!(money(48_000_000), "$48M");
    assert_eq!(money(907_000), "$907K");
    assert_eq!(money(1_250_000_000), "$1,250M");
    assert_eq!(money(12_000_000_000), "$12B");
    assert_eq!(score_range("score 1-10"), Some((1.0, 10.0)));
    assert_eq!(score_range("rate from 1 to 100"), Some((1.0, 100.0)));
    assert_eq!(score_range("a score out of 5"), Some((0.0, 5.0)));
    assert_eq!(requested_count("top 3 technologies"), Some(3));
    assert_eq!(requested_count("list five signals"), Some(5));
    assert_eq!(requested_count("in one sentence"), None);
    assert_eq!(one_sentence("Hello. World!"), "Hello, World.");
    assert!(contains_word("does it use box?", "box") && !contains_word("checkbox", "box"));
    assert!(starts_word("their funding", "fund") && !starts_word("a narrative", "arr"));
}
