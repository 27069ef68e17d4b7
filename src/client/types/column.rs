//! Columns: data and column types, the column resource, column requests, AI data
//! dependencies, match criteria and filter metadata.

use serde::{Deserialize, Serialize};

use super::document::{Doc, NewResource, Resource};
use super::filter::FilterOperator;
use super::null_as_default;

open_enum! {
    /// A column's data type (`ColumnDataType`).
    ///
    /// CUSTOM columns can use `Text` through `Object`; the identifier, picklist, `ZI_*` and
    /// `Markup` types appear on system and CRM columns (and `ZI_*` on ZOOMINFO_MATCH columns).
    pub enum DataType {
        /// Short text (< 2000 characters).
        Text = "TEXT",
        /// Long text.
        LargeText = "LARGE_TEXT",
        /// One email address.
        Email = "EMAIL",
        /// One phone number.
        Phone = "PHONE",
        /// A web address or domain.
        Url = "URL",
        /// A whole number.
        Integer = "INTEGER",
        /// A decimal number.
        Decimal = "DECIMAL",
        /// A percentage.
        Percent = "PERCENT",
        /// A monetary value.
        Currency = "CURRENCY",
        /// True or false.
        Boolean = "BOOLEAN",
        /// A checkbox (true or false).
        Checkbox = "CHECKBOX",
        /// A calendar date, `YYYY-MM-DD`.
        Date = "DATE",
        /// A list of strings.
        StringList = "STRING_LIST",
        /// A list of numbers.
        NumberList = "NUMBER_LIST",
        /// A list of email addresses.
        EmailList = "EMAIL_LIST",
        /// A list of phone numbers.
        PhoneList = "PHONE_LIST",
        /// A list of URLs.
        UrlList = "URL_LIST",
        /// Nested JSON, sent as a JSON-encoded string.
        Object = "OBJECT",
        /// A string identifier.
        OpaqueIdentifier = "OPAQUE_IDENTIFIER",
        /// A numeric identifier.
        OrdinalIdentifier = "ORDINAL_IDENTIFIER",
        /// A link to another entity.
        Reference = "REFERENCE",
        /// One of a predefined list of options.
        Picklist = "PICKLIST",
        /// Several of a predefined list of options.
        Multipicklist = "MULTIPICKLIST",
        /// A ZoomInfo contact id (number or string on the wire).
        ZiContactId = "ZI_CONTACT_ID",
        /// A ZoomInfo company id (number or string on the wire).
        ZiCompanyId = "ZI_COMPANY_ID",
        /// Formatted text or HTML.
        Markup = "MARKUP",
    }
}

open_enum! {
    /// Where a column's values come from (`ColumnType`). Only `Custom`, `Formula`, `Ai` and
    /// `ZoominfoMatch` can be created through the API; the others appear on read.
    pub enum ColumnType {
        /// Values written by the caller.
        Custom = "CUSTOM",
        /// CRM search.
        CrmSearch = "CRM_SEARCH",
        /// CRM.
        Crm = "CRM",
        /// CSV import.
        Csv = "CSV",
        /// Computed from other columns by a formula.
        Formula = "FORMULA",
        /// Account AI.
        AccountAi = "ACCOUNT_AI",
        /// Connectors.
        Connectors = "CONNECTORS",
        /// Routing.
        Routing = "ROUTING",
        /// Snowflake.
        Snowflake = "SNOWFLAKE",
        /// Written by an AI tool from a prompt.
        Ai = "AI",
        /// ZoomInfo Copilot signals.
        ZoominfoCopilotSignals = "ZOOMINFO_COPILOT_SIGNALS",
        /// ZoomInfo audience.
        ZoominfoAudience = "ZOOMINFO_AUDIENCE",
        /// ZoomInfo job postings.
        ZoominfoJobPostings = "ZOOMINFO_JOB_POSTINGS",
        /// ZoomInfo WebSights.
        ZoominfoWebsights = "ZOOMINFO_WEBSIGHTS",
        /// ZoomInfo contact changes.
        ZoominfoContactChanges = "ZOOMINFO_CONTACT_CHANGES",
        /// ZoomInfo technologies.
        ZoominfoTechnologies = "ZOOMINFO_TECHNOLOGIES",
        /// ZoomInfo intent.
        ZoominfoIntent = "ZOOMINFO_INTENT",
        /// In-market score.
        InMarketScore = "IN_MARKET_SCORE",
        /// ZoomInfo scoops.
        ZoominfoScoops = "ZOOMINFO_SCOOPS",
        /// ZoomInfo company data.
        ZoominfoCompany = "ZOOMINFO_COMPANY",
        /// ZoomInfo contact data.
        ZoominfoContact = "ZOOMINFO_CONTACT",
        /// ZoomInfo custom.
        ZoominfoCustom = "ZOOMINFO_CUSTOM",
        /// The audience's ZoomInfo match column.
        ZoominfoMatch = "ZOOMINFO_MATCH",
        /// ZoomInfo contact search.
        ZoominfoContactSearch = "ZOOMINFO_CONTACT_SEARCH",
        /// Signals audience default.
        SignalsAudienceDefault = "SIGNALS_AUDIENCE_DEFAULT",
        /// JSON parser.
        JsonParser = "JSON_PARSER",
        /// Reference mapper.
        ReferenceMapper = "REFERENCE_MAPPER",
        /// Audience lookup.
        AudienceLookup = "AUDIENCE_LOOKUP",
        /// GraphQL audience default.
        GraphqlAudienceDefault = "GRAPHQL_AUDIENCE_DEFAULT",
        /// GraphQL.
        Graphql = "GRAPHQL",
        /// Account look-alike.
        AccountLookAlike = "ACCOUNT_LOOK_ALIKE",
        /// Contact look-alike.
        ContactLookAlike = "CONTACT_LOOK_ALIKE",
        /// ZoomInfo federated search.
        ZoominfoFederatedSearch = "ZOOMINFO_FEDERATED_SEARCH",
    }
}

