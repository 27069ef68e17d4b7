//! What enrichment writes into one row: the match, then FORMULA and AI columns.
//!
//! * **ZOOMINFO_MATCH**: the row's mapped inputs (the audience's match criteria) are matched
//!   against the identity graph: RESULT with the ZoomInfo id; NO_RESULT when nothing matches;
//!   ERROR `Missing match criteria` without criteria and `Insufficient match input` when every
//!   mapped cell is blank (both permanent). Entities the graph marks faulty fail with ERROR:
//!   transient faults are `retryable` and succeed when the cell is enriched again (a cell that
//!   is already a retryable ERROR), permanent ones keep failing.
//! * **AI**: grounded in the row's matched record (its match cell, freshly computed or from an
//!   earlier run); a row without a match ends NO_RESULT. A configurable, deterministic share
//!   of AI cells fails with a retryable `AI provider timeout` on its first attempt.
//! * **FORMULA**: the column's JavaScript over the row's values (see `formula`).

use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value};

use crate::ai::{self, AiRequest};
use crate::graph::matching::MatchOutcome;
use crate::graph::{Company, Contact, EntityFault, IdentityGraph};
use crate::jobs::formula::FormulaEngine;
use crate::model::{AudienceType, CellState, ColumnType, InputType};
use crate::store::audiences::Audience;
use crate::store::rows::{ErrorDetails, Row};
use crate::value;

/// One computed cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// Index into the audience's columns.
    pub(crate) column: usize,
    pub(crate) value: Option<SqlValue>,
    pub(crate) state: CellState,
    pub(crate) error: Option<ErrorDetails>,
}

impl Outcome {
    fn result(column: usize, value: SqlValue) -> Self {
        Self {
            column,
            value: Some(value),
            state: CellState::Result,
            error: None,
        }
    }

    fn no_result(column: usize) -> Self {
        Self {
            column,
            value: None,
            state: CellState::NoResult,
            error: None,
        }
    }

    fn error(column: usize, summary: &str, description: &str, retryable: bool) -> Self {
        Self {
            column,
            value: None,
            state: CellState::Error,
            error: Some(ErrorDetails {
                summary: summary.to_owned(),
                description: description.to_owned(),
                retryable,
            }),
        }
    }
}

/// Settings that shape enrichment results.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// Seed for the deterministic AI failures.
    pub(crate) seed: u64,
    /// Share of AI cells failing (retryably) on their first attempt.
    pub(crate) ai_error_rate: f64,
}

/// The record a row resolved to (a contact with its company, or a company).
enum Entity {
    Contact(Box<(Contact, Option<Company>)>),
    Company(Box<Company>),
}

impl Entity {
    fn id(&self) -> u64 {
        match self {
            Self::Contact(pair) => pair.0.id,
            Self::Company(c) => c.id,
        }
    }

    /// Whether the entity belongs to one of the graph's documented fixture companies
    /// (Northwind, Brightloom), which never fail: the user guide's example must always work.
    fn fixture(&self) -> bool {
        let company = match self {
            Self::Contact(pair) => pair.0.company_id,
            Self::Company(c) => c.id,
        };
        crate::graph::is_fixture_company(company)
    }
}

