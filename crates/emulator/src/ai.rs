//! TEMPORARY placeholder until the AI generator lands (not to be committed).
#![allow(dead_code, unused_variables)]
use crate::graph::{Company, Contact};
use crate::model::{AiTool, AudienceType, DataType};

pub(crate) struct AiRequest<'a> {
    pub(crate) tool: Option<AiTool>,
    pub(crate) prompt: &'a str,
    pub(crate) data_type: DataType,
    pub(crate) column_name: &'a str,
    pub(crate) contact: Option<&'a Contact>,
    pub(crate) company: Option<&'a Company>,
    pub(crate) column_inputs: &'a [(String, String)],
    pub(crate) knowledge: &'a [String],
}
pub(crate) enum AiValue { Text(String), Number(f64), Bool(bool), TextList(Vec<String>), NumberList(Vec<f64>) }
pub(crate) struct AiFailure { pub(crate) summary: String, pub(crate) description: String }
pub(crate) fn generate(req: &AiRequest<'_>) -> Result<AiValue, AiFailure> {
    Ok(AiValue::Text(format!("{} {}", req.contact.map(|c| c.first_name.clone()).unwrap_or_default(), req.company.map(|c| c.name.clone()).unwrap_or_default())))
}
pub(crate) struct KnowledgeAttribute { pub(crate) id: &'static str, pub(crate) name: &'static str, pub(crate) description: &'static str, pub(crate) data_type: DataType }
pub(crate) fn knowledge_base_attributes(audience: AudienceType, tool: AiTool) -> Vec<KnowledgeAttribute> {
    vec![KnowledgeAttribute { id: "companyDescription", name: "Company description", description: "d", data_type: DataType::LargeText }]
}