impl ColumnType {
    /// Whether columns of this type can be created through the API.
    pub fn is_creatable(&self) -> bool {
        matches!(
            self,
            Self::Custom | Self::Formula | Self::Ai | Self::ZoominfoMatch
        )
    }
}

open_enum! {
    /// The tool an AI column runs (`AiTool`); absent means the default AI workflow.
    pub enum AiTool {
        /// Data analysis.
        AiDataAnalysis = "AI_DATA_ANALYSIS",
        /// Web research.
        AiWebResearch = "AI_WEB_RESEARCH",
        /// Conversation intelligence.
        AiConversationIntelligence = "AI_CONVERSATION_INTELLIGENCE",
        /// Emailer.
        AiEmailer = "AI_EMAILER",
    }
}

open_enum! {
    /// What an AI column's data dependency is (`ColumnInputType`).
    pub enum InputType {
        /// A column of the audience.
        Column = "COLUMN",
        /// A knowledge-base attribute (Account Intelligence or ZoomInfo data).
        KnowledgeBase = "KNOWLEDGE_BASE",
    }
}

open_enum! {
    /// The ZoomInfo field a column is matched on (`MatchFields`).
    pub enum MatchField {
        /// Company website or domain (contact and company audiences).
        CompanyWebsite = "COMPANY_WEBSITE",
        /// Company name (contact and company audiences).
        CompanyName = "COMPANY_NAME",
        /// ZoomInfo company id.
        ZoominfoCompanyId = "ZOOMINFO_COMPANY_ID",
        /// Company country.
        CompanyCountry = "COMPANY_COUNTRY",
        /// Company state.
        CompanyState = "COMPANY_STATE",
        /// Company city.
        CompanyCity = "COMPANY_CITY",
        /// Company ZIP code.
        CompanyZipCode = "COMPANY_ZIP_CODE",
        /// Company phone.
        CompanyPhone = "COMPANY_PHONE",
        /// Company ticker.
        CompanyTicker = "COMPANY_TICKER",
        /// Company LinkedIn id.
        CompanyLinkedinId = "COMPANY_LINKEDIN_ID",
        /// Company IP addresses.
        CompanyIpAddresses = "COMPANY_IP_ADDRESSES",
        /// Company metro area.
        CompanyMetroArea = "COMPANY_METRO_AREA",
        /// Company LinkedIn URL.
        CompanyLinkedinUrl = "COMPANY_LINKEDIN_URL",
        /// Company Facebook URL.
        CompanyFacebookUrl = "COMPANY_FACEBOOK_URL",
        /// Company Twitter URL.
        CompanyTwitterUrl = "COMPANY_TWITTER_URL",
        /// Company Google+ URL.
        CompanyGooglePlusUrl = "COMPANY_GOOGLE_PLUS_URL",
        /// Company YouTube URL.
        CompanyYoutubeUrl = "COMPANY_YOUTUBE_URL",
        /// Company location.
        CompanyLocation = "COMPANY_LOCATION",
        /// Company location code.
        CompanyLocationCode = "COMPANY_LOCATION_CODE",
        /// Contact first name.
        ContactFirstName = "CONTACT_FIRST_NAME",
        /// Contact last name.
        ContactLastName = "CONTACT_LAST_NAME",
        /// Contact email.
        ContactEmail = "CONTACT_EMAIL",
        /// Job title.
        JobTitle = "JOB_TITLE",
        /// Direct phone.
        DirectPhone = "DIRECT_PHONE",
        /// Mobile phone.
        MobilePhone = "MOBILE_PHONE",
        /// Contact street.
        ContactStreet = "CONTACT_STREET",
        /// Contact city.
        ContactCity = "CONTACT_CITY",
        /// Contact state.
        ContactState = "CONTACT_STATE",
        /// Contact country.
        ContactCountry = "CONTACT_COUNTRY",
        /// Contact ZIP code.
        ContactZipCode = "CONTACT_ZIP_CODE",
        /// ZoomInfo contact id.
        ZoominfoContactId = "ZOOMINFO_CONTACT_ID",
        /// Contact middle name.
        ContactMiddleName = "CONTACT_MIDDLE_NAME",
        /// Contact LinkedIn URL.
        ContactLinkedinUrl = "CONTACT_LINKEDIN_URL",
        /// Contact Twitter URL.
        ContactTwitterUrl = "CONTACT_TWITTER_URL",
        /// The contact's company LinkedIn id.
        ContactLinkedinCompanyId = "CONTACT_LINKEDIN_COMPANY_ID",
        /// The contact's ZoomInfo company id.
        ContactZoominfoCompanyId = "CONTACT_ZOOMINFO_COMPANY_ID",
        /// The contact's parent id.
        ContactParentId = "CONTACT_PARENT_ID",
        /// Hashed emails.
        ContactHashedEmails = "CONTACT_HASHED_EMAILS",
        /// Private LinkedIn ids.
        ContactLinkedinPrivateIds = "CONTACT_LINKEDIN_PRIVATE_IDS",
    }
}