/// Computes `targets` (indexes into the audience's columns, in the order to compute) for
/// one row. `row` holds every column of the audience.
pub(crate) fn enrich_row(
    audience: &Audience,
    targets: &[usize],
    row: &Row,
    graph: &IdentityGraph,
    engine: &mut Option<FormulaEngine>,
    tuning: Tuning,
) -> Vec<Outcome> {
    // The row's values by display name, updated as columns are computed.
    let mut values: Map<String, Value> = audience
        .columns
        .iter()
        .zip(&row.cells)
        .map(|(c, cell)| (c.name.clone(), cell.value.clone().unwrap_or(Value::Null)))
        .collect();
    let mut entity: Option<Entity> = None;
    let mut match_done = false;
    let mut out = Vec::with_capacity(targets.len());
    for &index in targets {
        let col = &audience.columns[index];
        let previous = &row.cells[index];
        // A retryable ERROR being enriched again (the job marked it LOADING, keeping its error).
        let retrying = matches!(previous.state, CellState::Error | CellState::Loading)
            && previous.error.as_ref().is_some_and(|e| e.retryable);
        let outcome = match col.column_type {
            ColumnType::ZoominfoMatch => {
                let (outcome, found) = match_row(audience, row, graph, index, retrying);
                entity = found;
                match_done = true;
                outcome
            }
            ColumnType::Formula => formula(col, index, &values, engine),
            ColumnType::Ai => {
                if !match_done {
                    entity = existing_match(audience, &values, graph);
                    match_done = true;
                }
                ai_cell(audience, index, &values, entity.as_ref(), retrying, tuning)
            }
            _ => continue,
        };
        let name = col.name.clone();
        let shown = outcome
            .value
            .as_ref()
            .and_then(|v| value::to_json(col.value_type(), v.into()))
            .unwrap_or(Value::Null);
        values.insert(name, shown);
        out.push(outcome);
    }
    out
}

fn match_row(
    audience: &Audience,
    row: &Row,
    graph: &IdentityGraph,
    index: usize,
    retrying: bool,
) -> (Outcome, Option<Entity>) {
    if audience.match_criteria.is_empty() {
        return (
            Outcome::error(
                index,
                "Missing match criteria",
                "The audience has no match criteria; map input columns to ZoomInfo attributes with the match-criteria endpoint",
                false,
            ),
            None,
        );
    }
    let inputs: Vec<_> = audience
        .match_criteria
        .iter()
        .filter_map(|m| {
            let pos = audience.columns.iter().position(|c| c.id == m.column_id)?;
            let text = row.cells[pos].value.as_ref().map(value::display)?;
            let text = text.trim().to_owned();
            (!text.is_empty()).then_some((m.mapped_to, text))
        })
        .collect();
    if inputs.is_empty() {
        return (
            Outcome::error(
                index,
                "Insufficient match input",
                "Every column mapped in the match criteria is blank in this row",
                false,
            ),
            None,
        );
    }
    let found = match audience.audience_type {
        AudienceType::Contact => graph.match_contact(&inputs),
        AudienceType::Company => graph.match_company(&inputs),
    };
    let entity = match found {
        MatchOutcome::Contact(c) => {
            let company = graph.company(c.company_id);
            Entity::Contact(Box::new((c, company)))
        }
        MatchOutcome::Company(c) => Entity::Company(Box::new(c)),
        MatchOutcome::NoMatch => return (Outcome::no_result(index), None),
        MatchOutcome::MissingInput => {
            return (
                Outcome::error(
                    index,
                    "Insufficient match input",
                    "The mapped columns of this row do not identify a record",
                    false,
                ),
                None,
            );
        }
    };
    let fault = match &entity {
        Entity::Contact(pair) => pair.0.enrichment_fault.clone(),
        Entity::Company(c) => c.enrichment_fault.clone(),
    };
    match fault {
        Some(f @ EntityFault::Permanent { .. }) => (
            Outcome::error(index, f.summary(), f.description(), false),
            None,
        ),
        Some(f @ EntityFault::Transient { .. }) if !retrying => (
            Outcome::error(index, f.summary(), f.description(), true),
            None,
        ),
        _ => (
            Outcome::result(index, SqlValue::Text(entity.id().to_string())),
            Some(entity),
        ),
    }
}

/// The entity of a row whose match column holds a RESULT from an earlier run.
fn existing_match(
    audience: &Audience,
    values: &Map<String, Value>,
    graph: &IdentityGraph,
) -> Option<Entity> {
    let col = audience.match_column()?;
    let id: u64 = match values.get(&col.name)? {
        Value::String(s) => s.parse().ok()?,
        Value::Number(n) => n.as_u64()?,
        _ => return None,
    };
    match audience.audience_type {
        AudienceType::Contact => {
            let c = graph.contact(id)?;
            let company = graph.company(c.company_id);
            Some(Entity::Contact(Box::new((c, company))))
        }
        AudienceType::Company => graph.company(id).map(|c| Entity::Company(Box::new(c))),
    }
}