/// A reference from an AI column to what it reads: `{"id", "type"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataDependencyRef {
    /// A column id or a knowledge-base attribute id.
    pub id: String,
    /// Which of the two `id` is.
    #[serde(rename = "type")]
    pub kind: InputType,
}

impl DataDependencyRef {
    /// A dependency on the audience column `column_id`.
    pub fn column(column_id: impl Into<String>) -> Self {
        Self {
            id: column_id.into(),
            kind: InputType::Column,
        }
    }

    /// A dependency on the knowledge-base attribute `id`.
    pub fn knowledge_base(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind: InputType::KnowledgeBase,
        }
    }
}

/// Something an AI column of a given tool can depend on
/// (`GET .../columns/data-dependencies/{tool}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataDependency {
    /// A column id or a knowledge-base attribute id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// What it is.
    #[serde(default)]
    pub description: Option<String>,
    /// Its data type.
    pub data_type: DataType,
    /// Column or knowledge base.
    #[serde(rename = "type")]
    pub kind: InputType,
}

impl DataDependency {
    /// The reference to put in [`NewColumn::data_dependencies`].
    pub fn to_ref(&self) -> DataDependencyRef {
        DataDependencyRef {
            id: self.id.clone(),
            kind: self.kind.clone(),
        }
    }
}

/// One match criterion: the audience column `column_id` holds the ZoomInfo field `mapped_to`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchCriterion {
    /// The audience column.
    pub column_id: String,
    /// The ZoomInfo field its values are.
    pub mapped_to: MatchField,
}

/// A column of an audience (`ReadColumn`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Resource<ColumnAttributes>")]
pub struct Column {
    /// The column id (a UUID).
    pub id: String,
    /// Its name, unique in the audience (ignoring case).
    pub name: String,
    /// Its data type (may be absent on AI columns).
    pub data_type: Option<DataType>,
    /// Where its values come from.
    pub column_type: ColumnType,
    /// Whether it can be deleted.
    pub is_deletable: bool,
    /// Whether its values can be written by the upsert endpoints.
    pub is_editable: bool,
    /// Whether it is exported.
    pub is_exportable: bool,
    /// Whether rows can be filtered on it.
    pub is_filterable: bool,
    /// Whether rows can be sorted by it.
    pub is_sortable: bool,
    /// Whether it is frozen in the UI.
    pub is_frozen: bool,
    /// Whether it is hidden in the UI.
    pub is_hidden: bool,
    /// The prompt of a FORMULA or AI column.
    pub prompt: Option<String>,
    /// The tool of an AI column.
    pub tool: Option<AiTool>,
    /// What an AI column reads.
    pub data_dependencies: Vec<DataDependencyRef>,
    /// A FORMULA column's JavaScript (`scriptConfiguration.expression`).
    pub script_expression: Option<String>,
    /// A ZOOMINFO_MATCH column's match criteria.
    pub match_criteria: Vec<MatchCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ColumnAttributes {
    #[serde(default, deserialize_with = "null_as_default")]
    name: String,
    #[serde(default)]
    data_type: Option<DataType>,
    column_type: ColumnType,
    #[serde(default, deserialize_with = "null_as_default")]
    is_deletable: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_editable: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_exportable: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_filterable: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_sortable: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_frozen: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    is_hidden: bool,
    #[serde(default)]
    prompt: Option<String>,
    #[serde(default)]
    tool: Option<AiTool>,
    #[serde(default, deserialize_with = "null_as_default")]
    data_dependencies: Vec<DataDependencyRef>,
    #[serde(default)]
    script_configuration: Option<ScriptConfiguration>,
    #[serde(default, deserialize_with = "null_as_default")]
    match_criteria: Vec<MatchCriterion>,
}

/// A FORMULA column's `scriptConfiguration`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ScriptConfiguration {
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    expression: Option<String>,
}

impl From<Resource<ColumnAttributes>> for Column {
    fn from(r: Resource<ColumnAttributes>) -> Self {
        let a = r.attributes;
        Self {
            id: r.id,
            name: a.name,
            data_type: a.data_type,
            column_type: a.column_type,
            is_deletable: a.is_deletable,
            is_editable: a.is_editable,
            is_exportable: a.is_exportable,
            is_filterable: a.is_filterable,
            is_sortable: a.is_sortable,
            is_frozen: a.is_frozen,
            is_hidden: a.is_hidden,
            prompt: a.prompt,
            tool: a.tool,
            data_dependencies: a.data_dependencies,
            script_expression: a.script_configuration.and_then(|s| s.expression),
            match_criteria: a.match_criteria,
        }
    }
}

/// A column to create: CUSTOM (at audience creation only), FORMULA, AI or ZOOMINFO_MATCH.
///
/// Required per type: CUSTOM `name` + `data_type`; FORMULA `name` + `prompt`; AI `name` +
/// `prompt` (`tool` and `data_dependencies` optional); ZOOMINFO_MATCH `name` + `data_type`
/// (`ZiContactId` in a CONTACT audience, `ZiCompanyId` in a COMPANY one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewColumn {
    /// Its name, unique in the audience (ignoring case), at most 100 characters.
    pub name: String,
    /// Its type.
    pub column_type: ColumnType,
    /// Its data type (cannot be changed later).
    pub data_type: Option<DataType>,
    /// The prompt of a FORMULA or AI column.
    pub prompt: Option<String>,
    /// The tool of an AI column.
    pub tool: Option<AiTool>,
    /// What an AI column reads.
    pub data_dependencies: Vec<DataDependencyRef>,
    /// A FORMULA column's JavaScript, sent as `scriptConfiguration`.
    pub script_expression: Option<String>,
}

impl Default for NewColumn {
    /// An unnamed CUSTOM column without a data type.
    fn default() -> Self {
        Self {
            name: String::new(),
            column_type: ColumnType::Custom,
            data_type: None,
            prompt: None,
            tool: None,
            data_dependencies: Vec::new(),
            script_expression: None,
        }
    }
}

impl NewColumn {
    /// A CUSTOM column.
    pub fn custom(name: impl Into<String>, data_type: DataType) -> Self {
        Self {
            name: name.into(),
            data_type: Some(data_type),
            ..Self::default()
        }
    }

    /// A FORMULA column computed by `prompt` (a JavaScript expression).
    pub fn formula(name: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            column_type: ColumnType::Formula,
            prompt: Some(prompt.into()),
            ..Self::default()
        }
    }

    /// An AI column answering `prompt`.
    pub fn ai(name: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            column_type: ColumnType::Ai,
            prompt: Some(prompt.into()),
            ..Self::default()
        }
    }

    /// A ZOOMINFO_MATCH column (`data_type` `ZiContactId` or `ZiCompanyId`).
    pub fn zoominfo_match(name: impl Into<String>, data_type: DataType) -> Self {
        Self {
            name: name.into(),
            column_type: ColumnType::ZoominfoMatch,
            data_type: Some(data_type),
            ..Self::default()
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewColumnAttrs<'a> {
    column_type: &'a ColumnType,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_type: Option<&'a DataType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool: Option<&'a AiTool>,
    #[serde(skip_serializing_if = "no_dependencies")]
    data_dependencies: &'a [DataDependencyRef],
    #[serde(skip_serializing_if = "Option::is_none")]
    script_configuration: Option<ScriptOut<'a>>,
}

fn no_dependencies(deps: &&[DataDependencyRef]) -> bool {
    deps.is_empty()
}

#[derive(Debug, Serialize)]
struct ScriptOut<'a> {
    language: &'static str,
    expression: &'a str,
}