fn formula(
    col: &crate::store::columns::Column,
    index: usize,
    values: &Map<String, Value>,
    engine: &mut Option<FormulaEngine>,
) -> Outcome {
    let Some(program) = col.script_expression.as_deref() else {
        let prompt = col.prompt.as_deref().unwrap_or_default();
        let why = FormulaEngine::check(prompt).err().unwrap_or_default();
        return Outcome::error(
            index,
            "Formula could not be compiled",
            &format!(
                "The emulator runs FORMULA prompts as JavaScript with the row's values in scope (e.g. Email.split('@')[1]); '{prompt}' is not JavaScript: {why}"
            ),
            false,
        );
    };
    if engine.is_none() {
        match FormulaEngine::new() {
            Ok(e) => *engine = Some(e),
            Err(e) => return Outcome::error(index, "Formula engine unavailable", &e, true),
        }
    }
    let Some(engine) = engine.as_mut() else {
        return Outcome::error(index, "Formula engine unavailable", "no engine", true);
    };
    match engine.eval(program, values) {
        Ok(None) => Outcome::no_result(index),
        Ok(Some(v)) => match value::coerce(col.value_type(), &v) {
            Ok(Some(stored)) => Outcome::result(index, stored),
            Ok(None) => Outcome::no_result(index),
            Err(why) => Outcome::error(
                index,
                "Formula result does not fit the column",
                &format!("{why} (column '{}' is {})", col.name, col.value_type()),
                false,
            ),
        },
        Err(why) => Outcome::error(index, "Formula error", &why, false),
    }
}

fn ai_cell(
    audience: &Audience,
    index: usize,
    values: &Map<String, Value>,
    entity: Option<&Entity>,
    retrying: bool,
    tuning: Tuning,
) -> Outcome {
    let col = &audience.columns[index];
    let Some(entity) = entity else {
        return Outcome::no_result(index);
    };
    if !retrying && !entity.fixture() && flaky(tuning, &col.name, entity.id()) {
        return Outcome::error(
            index,
            "AI provider timeout",
            "The AI provider did not answer in time; enriching this cell again is expected to succeed",
            true,
        );
    }
    let (contact, company) = match entity {
        Entity::Contact(pair) => (Some(&pair.0), pair.1.as_ref()),
        Entity::Company(c) => (None, Some(c.as_ref())),
    };
    let column_inputs: Vec<(String, String)> = col
        .dependencies
        .iter()
        .filter(|d| d.kind == InputType::Column)
        .filter_map(|d| {
            let dep = audience.column(&d.id)?;
            let v = values.get(&dep.name).map(value::display)?;
            (!v.is_empty()).then(|| (dep.name.clone(), v))
        })
        .collect();
    let knowledge: Vec<String> = col
        .dependencies
        .iter()
        .filter(|d| d.kind == InputType::KnowledgeBase)
        .map(|d| d.id.clone())
        .collect();
    let request = AiRequest {
        tool: col.tool,
        prompt: col.prompt.as_deref().unwrap_or_default(),
        data_type: col.value_type(),
        column_name: &col.name,
        contact,
        company,
        column_inputs: &column_inputs,
        knowledge: &knowledge,
    };
    match ai::generate(&request) {
        Ok(answer) => {
            let json = answer.to_json();
            match value::coerce(col.value_type(), &json) {
                Ok(Some(stored)) => Outcome::result(index, stored),
                Ok(None) => Outcome::no_result(index),
                Err(why) => Outcome::error(index, "AI answer does not fit the column", &why, false),
            }
        }
        Err(failure) => Outcome::error(index, &failure.summary, &failure.description, false),
    }
}

/// Whether an AI cell fails on its first attempt: a deterministic draw from (seed, column
/// name, entity id), so the same data fails the same way on every run.
fn flaky(tuning: Tuning, column: &str, entity: u64) -> bool {
    if tuning.ai_error_rate <= 0.0 {
        return false;
    }
    let mut h: u64 = tuning.seed ^ 0xA1_C0_1D_5E_ED;
    for b in column.bytes().chain(entity.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    ((h >> 11) as f64 / (1u64 << 53) as f64) < tuning.ai_error_rate
}