/// A column in a request body (audience creation and the bulk column create).
pub(crate) fn new_column_resource(c: &NewColumn) -> impl Serialize + '_ {
    NewResource::new(
        "Column",
        NewColumnAttrs {
            column_type: &c.column_type,
            name: &c.name,
            data_type: c.data_type.as_ref(),
            prompt: c.prompt.as_deref(),
            tool: c.tool.as_ref(),
            data_dependencies: &c.data_dependencies,
            script_configuration: c.script_expression.as_deref().map(|e| ScriptOut {
                language: "JAVASCRIPT",
                expression: e,
            }),
        },
    )
}

/// The body of `POST .../columns/actions/bulk/create`.
pub(crate) fn columns_create_body(columns: &[NewColumn]) -> impl Serialize + '_ {
    Doc {
        data: columns.iter().map(new_column_resource).collect::<Vec<_>>(),
    }
}

/// Changes to a column (`PATCH .../columns/{id}`): only the fields that are `Some` change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnPatch {
    /// A new name.
    pub name: Option<String>,
    /// Freeze or unfreeze.
    pub is_frozen: Option<bool>,
    /// Hide or show.
    pub is_hidden: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ColumnPatchAttrs<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_frozen: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_hidden: Option<bool>,
}

/// The body of `PATCH .../columns/{id}`.
pub(crate) fn column_patch_body(patch: &ColumnPatch) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "Column",
            ColumnPatchAttrs {
                name: patch.name.as_deref(),
                is_frozen: patch.is_frozen,
                is_hidden: patch.is_hidden,
            },
        ),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MatchCriteriaAttrs<'a> {
    match_criteria: &'a [MatchCriterion],
}

/// The body of `POST .../actions/match-criteria` with explicit criteria.
pub(crate) fn match_criteria_body(criteria: &[MatchCriterion]) -> impl Serialize + '_ {
    Doc {
        data: NewResource::new(
            "UpsertMatchCriteria",
            MatchCriteriaAttrs {
                match_criteria: criteria,
            },
        ),
    }
}

/// `{"data": [Column...]}` (the bulk create's 201).
pub(crate) type ColumnList = Doc<Vec<Column>>;

/// `{"data": {"type": "ColumnDataDependencyList", "attributes": [...]}}`.
#[derive(Debug, Deserialize)]
pub(crate) struct DataDependencyList {
    pub(crate) data: DataDependencyListData,
}

/// The `data` of a data-dependency list (its `attributes` is an array, and it has no id).
#[derive(Debug, Deserialize)]
pub(crate) struct DataDependencyListData {
    #[serde(default, deserialize_with = "null_as_default")]
    pub(crate) attributes: Vec<DataDependency>,
}

/// One column's entry in `filter-metadata`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnFilterMetadata {
    /// The column.
    pub column_id: String,
    /// Whether rows can be filtered on it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_filterable: bool,
    /// The operators it supports (`filterOperators`).
    #[serde(
        rename = "filterOperators",
        default,
        deserialize_with = "null_as_default"
    )]
    pub operators: Vec<OperatorConfig>,
}

/// One operator a column supports, with its limits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorConfig {
    /// The operator.
    pub operator: FilterOperator,
    /// Whether it takes several values (`isMultipleSupported`; a cell matches any of them,
    /// or none of them for the negative operators).
    #[serde(
        rename = "isMultipleSupported",
        default,
        deserialize_with = "null_as_default"
    )]
    pub multiple: bool,
    /// The most values it takes (absent: no limit; 0: pass `[]`).
    #[serde(default)]
    pub value_count_limit: Option<u32>,
    /// The fewest characters a text value must have (absent: no minimum).
    #[serde(default)]
    pub min_char_limit: Option<u32>,
}

/// `{"data": {"id", "type": "AudienceFilterMetadata", "attributes": {"filterMetadata": [...]}}}`.
#[derive(Debug, Deserialize)]
pub(crate) struct FilterMetadataDoc {
    pub(crate) data: FilterMetadataData,
}

/// The `data` of a filter-metadata document.
#[derive(Debug, Deserialize)]
pub(crate) struct FilterMetadataData {
    pub(crate) attributes: FilterMetadataAttrs,
}

/// Its attributes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FilterMetadataAttrs {
    #[serde(default, deserialize_with = "null_as_default")]
    pub(crate) filter_metadata: Vec<ColumnFilterMetadata>,
}
